"""A line's Shifts page, for its coordinators and admins: the gaps of the next 14 days, the
cover requests still open or taken, and a form to ask for cover on a responder's behalf
(texted as a COVER would be, and recorded in the audit log under the coordinator's email)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from hotline.console import shift_cover
from hotline.console.blueprint import bp
from hotline.console.guard import allow, visible_line
from hotline.console.text import t
from hotline.infra import db
from hotline.infra.models import Line, Responder, utcnow


@bp.get("/console/lines/<int:line_id>/shifts")
@allow("coordinator")
def line_shifts(line_id: int):
    return _page(visible_line(line_id), shift_cover.Posted())


@bp.post("/console/lines/<int:line_id>/shifts/cover")
@allow("coordinator")
def line_shifts_cover(line_id: int):
    line = visible_line(line_id)
    posted = shift_cover.Posted.read(request.form)
    chosen = shift_cover.read_token(posted.shift)
    with db.transaction() as tx:
        responder = tx.get(Responder, chosen[0]) if chosen else None
    if responder is None or responder.line_id != line.id or not responder.in_roster:
        posted.errors["shift"] = t("cover_no_shift")
        return _page(line, posted), 422
    done = shift_cover.submit(line, responder, posted, g.account.email, for_them=True)
    if done is None:
        return _page(line, posted), 422
    flash(done)
    return redirect(url_for("console.line_shifts", line_id=line.id))


def _page(line: Line, posted: shift_cover.Posted):
    with db.transaction() as tx:
        shown = shift_cover.line_view(tx, line, utcnow())
    return render_template("shifts.html", line=line, posted=posted, **shown)
