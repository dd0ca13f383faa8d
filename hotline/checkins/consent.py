"""Consent to follow-up check-ins: asked once, neutrally, when a case closes; a numbered
answer chooses a window (or no), and a yes schedules the first check-in.

PostgreSQL is the record: a check-in is a row with its due time, scheduled on the queue and
found again by the sweep if Redis loses the job.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import bindparam
from sqlmodel import select

from hotline.cases import rosters
from hotline.cases.work import UnitOfWork
from hotline.infra.models import Case, CheckIn, Line, Person, utcnow
from hotline.infra.queue import Task
from hotline.infra.words import say
from routing import checkins

ANSWER_WITHIN = timedelta(days=3)  # a consent answer later than this is a new text


def ask(uow: UnitOfWork, case: Case, person: Person) -> None:
    """Ask once, neutrally, whether a check-in text is welcome."""
    if case.channel != "sms" or person.opted_out:
        return
    case.consent_asked_at = utcnow()
    uow.text(person.phone, say("checkin_ask", case.language), purpose="consent",
             line_id=case.line_id, case_id=case.id, person_id=person.id)


_ASKED = (select(Case).where(Case.person_id == bindparam("person_id"), Case.status == "closed",
                             Case.consent_asked_at.is_not(None)).order_by(Case.id.desc()))


def awaiting_answer(uow: UnitOfWork, person: Person) -> Case | None:
    """The person's last closed case whose consent question is still unanswered."""
    case = uow.session.exec(_ASKED, params={"person_id": person.id}).first()
    if case is None or case.consent is not None:
        return None
    if case.consent_asked_at < utcnow() - ANSWER_WITHIN:
        return None
    return case


def record_answer(uow: UnitOfWork, case: Case, person: Person, text: str) -> bool:
    """Take a reply to the consent question; False when the text is no such answer."""
    answer = checkins.consent_answer(text)
    if answer is None:
        case.consent = "no"  # no answer means no
        return False
    case.consent = answer
    if answer in checkins.WINDOWS:
        schedule(uow, case, person, attempt=1)
        uow.text(person.phone, say(f"checkin_ok_{answer}", case.language), purpose="notice",
                 line_id=case.line_id, case_id=case.id, person_id=person.id)
    return True


def schedule(uow: UnitOfWork, case: Case, person: Person, attempt: int) -> None:
    """Line up check-in number `attempt`, due after CHECKIN_AFTER_SECONDS, inside its window."""
    line = uow.session.get(Line, case.line_id)
    tz = ZoneInfo(rosters.roster_of(line).timezone)
    after = timedelta(seconds=current_app.config["CHECKIN_AFTER_SECONDS"])
    due = checkins.send_time(utcnow() + after, case.consent, tz)
    checkin = CheckIn(line_id=case.line_id, case_id=case.id, person_id=person.id,
                      responder_id=case.responder_id, attempt=attempt, window=case.consent,
                      due_at=due)
    uow.session.add(checkin)
    uow.session.flush()
    uow.later((due - utcnow()).total_seconds(), Task.SEND_CHECKIN, checkin.id)
