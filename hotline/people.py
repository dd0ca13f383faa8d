"""A person's side of the conversation: first text, menu, waiting, relay, STOP and START."""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from hotline import checkins, dispatcher, forgetting, rosters
from hotline.models import Case, InboundMessage, Line, OutboundMessage, Person, Responder, utcnow
from hotline.outbound import UnitOfWork, cancel_pending
from hotline.twilio_api import mask_phone
from hotline.words import say
from routing.commands import menu_choice, person_keyword
from routing.triage import triage

log = logging.getLogger(__name__)

OPEN = ("triage", "offering", "active")
MENUS_BEFORE_DEFAULT = 2  # after this many unclear answers the case goes to mental health
WAITING_NOTICE_EVERY = timedelta(minutes=5)


def open_case(uow: UnitOfWork, person: Person) -> Case | None:
    """The person's case that is not closed yet, if any."""
    return uow.session.exec(select(Case).where(
        Case.person_id == person.id, Case.status.in_(OPEN))).first()


def handle(uow: UnitOfWork, line: Line, person: Person, message: InboundMessage) -> None:
    """Act on one text from a person."""
    keyword = person_keyword(message.body)
    if keyword == "forget":
        forgetting.request(uow, person, open_case(uow, person))
        return
    if keyword in ("stop", "exit"):
        _stop(uow, line, person, keyword)
        return
    if person.opted_out:
        if keyword == "start":
            person.opted_out = False
            _tell(uow, line, person, None, say("started", person.language))
        else:
            log.info("text from opted-out %s kept, not answered", mask_phone(person.phone))
        return
    case = open_case(uow, person)
    if case is not None:
        message.case_id = case.id
    elif message.body.strip() and _after_a_case(uow, line, person, message):
        return
    if not message.body.strip():
        _no_text(uow, line, person, case, message)
    elif case is None:
        _first_text(uow, line, person, message)
    elif case.status == "triage":
        _menu_answer(uow, line, person, case, message)
    elif case.status == "offering":
        _while_waiting(uow, line, person, case, message)
    else:
        _relay_to_responder(uow, case, message.body)


def _tell(uow: UnitOfWork, line: Line, person: Person, case: Case | None, text: str,
          purpose: str = "notice") -> None:
    uow.text(person.phone, text, purpose=purpose, line_id=line.id,
             case_id=case.id if case else None, person_id=person.id)


def _resources(line: Line, language: str) -> str:
    return rosters.roster_of(line).resources_for(language) or say("resources", language)


def new_case(uow: UnitOfWork, line: Line, person: Person, language: str) -> Case:
    """A case with a four-digit code no other open case of the line uses."""
    for _ in range(50):
        code = f"{random.randint(1000, 9999)}"
        try:
            with uow.session.begin_nested():
                case = Case(line_id=line.id, person_id=person.id, code=code, open_code=code,
                            language=language)
                uow.session.add(case)
                uow.session.flush()
            return case
        except IntegrityError:
            continue
    raise RuntimeError("no free case code")


def _first_text(uow: UnitOfWork, line: Line, person: Person, message: InboundMessage) -> None:
    result = triage(message.body)
    person.language = result.language
    case = new_case(uow, line, person, result.language)
    message.case_id = case.id
    closed = rosters.closed_notice(line, case.language)
    if closed is not None:
        _tell(uow, line, person, case, closed)
        close_case(case, "after_hours")
        return
    if result.category is None and not result.urgent:
        case.menus_sent = 1
        _tell(uow, line, person, case, say("menu", case.language), purpose="menu")
        return
    _route(uow, line, person, case, result.category or "mental_health", result.urgent)


def _route(uow: UnitOfWork, line: Line, person: Person, case: Case, category: str,
           urgent: bool) -> None:
    case.category, case.urgent, case.status = category, urgent, "offering"
    if urgent:
        _tell(uow, line, person, case, say("ack_urgent", case.language))
        _tell(uow, line, person, case, _resources(line, case.language), purpose="resources")
    else:
        _tell(uow, line, person, case, say("ack", case.language))
    dispatcher.advance(uow, case)


