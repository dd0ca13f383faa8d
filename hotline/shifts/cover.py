"""Cover requests once asked (`asking`: COVER by text, or the console): the first `TAKE 512`
wins.

Taking is one conditional UPDATE (open -> taken) made while the line's row is locked, as
offers are taken, so two TAKEs at the same instant give the turn exactly one responder. The
winner becomes a roster override (so dispatch and `hotline oncall` see them at once), in the
same transaction as its audit-log entry. The requester can CANCEL while nobody has taken it;
the taker can UNTAKE before the turn starts, which asks the others again.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.work import UnitOfWork, unit_of_work
from hotline.infra import audit, db
from hotline.infra.models import Line, Responder, utcnow
from hotline.infra.queue import Task, Work
from hotline.infra.shift_records import CoverRequest, ShiftReminder
from hotline.shifts import reminders
from hotline.shifts.asking import ask_others, locked_line
from hotline.shifts.texts import tell, tell_coordinators
from routing.roster import RosterError, parse_roster, roster_to_doc
from routing.roster_model import Override

log = logging.getLogger(__name__)

LATE = timedelta(seconds=5)


def find(session: Session, line_id: int, code: str) -> CoverRequest | None:
    """The line's newest cover request with this code."""
    return session.exec(select(CoverRequest).where(
        CoverRequest.line_id == line_id, CoverRequest.code == code)
        .order_by(CoverRequest.id.desc())).first()


def current(session: Session, line_id: int, now: datetime,
            requester_ids: list[int] | None = None) -> list[CoverRequest]:
    """The line's requests still open or taken whose span has not ended (only those of
    `requester_ids` when given), soonest first."""
    query = select(CoverRequest).where(
        CoverRequest.line_id == line_id, CoverRequest.status.in_(("open", "taken")),
        CoverRequest.ends_at > now)
    if requester_ids is not None:
        query = query.where(CoverRequest.requester_id.in_(requester_ids))
    return list(session.exec(query.order_by(CoverRequest.starts_at, CoverRequest.id)))


def take(uow: UnitOfWork, responder: Responder, code: str) -> bool:
    """`TAKE 512`: the first wins the turn; anyone after is told it is taken. True when won."""
    now = utcnow()
    line = locked_line(uow, responder.line_id)
    request = find(uow.session, line.id, code)
    if request is None or request.status == "cancelled":
        tell(uow, responder, "cover_no_such", code=code)
        return False
    roster = rosters.roster_of(line)
    spec = roster.responder(responder.name)
    if request.requester_id == responder.id:
        tell(uow, responder, "cover_own", request, line)
        return False
    if request.taker_id == responder.id and request.status == "taken":
        tell(uow, responder, "cover_yours_already", request, line)
        return False
    if request.status == "open" and request.starts_at <= now:
        tell(uow, responder, "cover_started", request, line)
        return False
    if spec is None or (spec.categories and request.category not in spec.categories):
        tell(uow, responder, "cover_not_able", request, line)
        return False
    won = uow.session.execute(
        update(CoverRequest).where(CoverRequest.id == request.id,
                                   CoverRequest.status == "open")
        .values(status="taken", taker_id=responder.id, taken_at=now)).rowcount == 1
    uow.session.refresh(request)
    if not won:
        tell(uow, responder, "cover_taken_already", request, line)
        return False
    requester = uow.session.get(Responder, request.requester_id)
    if not _write_override(line, request, responder.name, requester.name, add=True):
        request.status, request.taker_id, request.taken_at = "open", None, None
        tell(uow, responder, "cover_failed", request, line)
        tell_coordinators(uow, line, roster, "cover_failed", code=request.code)
        return False
    audit.record(uow.session, f"responder {responder.name}", "shift_covered",
                 f"cover {request.code}", line=line.id, rotation=request.rotation,
                 category=request.category,
                 replaces=requester.name, responder=responder.name,
                 start=request.starts_at.isoformat(), end=request.ends_at.isoformat())
    _handed_on(uow, request, requester, responder)
    tell(uow, responder, "cover_won", request, line)
    tell(uow, requester, "cover_taken_for_you", request, line, name=responder.name)
    tell_coordinators(uow, line, roster, "cover_taken_note", request.category, request.starts_at,
                      request.ends_at, code=request.code, name=responder.name,
                      requester=requester.name)
    return True


def _handed_on(uow: UnitOfWork, request: CoverRequest, requester: Responder,
               taker: Responder) -> None:
    """The requester's reminder is done with; the taker's turn counts as confirmed."""
    if request.reminder_id is not None:
        reminder = uow.session.get(ShiftReminder, request.reminder_id)
        reminder.status = "covered"
    taken = ShiftReminder(
        line_id=request.line_id, responder_id=taker.id, category=request.category,
        starts_at=request.starts_at, ends_at=request.ends_at, remind_at=utcnow(),
        alert_at=request.alert_at, status="confirmed", confirmed_at=utcnow())
    if not reminders.add_once(uow.session, taken):
        uow.session.exec(select(ShiftReminder).where(
            ShiftReminder.responder_id == taker.id, ShiftReminder.category == request.category,
            ShiftReminder.starts_at == request.starts_at)).one().status = "confirmed"


