"""A need that stays unclear still reaches a responder: when the menu gets no answer within
MENU_TIMEOUT_SECONDS (default a minute), the case goes to whoever is on call for any need.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlmodel import Session, select

from hotline.cases.lifecycle import locked_case, start_offering
from hotline.cases.work import unit_of_work
from hotline.dispatch import offers
from hotline.infra.models import Case, Line, Person
from hotline.infra.queue import Task, Work
from hotline.infra.words import say
from hotline.sms import waiting
from routing.commands import DANGER_WORD

LATE = timedelta(seconds=20)  # past its time by this much, a menu timeout was lost


def menu_timeout(case_id: int) -> None:
    """The menu went unanswered: offer the case for any need, and tell the person."""
    with unit_of_work() as uow:
        case = locked_case(uow.session, case_id)
        if case.status != "triage":
            return
        start_offering(case, None, case.urgent)
        person = uow.session.get(Person, case.person_id)
        uow.text(person.phone, say("finding", case.language,
                                   word=DANGER_WORD[case.language]),
                 purpose="notice", line_id=case.line_id, case_id=case.id, person_id=person.id)
        offers.advance(uow, case)
        waiting.schedule(uow, case, uow.session.get(Line, case.line_id))


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Menus unanswered past their time whose timeout job was lost."""
    wait = timedelta(seconds=current_app.config["MENU_TIMEOUT_SECONDS"])
    stale = session.exec(select(Case.id).where(
        Case.status == "triage", Case.menus_sent > 0, Case.created_at < now - wait - LATE))
    return [Work(Task.MENU_TIMEOUT, (case_id,)) for case_id in stale]