def _menu_answer(uow: UnitOfWork, line: Line, person: Person, case: Case,
                 message: InboundMessage) -> None:
    choice = menu_choice(message.body)
    result = triage(message.body)
    if choice is None and result.category is None and not result.urgent:
        if case.menus_sent < MENUS_BEFORE_DEFAULT:
            case.menus_sent += 1
            _tell(uow, line, person, case, say("menu_again", case.language), purpose="menu")
            return
        choice = "mental_health"
    _route(uow, line, person, case, choice or result.category or "mental_health", result.urgent)


def _while_waiting(uow: UnitOfWork, line: Line, person: Person, case: Case,
                   message: InboundMessage) -> None:
    """Kept for the responder (sent when they accept); danger now makes the case urgent."""
    if triage(message.body).urgent and not case.urgent:
        case.urgent = True
        _tell(uow, line, person, case, _resources(line, case.language), purpose="resources")
        dispatcher.advance(uow, case, force=True)
        return
    recent = uow.session.exec(select(OutboundMessage.id).where(
        OutboundMessage.case_id == case.id, OutboundMessage.purpose == "waiting",
        OutboundMessage.created_at > utcnow() - WAITING_NOTICE_EVERY)).first()
    if recent is None:
        _tell(uow, line, person, case, say("waiting", case.language), purpose="waiting")


def _relay_to_responder(uow: UnitOfWork, case: Case, body: str) -> None:
    responder = uow.session.get(Responder, case.responder_id)
    lang = dispatcher.responder_language(responder)
    uow.text(responder.phone, say("relay", lang, code=case.code, text=body), purpose="relay",
             line_id=case.line_id, case_id=case.id, responder_id=responder.id)


def _no_text(uow: UnitOfWork, line: Line, person: Person, case: Case | None,
             message: InboundMessage) -> None:
    """An empty text or a picture alone: a kind answer, and a note to their responder."""
    if case is not None and case.status == "active" and message.num_media:
        responder = uow.session.get(Responder, case.responder_id)
        uow.text(responder.phone, say("media_note", dispatcher.responder_language(responder),
                                      code=case.code),
                 purpose="relay", line_id=line.id, case_id=case.id, responder_id=responder.id)
        return
    _tell(uow, line, person, case, say("no_text", person.language))


def _after_a_case(uow: UnitOfWork, line: Line, person: Person,
                  message: InboundMessage) -> bool:
    """An answer to the check-in question, or a reply to a check-in; True when it was."""
    asked = checkins.awaiting_answer(uow, person)
    if asked is not None and checkins.record_answer(uow, asked, person, message.body):
        message.case_id = asked.id
        return True
    sent = checkins.last_sent(uow, person)
    if sent is not None:
        checkins.reply(uow, line, person, sent, message, new_case)
        return True
    return False


def _stop(uow: UnitOfWork, line: Line, person: Person, keyword: str) -> None:
    """STOP opts out; EXIT leaves silently. Nothing more goes out; the responder is told."""
    if keyword == "stop":
        person.opted_out = True
    cancel_pending(uow.session, person.id)
    checkins.cancel_all(uow.session, person.id)
    case = open_case(uow, person)
    if case is None:
        return
    if case.status == "active":
        responder = uow.session.get(Responder, case.responder_id)
        key = "person_stopped" if keyword == "stop" else "person_exited"
        uow.text(responder.phone, say(key, dispatcher.responder_language(responder),
                                      code=case.code),
                 purpose="notice", line_id=line.id, case_id=case.id, responder_id=responder.id)
    dispatcher.close_offers(uow, case)
    close_case(case, "opted_out" if keyword == "stop" else "exited")


def close_case(case: Case, reason: str) -> None:
    """Mark a case closed and free its code."""
    case.status, case.closed_reason, case.closed_at, case.open_code = (
        "closed", reason, utcnow(), None)
