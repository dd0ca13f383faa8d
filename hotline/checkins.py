"""Follow-up check-ins with consent: asked once when a case closes, sent only after a yes,
only inside the chosen window, at most three times, and cancelled by any no.

PostgreSQL is the record: a check-in is a row with its due time, scheduled on RQ and found
again by the sweep if Redis loses the job, and claimed before sending so it goes once.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import update
from sqlmodel import select

from hotline import db, rosters
from hotline.models import Case, CheckIn, InboundMessage, Line, Person, Responder, utcnow
from hotline.outbound import UnitOfWork, unit_of_work
from hotline.words import say
from routing import checkins
from routing.oncall import on_call

ANSWER_WITHIN = timedelta(days=3)  # a consent answer later than this is a new text
REPLY_WITHIN = timedelta(days=7)  # a text this soon after a check-in is a reply to it


def ask(uow: UnitOfWork, case: Case, person: Person) -> None:
    """Ask once, neutrally, whether a check-in text is welcome."""
    if case.channel != "sms" or person.opted_out:
        return
    case.consent_asked_at = utcnow()
    uow.text(person.phone, say("checkin_ask", case.language), purpose="consent",
             line_id=case.line_id, case_id=case.id, person_id=person.id)


def awaiting_answer(uow: UnitOfWork, person: Person) -> Case | None:
    """The person's last closed case whose consent question is still unanswered."""
    case = uow.session.exec(select(Case).where(
        Case.person_id == person.id, Case.status == "closed",
        Case.consent_asked_at.is_not(None)).order_by(Case.id.desc())).first()
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
        _schedule(uow, case, person, attempt=1)
        uow.text(person.phone, say("checkin_ok", case.language), purpose="notice",
                 line_id=case.line_id, case_id=case.id, person_id=person.id)
    return True


def _schedule(uow: UnitOfWork, case: Case, person: Person, attempt: int) -> None:
    line = uow.session.get(Line, case.line_id)
    tz = ZoneInfo(rosters.roster_of(line).timezone)
    after = timedelta(seconds=current_app.config["CHECKIN_AFTER_SECONDS"])
    due = checkins.send_time(utcnow() + after, case.consent, tz)
    checkin = CheckIn(line_id=case.line_id, case_id=case.id, person_id=person.id,
                      responder_id=case.responder_id, attempt=attempt, window=case.consent,
                      due_at=due)
    uow.session.add(checkin)
    uow.session.flush()
    from hotline.jobs import send_checkin

    uow.later((due - utcnow()).total_seconds(), send_checkin, checkin.id)


def cancel_all(session, person_id: int) -> int:
    """Cancel every check-in still waiting for this person; returns how many."""
    return session.execute(
        update(CheckIn).where(CheckIn.person_id == person_id, CheckIn.status == "scheduled")
        .values(status="cancelled")).rowcount


def last_sent(uow: UnitOfWork, person: Person) -> CheckIn | None:
    """The check-in this person's text may be answering."""
    checkin = uow.session.exec(select(CheckIn).where(
        CheckIn.person_id == person.id, CheckIn.status == "sent")
        .order_by(CheckIn.sent_at.desc())).first()
    if checkin is None or checkin.sent_at < utcnow() - REPLY_WITHIN:
        return None
    return checkin


def reply(uow: UnitOfWork, line: Line, person: Person, checkin: CheckIn,
          message: InboundMessage, new_case) -> None:
    """A reply to a check-in: back to the same responder if on call, else a follow-up offer."""
    from hotline import dispatcher

    checkin.status = "answered"
    cancel_all(uow.session, person.id)
    if checkins.declines(message.body):
        return
    earlier = uow.session.get(Case, checkin.case_id)
    case = new_case(uow, line, person, earlier.language)
    case.category, case.followup_of, case.status = earlier.category, earlier.id, "offering"
    message.case_id = case.id
    responder = uow.session.get(Responder, earlier.responder_id) if earlier.responder_id else None
    roster = rosters.roster_of(line)
    if responder is not None and responder.taking_offers and responder.name in on_call(
            roster, case.category, utcnow()):
        case.status, case.responder_id, case.accepted_at = "active", responder.id, utcnow()
        lang = dispatcher.responder_language(responder)
        uow.text(responder.phone, say("followup_direct", lang, code=case.code),
                 purpose="notice", line_id=line.id, case_id=case.id, responder_id=responder.id)
        uow.text(responder.phone, say("relay", lang, code=case.code, text=message.body),
                 purpose="relay", line_id=line.id, case_id=case.id, responder_id=responder.id)
    else:
        dispatcher.advance(uow, case)
    uow.text(person.phone, say("followup_ack", case.language), purpose="notice",
             line_id=line.id, case_id=case.id, person_id=person.id)


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
            from hotline.jobs import send_checkin

            uow.later((checkin.due_at - now).total_seconds(), send_checkin, checkin.id)
            return
        checkin.status, checkin.sent_at = "sent", now
        uow.text(person.phone, say(f"checkin_{checkin.attempt}", case.language),
                 purpose="checkin", line_id=case.line_id, case_id=case.id, person_id=person.id)
        if checkin.attempt < checkins.MAX_ATTEMPTS:
            _schedule(uow, case, person, attempt=checkin.attempt + 1)


def due_ids(session) -> list[int]:
    """Check-ins whose time has come (for the sweep, if their job was lost)."""
    return list(session.exec(select(CheckIn.id).where(
        CheckIn.status == "scheduled", CheckIn.due_at <= utcnow())))
