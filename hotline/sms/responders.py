"""A responder's side: YES/NO to offers, DONE, ON/OFF, HELP, shift commands (OK, COVER,
TAKE; see hotline/shifts), and replies relayed to a person."""

from __future__ import annotations

from sqlmodel import select

from hotline.cases.lifecycle import close_case, locked_case
from hotline.cases.parties import active_cases, responder_language
from hotline.cases.work import UnitOfWork
from hotline.checkins import consent
from hotline.dispatch import danger, legs
from hotline.dispatch import offers as dispatch
from hotline.infra.models import Case, InboundMessage, Offer, Person, Responder
from hotline.infra.words import say
from hotline.shifts import commands as shift_commands
from routing.commands import Command, Relay, parse_responder_text, person_keyword
from routing.shift_commands import parse_shift_text


def handle(uow: UnitOfWork, responder: Responder, message: InboundMessage) -> None:
    """Act on one text from a responder."""
    keyword = person_keyword(message.body)
    if keyword == "stop":  # Twilio now blocks texts to this phone
        responder.taking_offers = False
        responder.opted_out = True
        return
    if keyword == "start":  # Twilio lets texts through again
        responder.opted_out = False
    shift = parse_shift_text(message.body)
    if shift is not None and shift_commands.handle(uow, responder, shift):
        return
    parsed = parse_responder_text(message.body)
    offers = _open_offers(uow, responder)
    if isinstance(parsed, Command) and parsed.verb in ("yes", "no") and parsed.code is None:
        if not offers and active_cases(uow.session, responder):
            parsed = Relay(message.body)  # a plain "yes" or "no" said to the person
    if isinstance(parsed, Relay):
        _relay(uow, responder, parsed, message)
    elif parsed.verb in ("yes", "no"):
        _answer(uow, responder, parsed, offers)
    elif parsed.verb == "done":
        _done(uow, responder, parsed.code)
    elif parsed.verb == "call":
        _call_back(uow, responder, parsed.code)
    elif parsed.verb == "urgent":
        _urgent(uow, responder, parsed.code, offers)
    elif parsed.verb in ("on", "off"):
        responder.taking_offers = parsed.verb == "on"
        _reply(uow, responder, parsed.verb)
    else:
        _reply(uow, responder, "help")


def _reply(uow: UnitOfWork, responder: Responder, key: str, case: Case | None = None,
           **values: object) -> None:
    text = say(key, responder_language(responder), **values)
    uow.text(responder.phone, text, purpose="notice", line_id=responder.line_id,
             case_id=case.id if case else None, responder_id=responder.id)


def _open_offers(uow: UnitOfWork, responder: Responder) -> list[tuple[Offer, Case]]:
    rows = uow.session.exec(
        select(Offer, Case).join(Case, Case.id == Offer.case_id)
        .where(Offer.responder_id == responder.id, Offer.status == "open",
               Case.status == "offering")
        .order_by(Offer.id))
    return list(rows)


def _answer(uow: UnitOfWork, responder: Responder, command: Command,
            offers: list[tuple[Offer, Case]]) -> None:
    if command.code is not None:
        chosen = [(o, c) for o, c in offers if c.code == command.code]
        if not chosen:
            _no_offer_for(uow, responder, command.code)
            return
    elif len(offers) == 1:
        chosen = offers
    elif not offers:
        _reply(uow, responder, "no_offer")
        return
    else:
        codes = ", ".join(c.code for _, c in offers)
        _reply(uow, responder, "which_offer", count=len(offers), codes=codes,
               first=offers[0][1].code)
        return
    offer, _ = chosen[0]
    if command.verb == "yes":
        dispatch.accept(uow, offer, responder)
    else:
        dispatch.decline(uow, offer, responder)


def _no_offer_for(uow: UnitOfWork, responder: Responder, code: str) -> None:
    """A `YES 4821` with no open offer: say whether it ended or was taken; connect nothing."""
    past = uow.session.exec(
        select(Offer, Case).join(Case, Case.id == Offer.case_id)
        .where(Offer.responder_id == responder.id, Case.code == code)
        .order_by(Offer.id.desc())).first()
    if past is None:
        _reply(uow, responder, "no_such_offer", code=code)
    elif past[1].responder_id == responder.id and past[1].status == "active":
        _reply(uow, responder, "accepted", past[1], code=code)
    elif past[1].responder_id not in (None, responder.id) and past[0].status != "expired":
        _reply(uow, responder, "taken", past[1], code=code)
    else:
        _reply(uow, responder, "expired", past[1], code=code)


def _pick_case(uow: UnitOfWork, responder: Responder, code: str | None) -> Case | None:
    """The active case a text is for, or None after telling the responder why."""
    cases = active_cases(uow.session, responder)
    if code is not None:
        match = [c for c in cases if c.code == code]
        if not match:
            _reply(uow, responder, "no_such_case", code=code)
        return match[0] if match else None
    if len(cases) == 1:
        return cases[0]
    if not cases:
        _reply(uow, responder, "no_case")
        return None
    codes = ", ".join(c.code for c in cases)
    _reply(uow, responder, "need_code", count=len(cases), codes=codes, first=cases[0].code)
    return None


def _done(uow: UnitOfWork, responder: Responder, code: str | None) -> None:
    case = _pick_case(uow, responder, code)
    if case is None:
        return
    close_case(case, "done")
    _reply(uow, responder, "done", case, code=case.code)
    consent.ask(uow, case, uow.session.get(Person, case.person_id))


def _relay(uow: UnitOfWork, responder: Responder, relay: Relay,
           message: InboundMessage) -> None:
    case = _pick_case(uow, responder, relay.code)
    if case is None:
        return
    message.case_id = case.id
    person = uow.session.get(Person, case.person_id)
    if person.opted_out:
        _reply(uow, responder, "person_gone", case, code=case.code)
        return
    if not relay.text.strip():
        return
    uow.text(person.phone, relay.text, purpose="relay", line_id=case.line_id, case_id=case.id,
             person_id=person.id)
    _reply(uow, responder, "relay_sent", case, code=case.code, text=_gist(relay.text))


ECHO_CHARS = 40  # enough of a relay for its sender to recognise it


def _gist(text: str) -> str:
    """The start of a relayed text, echoed to the phone it was sent in the name of: a text
    someone else sent from a spoofed number is noticed at once."""
    text = " ".join(text.split())
    return text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS - 1] + "…"


def _urgent(uow: UnitOfWork, responder: Responder, code: str | None,
            offers: list[tuple[Offer, Case]]) -> None:
    """`URGENT <code>`: danger now on a case this responder has, or is being offered."""
    cases = active_cases(uow.session, responder) + [c for _, c in offers]
    if code is not None:
        cases = [c for c in cases if c.code == code]
    if len(cases) != 1:
        _reply(uow, responder, "no_urgent_case", code=code or "")
        return
    case = locked_case(uow.session, cases[0].id)
    danger.make_urgent(uow, case, "marked urgent by a responder", by=responder)
    _reply(uow, responder, "marked_urgent", case, code=case.code)


def _call_back(uow: UnitOfWork, responder: Responder, code: str | None) -> None:
    """`CALL <code>`: the line calls the responder, then the person, hiding both numbers."""
    if code is None or not legs.call_back(uow, responder, code):
        _reply(uow, responder, "no_call_case", code=code or "")
        return
    _reply(uow, responder, "calling_back", code=code)
