"""No silence while waiting: a person whose case is still being offered after the line's
`waiting_notice_minutes` (default 2) gets one short "still here" text, in their language and
neutral whatever the need. It goes out at most once per case.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, exists, select

from hotline.cases import rosters
from hotline.cases.lifecycle import locked_case
from hotline.cases.work import UnitOfWork, unit_of_work
from hotline.infra.models import Case, Line, OutboundMessage, Person
from hotline.infra.queue import Task, Work
from hotline.infra.words import say

PURPOSE = "still_waiting"
LATE = timedelta(seconds=20)  # past its time by this much, a notice's job was lost


def schedule(uow: UnitOfWork, case: Case, line: Line) -> None:
    """Line up the "still here" text for a case that has just started being offered."""
    minutes = rosters.roster_of(line).waiting_notice_minutes
    uow.later(minutes * 60, Task.STILL_WAITING, case.id)


def _notified(session: Session, case_id: int) -> bool:
    return session.exec(select(exists().where(
        OutboundMessage.case_id == case_id, OutboundMessage.purpose == PURPOSE))).one()


def notice(case_id: int) -> None:
    """Tell a person still waiting that the line is still finding someone (once)."""
    with unit_of_work() as uow:
        case = locked_case(uow.session, case_id)
        if case.status != "offering" or case.channel != "sms" or _notified(uow.session, case.id):
            return
        person = uow.session.get(Person, case.person_id)
        if person.opted_out or not person.phone:
            return
        uow.text(person.phone, say("still_waiting", case.language), purpose=PURPOSE,
                 line_id=case.line_id, case_id=case.id, person_id=person.id)


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Cases waiting past their notice time with no notice sent: the job was lost."""
    found = []
    for line in session.exec(select(Line)):
        wait = timedelta(minutes=rosters.roster_of(line).waiting_notice_minutes)
        sent = exists().where(OutboundMessage.case_id == Case.id,
                              OutboundMessage.purpose == PURPOSE)
        found += session.exec(select(Case.id).where(
            Case.line_id == line.id, Case.status == "offering", Case.channel == "sms",
            Case.created_at < now - wait - LATE, ~sent)).all()
    return [Work(Task.STILL_WAITING, (case_id,)) for case_id in found]
