"""Sending check-ins: each one once, only inside its window, the next one gentler, at most
three; a row whose job Redis lost is found again by `lost_work`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.work import unit_of_work
from hotline.checkins.consent import schedule
from hotline.infra import db
from hotline.infra.models import Case, CheckIn, Line, Person, utcnow
from hotline.infra.queue import Task, Work
from hotline.infra.words import say
from routing import checkins


def send(checkin_id: int) -> None:
    """Send one due check-in inside its window (once), and line up the next, gentler one."""
    with unit_of_work() as uow:
        checkin = db.locked(uow.session, CheckIn, checkin_id)
        if checkin is None or checkin.status != "scheduled":
            return
        case = uow.session.get(Case, checkin.case_id)
        person = uow.session.get(Person, checkin.person_id)
        if person.opted_out or case.consent not in checkins.WINDOWS:
            checkin.status = "cancelled"
            return
        now = utcnow()
        if checkin.due_at > now + timedelta(seconds=5):
            return  # early (a sweep or a duplicate job): the scheduled job will come
        tz = ZoneInfo(rosters.roster_of(uow.session.get(Line, case.line_id)).timezone)
        if not checkins.in_window(now, checkin.window, tz):
            checkin.due_at = checkins.send_time(now, checkin.window, tz)
            uow.later((checkin.due_at - now).total_seconds(), Task.SEND_CHECKIN, checkin.id)
            return
        checkin.status, checkin.sent_at = "sent", now
        uow.text(person.phone, say(f"checkin_{checkin.attempt}", case.language),
                 purpose="checkin", line_id=case.line_id, case_id=case.id, person_id=person.id)
        if checkin.attempt < checkins.MAX_ATTEMPTS:
            schedule(uow, case, person, attempt=checkin.attempt + 1)




def lost_work(session: Session, now: datetime) -> list[Work]:
    """Check-ins whose time has come and whose job was lost."""
    due = session.exec(select(CheckIn.id).where(
        CheckIn.status == "scheduled", CheckIn.due_at <= now))
    return [Work(Task.SEND_CHECKIN, (checkin_id,)) for checkin_id in due]
