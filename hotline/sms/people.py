"""A person's side of the conversation: first text, menu, waiting, relay, STOP and START."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlmodel import select

from hotline.cases import rosters
from hotline.cases.lifecycle import (
    OPEN,
    close_case,
    locked_case,
    new_case,
    open_case,
    reopen,
    start_offering,
)
from hotline.cases.parties import responder_language, silence
from hotline.cases.work import UnitOfWork
from hotline.checkins import consent, replies
from hotline.dispatch import danger, offers
from hotline.infra.models import (
    Case,
    InboundMessage,
    Line,
    OutboundMessage,
    Person,
    Responder,
    utcnow,
)
from hotline.infra.queue import Task
from hotline.infra.twilio_api import mask_phone
from hotline.infra.words import say
from hotline.privacy import forget
from hotline.sms import throttle, waiting
from routing import dispatch as engine
from routing.commands import DANGER_WORD, menu_choice, person_keyword
from routing.triage import Triage, triage

log = logging.getLogger(__name__)

MENUS_BEFORE_DEFAULT = 2  # after this many unclear answers the case goes to mental health
WAITING_NOTICE_EVERY = timedelta(minutes=5)


def handle(uow: UnitOfWork, line: Line, person: Person, message: InboundMessage) -> None:
    """Act on one text from a person."""
    keyword = person_keyword(message.body)
    if keyword == "forget":
        forget.request(uow, person, open_case(uow.session, person))
        return
    if keyword in ("stop", "exit"):
        _stop(uow, line, person, keyword)
        return
    if person.opted_out:
        if keyword == "start":
            person.opted_out = False
            _tell(uow, line, person, None, say("started", person.language))
            _reopen_after_stop(uow, line, person)
        else:
            log.info("text from opted-out %s kept, not answered", mask_phone(person.phone))
        return
    case = open_case(uow.session, person)
    if case is not None:
        # Held until this text is acted on: a YES committing now either waits for it (and its
        # history then holds this text) or is seen here (and this text is relayed).
        case = locked_case(uow.session, case.id)
        if case.status not in OPEN:  # closed meanwhile: this text starts afresh
            case = None
    if case is not None:
        message.case_id = case.id
    elif message.body.strip() and _after_a_case(uow, line, person, message):
        return
    if not message.body.strip():
        _no_text(uow, line, person, case, message)
        return
    reading = _reading(message.body, keyword)
    if case is None:
        _first_text(uow, line, person, message, reading)
    elif case.status == "triage":
        _menu_answer(uow, line, person, case, message, reading)
    elif case.status == "offering":
        _while_waiting(uow, line, person, case, message, reading)
    else:
        _relay_to_responder(uow, case, message.body)
        if reading.urgent and not case.urgent:  # the responder who has it is alerted
            danger.make_urgent(uow, case, reading.why)


def _reading(body: str, keyword: str | None) -> Triage:
    """How a text reads; the danger word alone reads as danger now."""
    result = triage(body)
    if keyword == "danger":
        return Triage(None, True, result.language, "texted the danger word")
    return result


def _tell(uow: UnitOfWork, line: Line, person: Person, case: Case | None, text: str,
          purpose: str = "notice", first: bool = False) -> None:
    """An automated answer. `first`, the answers that open a case (the menu; "we're finding
    someone" with the danger word), is never held back by the line-wide flood guard, only by
    the per-sender one."""
    if purpose in throttle.LIMITED and not throttle.may_answer(uow, person, first):
        return
    uow.text(person.phone, text, purpose=purpose, line_id=line.id,
             case_id=case.id if case else None, person_id=person.id)


def _resources(line: Line, case: Case) -> str:
    """What the roster tells a person with this case's need, urgency and language."""
    return rosters.roster_of(line).resources_for(case.language, case.category, case.urgent) \
        or say("resources", case.language)


def _first_text(uow: UnitOfWork, line: Line, person: Person, message: InboundMessage,
                result: Triage) -> None:
    person.language = result.language
    case = new_case(uow.session, line, person, result.language)
    message.case_id = case.id
    closed = rosters.closed_notice(line, case.language)
    if closed is not None:
        _tell(uow, line, person, case, closed, first=True)
        close_case(case, "after_hours")
        return
    if result.category is None and not result.urgent:
        case.menus_sent = 1
        _tell(uow, line, person, case, say("menu", case.language), purpose="menu", first=True)
        uow.later(current_app.config["MENU_TIMEOUT_SECONDS"], Task.MENU_TIMEOUT, case.id)
        return
    _route(uow, line, person, case, result.category, result.urgent, result.why)


def _route(uow: UnitOfWork, line: Line, person: Person, case: Case, category: str | None,
           urgent: bool, why: str = "", greeted: bool = False) -> None:
    """The need is known (or, when urgent, need not be): tell the person, offer the case.
    A person `greeted` already (by the menu) is not welcomed a second time."""
    if category is None and not urgent:
        category = "mental_health"
    start_offering(case, category, urgent)
    if urgent:
        _tell(uow, line, person, case, say("ack_urgent", case.language), first=True)
        _tell(uow, line, person, case, _resources(line, case), purpose="resources")
    else:
        _tell(uow, line, person, case, say("finding" if greeted else "ack", case.language,
                                           word=DANGER_WORD[case.language]), first=True)
    offers.advance(uow, case, why=why if urgent else "")
    waiting.schedule(uow, case, line)


def _menu_answer(uow: UnitOfWork, line: Line, person: Person, case: Case,
                 message: InboundMessage, result: Triage) -> None:
    choice = menu_choice(message.body)
    if choice is None and result.category is None and not result.urgent:
        if case.menus_sent < MENUS_BEFORE_DEFAULT:
            case.menus_sent += 1
            _tell(uow, line, person, case, say("menu_again", case.language), purpose="menu")
            return
        choice = "mental_health"
    _route(uow, line, person, case, choice or result.category, result.urgent, result.why,
           greeted=True)


def _while_waiting(uow: UnitOfWork, line: Line, person: Person, case: Case,
                   message: InboundMessage, result: Triage) -> None:
    """Kept for the responder (sent when they accept); danger now makes the case urgent."""
    if result.urgent and not case.urgent:
        danger.make_urgent(uow, case, result.why)
        _tell(uow, line, person, case, _resources(line, case), purpose="resources")
        return
    recent = uow.session.exec(select(OutboundMessage.id).where(
        OutboundMessage.case_id == case.id, OutboundMessage.purpose == "waiting",
        OutboundMessage.created_at > utcnow() - WAITING_NOTICE_EVERY)).first()
    if recent is None:
        _tell(uow, line, person, case, say("waiting", case.language), purpose="waiting")


def _relay_to_responder(uow: UnitOfWork, case: Case, body: str) -> None:
    responder = uow.session.get(Responder, case.responder_id)
    lang = responder_language(responder)
    uow.text(responder.phone, say("relay", lang, code=case.code, text=body), purpose="relay",
             line_id=case.line_id, case_id=case.id, responder_id=responder.id)


def _no_text(uow: UnitOfWork, line: Line, person: Person, case: Case | None,
             message: InboundMessage) -> None:
    """An empty text or a picture alone: a kind answer, and a note to their responder."""
    if case is not None and case.status == "active" and message.num_media:
        responder = uow.session.get(Responder, case.responder_id)
        uow.text(responder.phone, say("media_note", responder_language(responder),
                                      code=case.code),
                 purpose="relay", line_id=line.id, case_id=case.id, responder_id=responder.id)
        return
    _tell(uow, line, person, case, say("no_text", person.language))


def _after_a_case(uow: UnitOfWork, line: Line, person: Person,
                  message: InboundMessage) -> bool:
    """An answer to the check-in question, or a reply to a check-in; True when it was."""
    asked = consent.awaiting_answer(uow, person)
    if asked is not None and consent.record_answer(uow, asked, person, message.body):
        message.case_id = asked.id
        return True
    sent = replies.last_sent(uow, person)
    if sent is not None:
        replies.reply(uow, line, person, sent, message)
        return True
    return False


def _reopen_after_stop(uow: UnitOfWork, line: Line, person: Person) -> None:
    """START soon after a STOP that closed a case: the case opens again, with its responder
    (who is told) or back to being offered, so an accidental STOP breaks nothing."""
    within = timedelta(minutes=rosters.roster_of(line).reopen_after_stop_minutes)
    case = uow.session.exec(select(Case).where(
        Case.person_id == person.id, Case.status == "closed", Case.closed_reason == "opted_out",
        Case.closed_at > utcnow() - within).order_by(Case.closed_at.desc())).first()
    if case is None or open_case(uow.session, person) is not None:
        return
    responder = uow.session.get(Responder, case.responder_id) if case.responder_id else None
    if responder is not None and not responder.in_roster:
        case.responder_id = None  # off the roster since: offered to someone else
    reopen(uow.session, case)
    if case.status == "active":
        uow.text(responder.phone, say("person_back", responder_language(responder),
                                      code=case.code),
                 purpose="notice", line_id=line.id, case_id=case.id, responder_id=responder.id)
    elif not isinstance(offers.advance(uow, case, fresh=True), engine.Offer):
        offers.advance(uow, case)  # nobody left to ask: escalate as any case would


def _stop(uow: UnitOfWork, line: Line, person: Person, keyword: str) -> None:
    """STOP opts out; EXIT leaves silently. Nothing more goes out; the responder is told."""
    if keyword == "stop":
        person.opted_out = True
    silence(uow.session, person.id)
    case = open_case(uow.session, person)
    if case is None:
        return
    if case.status == "active":
        responder = uow.session.get(Responder, case.responder_id)
        key = "person_stopped" if keyword == "stop" else "person_exited"
        uow.text(responder.phone, say(key, responder_language(responder),
                                      code=case.code),
                 purpose="notice", line_id=line.id, case_id=case.id, responder_id=responder.id)
    offers.close_offers(uow, case)
    close_case(case, "opted_out" if keyword == "stop" else "exited")
