"""A responder's own page: their shifts on every line for the next 14 days, the two things
they may change about themselves, ON/OFF and languages, and cover: asking for it for (a part
of) a shift, and withdrawing a request nobody has taken. Each change is audited."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from hotline.cases import rosters
from hotline.console import own, shift_cover
from hotline.console.blueprint import bp
from hotline.console.guard import allow, client_address
from hotline.console.text import t
from hotline.infra import audit, db
from hotline.infra.models import Line, utcnow
from routing.roster import RosterError
from routing.roster_model import LANGUAGES


@bp.get("/console/me")
@allow("responder")
def my_shifts():
    return _page(shift_cover.Posted())


def _page(posted: shift_cover.Posted):
    with db.transaction() as tx:
        rows = own.view(tx, g.account, utcnow())
    return render_template("me.html", rows=rows, languages=LANGUAGES, days=own.DAYS,
                           posted=posted)


@bp.post("/console/me/cover")
@allow("responder")
def my_cover():
    posted = shift_cover.Posted.read(request.form)
    chosen = shift_cover.read_token(posted.shift)
    if chosen is None:
        abort(400)
    with db.transaction() as tx:
        responder = own.owns(tx, g.account, chosen[0])
        if responder is None:
            abort(404)
        line = tx.get(Line, responder.line_id)
    done = shift_cover.submit(line, responder, posted, g.account.email, for_them=False)
    if done is None:
        return _page(posted), 422
    flash(done)
    return redirect(url_for("console.my_shifts"))


@bp.post("/console/me/cover/<int:request_id>/cancel")
@allow("responder")
def my_cover_cancel(request_id: int):
    with db.transaction() as tx:
        own_ids = {entry.id for entry in own.entries(tx, g.account)}
    done = shift_cover.cancel(g.account.email, own_ids, request_id)
    if done is None:
        abort(404)
    flash(done)
    return redirect(url_for("console.my_shifts"))


def _change(responder_id: int, change) -> object:
    with db.transaction() as tx:
        responder = own.owns(tx, g.account, responder_id)
        if responder is None:
            abort(404)
        detail = change(tx, responder)
        if detail is not None:
            audit.record(tx, g.account.email, "responder_settings_changed",
                         subject=g.account.email, ip=client_address(),
                         line=responder.line_id, **detail)
    return redirect(url_for("console.my_shifts"))


@bp.post("/console/me/<int:responder_id>/offers")
@allow("responder")
def my_offers(responder_id: int):
    wanted = request.form.get("taking")
    if wanted not in ("on", "off"):
        abort(400)

    def change(tx, responder):
        responder.taking_offers = wanted == "on"
        tx.add(responder)
        flash(t("taking_on_done" if responder.taking_offers else "taking_off_done"))
        return {"taking_offers": responder.taking_offers}

    return _change(responder_id, change)


@bp.post("/console/me/<int:responder_id>/languages")
@allow("responder")
def my_languages(responder_id: int):
    chosen = [code for code in LANGUAGES if code in request.form.getlist("languages")]

    def change(tx, responder):
        if not chosen:
            flash(t("languages_none"))
            return None
        try:
            rosters.set_languages(tx, responder, chosen)
        except RosterError:
            abort(400)
        flash(t("languages_done"))
        return {"languages": chosen}

    return _change(responder_id, change)
