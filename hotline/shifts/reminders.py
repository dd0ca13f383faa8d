"""Shift reminders: each turn on call is a row before its reminder is due; a job texts the
responder at `remind_at` ("Reply OK to confirm or COVER to ask for cover"), and another tells
the coordinators at `alert_at` if nobody confirmed. The rows survive restarts and a flushed
Redis: `lost_work` finds what is due and was not done.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.parties import responder_language
from hotline.cases.work import UnitOfWork, unit_of_work
from hotline.infra import db
from hotline.infra.models import Line, Responder, utcnow
from hotline.infra.queue import Task, Work
from hotline.infra.shift_records import ShiftReminder
from hotline.infra.words import category_name, say
from hotline.shifts.texts import span, tell_coordinators, zone
from routing import shift_plan

log = logging.getLogger(__name__)

PLAN_AHEAD = timedelta(hours=1)  # turns are planned this long before their reminder is due
PLAN_EVERY = 300  # seconds between planning runs across every worker
LATE = timedelta(seconds=5)  # a due row still untouched this long after: its job was lost
PLAN_LOCK = "hotline:shifts-planned"
_last_plan = {"at": None}


def plan(now: datetime | None = None) -> int:
    """Make a row for every turn on call whose reminder falls due soon, on every line, and
    start its timers; how many new rows."""
    now = now or utcnow()
    made = 0
    with db.transaction() as session:
        line_ids = list(session.exec(select(Line.id)))
    for line_id in line_ids:
        with unit_of_work() as uow:
            made += _plan_line(uow, uow.session.get(Line, line_id), now)
    return made


def _plan_line(uow: UnitOfWork, line: Line, now: datetime) -> int:
    roster = rosters.roster_of(line)
    lead = timedelta(hours=roster.remind_hours)
    by_name = rosters.responders_by_name(uow.session, line)
    made = 0
    for turn in shift_plan.whole_turns(roster, now, now + lead + PLAN_AHEAD):
        responder = by_name.get(turn.name)
        if responder is None:
            continue
        remind_at = turn.start - lead
        alert_at = max(turn.start - timedelta(hours=roster.confirm_hours), remind_at)
        row = ShiftReminder(line_id=line.id, responder_id=responder.id,
                            category=turn.category, starts_at=turn.start, ends_at=turn.end,
                            remind_at=remind_at, alert_at=alert_at)
        if not add_once(uow.session, row):
            continue
        uow.later(max(0.0, (remind_at - now).total_seconds()), Task.SEND_SHIFT_REMINDER, row.id)
        uow.later(max(0.0, (alert_at - now).total_seconds()), Task.SHIFT_UNCONFIRMED, row.id)
        made += 1
    return made


def add_once(session: Session, row: ShiftReminder) -> bool:
    """Insert a turn's row unless the turn has one already (planned twice, or by two
    workers at once); True when this call inserted it."""
    found = session.exec(select(ShiftReminder.id).where(
        ShiftReminder.line_id == row.line_id, ShiftReminder.responder_id == row.responder_id,
        ShiftReminder.category == row.category, ShiftReminder.starts_at == row.starts_at)).first()
    if found is not None:
        return False
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return False
    return True


def _still_theirs(line: Line, reminder: ShiftReminder, responder: Responder) -> bool:
    """Whether the roster still puts this responder on call for the whole turn."""
    return responder.in_roster and shift_plan.on_call_through(
        rosters.roster_of(line), reminder.category, responder.name, reminder.starts_at,
        reminder.ends_at)


def send(reminder_id: int) -> None:
    """Text one due reminder, once, unless the turn changed or the responder said STOP."""
    with unit_of_work() as uow:
        reminder = db.locked(uow.session, ShiftReminder, reminder_id)
        if reminder is None or reminder.status != "planned":
            return
        now = utcnow()
        if reminder.remind_at > now + LATE:  # a timer that fired early: wait out the rest
            uow.later((reminder.remind_at - now).total_seconds(), Task.SEND_SHIFT_REMINDER,
                      reminder.id)
            return
        line = uow.session.get(Line, reminder.line_id)
        responder = uow.session.get(Responder, reminder.responder_id)
        if reminder.starts_at <= now or not _still_theirs(line, reminder, responder):
            reminder.status = "gone"
            return
        if responder.opted_out:
            reminder.status = "silent"  # never texted; the coordinators hear at alert_at
            return
        lang = responder_language(responder)
        when = span(reminder.starts_at, reminder.ends_at, zone(rosters.roster_of(line)), lang)
        reminder.status, reminder.sent_at = "sent", now
        uow.text(responder.phone, say("shift_reminder", lang, when=when,
                                      category=category_name(reminder.category, lang)),
                 purpose="shift", line_id=line.id, responder_id=responder.id)


def unconfirmed(reminder_id: int) -> None:
    """At `alert_at`: a turn still unconfirmed is reported to the line's coordinators."""
    with unit_of_work() as uow:
        reminder = db.locked(uow.session, ShiftReminder, reminder_id)
        if reminder is None or reminder.alerted_at is not None:
            return
        if reminder.status not in ("planned", "sent", "silent"):
            return  # confirmed, handed on by a cover request, or no longer theirs
        now = utcnow()
        if reminder.alert_at > now + LATE:
            uow.later((reminder.alert_at - now).total_seconds(), Task.SHIFT_UNCONFIRMED,
                      reminder.id)
            return
        if reminder.status == "planned":  # its reminder has not gone yet: send it first
            uow.later(10, Task.SHIFT_UNCONFIRMED, reminder.id)
            return
        line = uow.session.get(Line, reminder.line_id)
        responder = uow.session.get(Responder, reminder.responder_id)
        reminder.alerted_at = now
        if reminder.starts_at <= now or not _still_theirs(line, reminder, responder):
            return
        roster = rosters.roster_of(line)
        told = tell_coordinators(uow, line, roster, "shift_unconfirmed", reminder.category,
                                 reminder.starts_at, reminder.ends_at, name=responder.name)
        log.info("shift %s unconfirmed: %d coordinators told", reminder.id, told)