def _override(line: Line, request: CoverRequest, taker: str, requester: str) -> Override:
    tz = ZoneInfo(rosters.roster_of(line).timezone)
    return Override(request.rotation, taker, requester,
                    request.starts_at.astimezone(tz).replace(tzinfo=None),
                    request.ends_at.astimezone(tz).replace(tzinfo=None))


def _write_override(line: Line, request: CoverRequest, taker: str, requester: str,
                    add: bool) -> bool:
    """Add (or remove) the taker's override in the line's roster; False if the roster would
    not be valid with it."""
    roster = rosters.roster_of(line)
    wanted = _override(line, request, taker, requester)
    overrides = [o for o in roster.overrides if o != wanted]
    if add:
        overrides.append(wanted)
    doc = roster_to_doc(replace(roster, overrides=tuple(overrides)))
    try:
        parse_roster(doc)
    except RosterError as error:
        log.warning("cover %s not written to the roster: %s", request.id, error.problems[:1])
        return False
    line.roster = doc
    line.updated_at = utcnow()
    return True


def cancel(uow: UnitOfWork, responder: Responder, code: str) -> str:
    """`CANCEL 512`: the requester keeps the turn while nobody has taken it. What became of
    the request: "cancelled", "taken" (it stays so) or "none" (no such request of theirs)."""
    line = locked_line(uow, responder.line_id)
    request = find(uow.session, line.id, code)
    if request is None or request.requester_id != responder.id or request.status == "cancelled":
        tell(uow, responder, "cover_no_such", code=code)
        return "none"
    if request.status == "taken":
        taker = uow.session.get(Responder, request.taker_id)
        tell(uow, responder, "cover_cannot_cancel", request, line, name=taker.name)
        return "taken"
    request.status, request.open_code = "cancelled", None
    if request.reminder_id is not None:
        uow.session.get(ShiftReminder, request.reminder_id).status = "confirmed"
    tell(uow, responder, "cover_cancelled", request, line)
    ask_others(uow, line, request, exclude=(), key="cover_withdrawn")  # so nobody TAKEs it
    return "cancelled"


def untake(uow: UnitOfWork, responder: Responder, code: str) -> None:
    """`UNTAKE 512`: the taker gives the turn back before it starts; the others are asked
    again and the turn is the requester's until someone takes it."""
    now = utcnow()
    line = locked_line(uow, responder.line_id)
    request = find(uow.session, line.id, code)
    if request is None or request.status != "taken" or request.taker_id != responder.id:
        tell(uow, responder, "cover_not_yours", code=code)
        return
    if request.starts_at <= now:
        tell(uow, responder, "cover_untake_late", request, line)
        return
    requester = uow.session.get(Responder, request.requester_id)
    _write_override(line, request, responder.name, requester.name, add=False)
    request.status, request.taker_id, request.taken_at = "open", None, None
    request.alerted_at = None
    taker_row = uow.session.exec(select(ShiftReminder).where(
        ShiftReminder.responder_id == responder.id,
        ShiftReminder.category == request.category,
        ShiftReminder.starts_at == request.starts_at)).first()
    if taker_row is not None:
        taker_row.status = "gone"
    if request.reminder_id is not None:
        uow.session.get(ShiftReminder, request.reminder_id).status = "covering"
    audit.record(uow.session, f"responder {responder.name}", "shift_cover_dropped",
                 f"cover {request.code}", line=line.id, rotation=request.rotation,
                 category=request.category,
                 replaces=requester.name, responder=responder.name,
                 start=request.starts_at.isoformat(), end=request.ends_at.isoformat())
    tell(uow, responder, "cover_untaken", request, line)
    tell(uow, requester, "cover_given_back", request, line, name=responder.name)
    roster = rosters.roster_of(line)
    tell_coordinators(uow, line, roster, "cover_dropped_note", request.category,
                      request.starts_at, request.ends_at, code=request.code,
                      name=responder.name, requester=requester.name)
    ask_others(uow, line, request, exclude=(responder.name,))
    uow.later(max(0.0, (request.alert_at - now).total_seconds()), Task.COVER_UNANSWERED,
              request.id)


def unanswered(request_id: int) -> None:
    """At `alert_at`: a request still open is reported to the coordinators, once."""
    with unit_of_work() as uow:
        request = db.locked(uow.session, CoverRequest, request_id)
        if request is None or request.status != "open" or request.alerted_at is not None:
            return
        now = utcnow()
        if request.alert_at > now + LATE:  # a timer that fired early: wait out the rest
            uow.later((request.alert_at - now).total_seconds(), Task.COVER_UNANSWERED,
                      request.id)
            return
        request.alerted_at = now
        line = uow.session.get(Line, request.line_id)
        requester = uow.session.get(Responder, request.requester_id)
        tell_coordinators(uow, line, rosters.roster_of(line), "cover_unanswered",
                          request.category, request.starts_at, request.ends_at,
                          code=request.code, requester=requester.name)


def release_codes(session: Session, now: datetime) -> None:
    """Free the codes of requests whose turn has ended, for new requests to use."""
    session.execute(update(CoverRequest).where(
        CoverRequest.open_code.is_not(None), CoverRequest.ends_at < now)
        .values(open_code=None))


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Open requests past their alert time whose alert job was lost."""
    due = session.exec(select(CoverRequest.id).where(
        CoverRequest.status == "open", CoverRequest.alerted_at.is_(None),
        CoverRequest.alert_at < now - LATE))
    return [Work(Task.COVER_UNANSWERED, (rid,)) for rid in due]
