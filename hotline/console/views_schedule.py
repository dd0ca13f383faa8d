"""The schedule editor of a line: everything its roster holds, in forms, for its coordinators
and admins. "Preview" checks the rows with the engine's own validation and shows the next 14
days; "Save" stores exactly what was previewed, in one transaction with an audit entry."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlmodel import select

from hotline.cases import rosters
from hotline.console import schedule_form
from hotline.console.blueprint import bp
from hotline.console.guard import allow, can_see_line, client_address
from hotline.console.problems import message_said, said
from hotline.console.schedule_preview import preview
from hotline.console.text import t
from hotline.infra import audit, db
from hotline.infra.models import Line, Responder, utcnow
from routing.roster import DAYS, RosterError, parse_roster, roster_to_doc
from routing.roster_warnings import check_roster


def _line(tx, line_id: int, lock: bool = False) -> Line:
    if not can_see_line(g.account, line_id):
        abort(403)
    query = select(Line).where(Line.id == line_id)
    line = tx.exec(query.with_for_update() if lock else query).one_or_none()
    if line is None:
        abort(404)
    return line


def _inactive(tx, line: Line) -> dict[str, dict]:
    """Responders of earlier rosters, by name: their saved phone and languages."""
    active = {r["name"] for r in line.roster.get("responders", ())}
    rows = tx.exec(select(Responder).where(Responder.line_id == line.id,
                                           Responder.in_roster == False)  # noqa: E712
                   .order_by(Responder.name))
    return {r.name: {"phone": r.phone, "languages": list(r.languages)}
            for r in rows if r.name not in active}


def _now_wall(line: Line, now):
    zone = ZoneInfo(rosters.roster_of(line).timezone)
    return now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)


@bp.get("/console/lines/<int:line_id>/schedule")
@allow("coordinator")
def schedule(line_id: int):
    now = utcnow()
    with db.transaction() as tx:
        line = _line(tx, line_id)
        saved, inactive = dict(line.roster), _inactive(tx, line)
    roster = rosters.roster_of(line)
    rows = schedule_form.rows_from(saved, inactive, _now_wall(line, now))
    return _page(line, rows, base=schedule_form.fingerprint(saved),
                 days=preview(roster, now), warnings=check_roster(roster))


@bp.post("/console/lines/<int:line_id>/schedule")
@allow("coordinator")
def schedule_post(line_id: int):
    now = utcnow()
    with db.transaction() as tx:
        line = _line(tx, line_id)
        saved, inactive = dict(line.roster), _inactive(tx, line)
    zone_now = _now_wall(line, now)
    rows = schedule_form.rows_posted(request.form, request.form.getlist)
    built = schedule_form.build(rows, saved, inactive, _zone(rows, line), now,
                                t("past_shift"))
    rows = schedule_form.annotate(rows, saved, inactive, zone_now)
    base = request.form.get("base", "")
    problems = list(built.problems)
    try:
        roster = parse_roster(built.doc)
    except RosterError as error:
        problems += error.problems
    if problems:
        return _page(line, rows, base=base, problems=problems, built=built), 422
    warnings = check_roster(roster)
    previewed = schedule_form.fingerprint(built.doc)
    if request.form.get("action") == "save":
        if base != schedule_form.fingerprint(saved):
            flash(t("schedule_conflict"))
            return redirect(url_for("console.schedule", line_id=line_id))
        if request.form.get("previewed") == previewed:
            if roster_to_doc(roster) == saved:
                flash(t("schedule_unchanged"))
            else:
                flash(t("schedule_saved") if _save(line_id, roster, built, saved, base)
                      else t("schedule_conflict"))
            return redirect(url_for("console.schedule", line_id=line_id))
        flash(t("schedule_changed_since_preview"))
    return _page(line, rows, base=base, days=preview(roster, now), warnings=warnings,
                 previewed=previewed, built=built)


def _zone(rows: dict, line: Line):
    """The timezone the rows' times are read in: the one posted, else the saved one."""
    try:
        return ZoneInfo(rows["timezone"])
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo(rosters.roster_of(line).timezone)


def _save(line_id: int, roster, built, saved: dict, base: str) -> bool:
    """Store the roster, unless someone saved another since this one was loaded."""
    with db.transaction() as tx:
        line = _line(tx, line_id, lock=True)
        if schedule_form.fingerprint(line.roster) != base:
            return False
        rosters.import_roster(tx, built.doc, line.number)
        audit.record(tx, g.account.email, "schedule_changed", subject=f"line {line.id}",
                     ip=client_address(), line=line.id,
                     **_changes(saved, roster_to_doc(roster), built))
        rosters.publish_resources(tx)
    return True


def _changes(saved: dict, new: dict, built) -> dict:
    """What an audit entry says of a save: the parts changed and the responders concerned,
    by name (never a phone number)."""
    parts = sorted(key for key in set(saved) | set(new) if saved.get(key) != new.get(key))
    before = {r["name"] for r in saved.get("responders", ())}
    after = {r["name"] for r in new.get("responders", ())}
    detail = {"parts": parts}
    if after - before:
        detail["responders_added"] = sorted(after - before)
    if before - after:
        detail["responders_deactivated"] = sorted(before - after)
    changed_phone = sorted(name for name in built.phones if name in before)
    if changed_phone:
        detail["phone_changed"] = changed_phone
    return detail


def _said(grouped: dict[str, list[str]]) -> dict[str, list[str]]:
    """The engine's messages beside each field, in the reader's language."""
    return {field: [message_said(m) for m in messages] for field, messages in grouped.items()}


def _page(line: Line, rows: dict, base: str, days=None, warnings=(),
          problems=(), previewed: str = "", built=None):
    built = built or schedule_form.Built()
    rows = schedule_form.spare(rows)
    return render_template(
        "schedule.html", line=line, rows=rows, base=base, days=days, previewed=previewed,
        errors=_said(schedule_form.by_field(list(problems), built)),
        warnings=_said(schedule_form.by_field(list(warnings), built)),
        problems=[said(problem) for problem in problems], choices=schedule_form.choices(rows),
        settings=schedule_form.SETTINGS,
        day_labels={day: t(f"day_{i}") for i, day in enumerate(DAYS)})