def awaiting(session: Session, responder: Responder, now: datetime,
             statuses: tuple[str, ...] = ("sent",)) -> ShiftReminder | None:
    """The responder's soonest upcoming reminded turn in one of these states."""
    return session.exec(select(ShiftReminder).where(
        ShiftReminder.responder_id == responder.id, ShiftReminder.status.in_(statuses),
        ShiftReminder.starts_at > now).order_by(ShiftReminder.starts_at)).first()


def confirm(uow: UnitOfWork, responder: Responder) -> bool:
    """`OK`: the soonest reminded turn is confirmed; False when none awaits an answer."""
    now = utcnow()
    reminder = awaiting(uow.session, responder, now)
    if reminder is None:
        return False
    reminder.status, reminder.confirmed_at = "confirmed", now
    line = uow.session.get(Line, reminder.line_id)
    lang = responder_language(responder)
    when = span(reminder.starts_at, reminder.ends_at, zone(rosters.roster_of(line)), lang)
    uow.text(responder.phone, say("shift_confirmed", lang, when=when), purpose="shift",
             line_id=line.id, responder_id=responder.id)
    return True


def plan_due() -> bool:
    """True once every PLAN_EVERY seconds across every worker (a Redis key)."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is not None:
        return bool(redis.set(PLAN_LOCK, "1", nx=True, ex=PLAN_EVERY))
    last, now = _last_plan["at"], utcnow()
    if last is not None and (now - last).total_seconds() < PLAN_EVERY:
        return False
    _last_plan["at"] = now
    return True


def planning(session: Session, now: datetime) -> list[Work]:
    """The planning run, every PLAN_EVERY seconds across every worker (routine, not lost)."""
    return [Work(Task.PLAN_SHIFTS)] if plan_due() else []


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Reminders and unconfirmed alerts whose time passed undone: their jobs were lost."""
    due = session.exec(select(ShiftReminder.id).where(
        ShiftReminder.status == "planned", ShiftReminder.remind_at < now - LATE))
    work = [Work(Task.SEND_SHIFT_REMINDER, (rid,)) for rid in due]
    alerts = session.exec(select(ShiftReminder.id).where(
        ShiftReminder.status.in_(("sent", "silent")), ShiftReminder.alerted_at.is_(None),
        ShiftReminder.alert_at < now - LATE, ShiftReminder.starts_at > now))
    work += [Work(Task.SHIFT_UNCONFIRMED, (rid,)) for rid in alerts]
    return work
