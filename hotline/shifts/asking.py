"""Asking for cover: one function, `request`, makes a cover request for (responder, need,
start, end), whether the responder texted COVER after a reminder or someone asked from the
console.

The span must start in the future and lie inside one turn the roster gives that responder
for that need (overrides and line hours applied, as dispatch sees it). Everyone who serves
the need and is on call for nothing then is texted, those who speak the requester's
languages first: "Can you cover Fri Mar 6, 20:00–08:00 (mental health)? Reply TAKE 512".
The coordinators are told at `alert_at` if nobody has taken it (`cover.unanswered`).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.work import UnitOfWork
from hotline.infra import db
from hotline.infra.models import Line, Responder, utcnow
from hotline.infra.queue import Task
from hotline.infra.shift_records import CoverRequest, ShiftReminder
from hotline.shifts import reminders
from hotline.shifts.texts import tell
from routing import shift_plan
from routing.shift_plan import Turn

DAYS = 14  # how far ahead the console offers turns to ask cover for
LONGEST = timedelta(days=8)  # past the longest shift a weekly rotation makes


class CoverRefused(Exception):
    """A span no cover request can be made for. `reason`: "order" (it does not end after it
    starts), "past" (it starts now or earlier), "open" (an open request of theirs overlaps
    it: `request`), "outside" (it is not inside one of their turns for that need)."""

    def __init__(self, reason: str, request: CoverRequest | None = None) -> None:
        super().__init__(reason)
        self.reason, self.request = reason, request


def locked_line(uow: UnitOfWork, line_id: int) -> Line:
    """The line's row, locked and read afresh: cover changes to its roster never cross."""
    line = db.locked(uow.session, Line, line_id)
    uow.session.refresh(line)
    return line


def upcoming(line: Line, now: datetime, name: str | None = None,
             days: int = DAYS) -> list[Turn]:
    """The line's turns on call that begin in the next `days` days, or are under way (only
    `name`'s when given), by start: each whole, but one under way starts now."""
    horizon = now + timedelta(days=days)
    return [turn for turn in shift_plan.turns(rosters.roster_of(line), now,
                                              horizon + LONGEST, name)
            if turn.start < horizon]


def request(uow: UnitOfWork, responder: Responder, category: str, start: datetime,
            end: datetime, for_them: bool = False) -> tuple[CoverRequest, int]:
    """Make a cover request and text everyone who could take it: the request, and how many
    were asked. `for_them`: a coordinator asked on the responder's behalf. Raises
    CoverRefused, having changed nothing."""
    now = utcnow()
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    line = locked_line(uow, responder.line_id)
    _check(uow.session, line, responder, category, start, end, now)
    roster = rosters.roster_of(line)
    rotation = shift_plan.rotation_of(roster, category, responder.name, start)
    reminder = _reminder_of(uow.session, responder, category, start, end)
    made = _new_request(
        uow, line_id=line.id, requester_id=responder.id,
        reminder_id=reminder.id if reminder else None, rotation=rotation or "",
        category=category, starts_at=start, ends_at=end,
        alert_at=max(now, start - timedelta(hours=roster.confirm_hours)))
    if reminder is not None:
        reminder.status = "covering"
    asked = ask_others(uow, line, made, exclude=()) if rotation else 0
    if asked:
        tell(uow, responder, "cover_asked_for_you" if for_them else "cover_asked", made, line,
             count=asked)
        uow.later(max(0.0, (made.alert_at - now).total_seconds()), Task.COVER_UNANSWERED,
                  made.id)
    else:
        made.alert_at = now
        tell(uow, responder, "cover_nobody", made, line)
        uow.later(0, Task.COVER_UNANSWERED, made.id)
    return made, asked


def _check(session: Session, line: Line, responder: Responder, category: str,
           start: datetime, end: datetime, now: datetime) -> None:
    if start >= end:
        raise CoverRefused("order")
    if start <= now:
        raise CoverRefused("past")
    overlapping = session.exec(select(CoverRequest).where(
        CoverRequest.requester_id == responder.id, CoverRequest.category == category,
        CoverRequest.status == "open", CoverRequest.starts_at < end,
        CoverRequest.ends_at > start)).first()
    if overlapping is not None:
        raise CoverRefused("open", overlapping)
    turns = shift_plan.turns(rosters.roster_of(line), now, end, responder.name)
    if not any(turn.category == category and turn.start <= start and end <= turn.end
               for turn in turns):
        raise CoverRefused("outside")


def _reminder_of(session: Session, responder: Responder, category: str, start: datetime,
                 end: datetime) -> ShiftReminder | None:
    """The reminder row of exactly this turn, if it has one still current."""
    return session.exec(select(ShiftReminder).where(
        ShiftReminder.responder_id == responder.id, ShiftReminder.category == category,
        ShiftReminder.starts_at == start, ShiftReminder.ends_at == end,
        ShiftReminder.status.not_in(("gone", "covered")))).first()


def _new_request(uow: UnitOfWork, **values: object) -> CoverRequest:
    """A request with a three-digit code no other open or taken request of the line uses."""
    for _ in range(50):
        code = f"{100 + secrets.randbelow(900)}"
        try:
            with uow.session.begin_nested():
                made = CoverRequest(code=code, open_code=code, **values)
                uow.session.add(made)
                uow.session.flush()
            return made
        except IntegrityError:
            continue
    raise RuntimeError("no free cover code")


def ask_others(uow: UnitOfWork, line: Line, request: CoverRequest,
               exclude: tuple[str, ...], key: str = "cover_ask") -> int:
    """Text every responder who could take the request (by default, asking them to); how
    many."""
    roster = rosters.roster_of(line)
    requester = uow.session.get(Responder, request.requester_id)
    by_name = rosters.responders_by_name(uow.session, line)
    names = shift_plan.cover_candidates(roster, request.category, request.starts_at,
                                        request.ends_at, requester.name)
    asked = 0
    for name in names:
        other = by_name.get(name)
        if other is None or other.opted_out or name in exclude:
            continue
        tell(uow, other, key, request, line)
        asked += 1
    return asked


def ask(uow: UnitOfWork, responder: Responder) -> bool:
    """`COVER`: ask for cover of the soonest reminded turn; False when the responder has no
    upcoming reminded turn that is still theirs."""
    reminder = reminders.awaiting(uow.session, responder, utcnow(),
                                  ("sent", "confirmed", "covering"))
    if reminder is None:
        return False
    try:
        request(uow, responder, reminder.category, reminder.starts_at, reminder.ends_at)
    except CoverRefused as refused:
        if refused.request is None:
            return False
        tell(uow, responder, "cover_open_already", refused.request,
             uow.session.get(Line, responder.line_id))
    return True
