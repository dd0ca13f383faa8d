"""Carries out the routing engine's dispatch decisions: offers, answers, timeouts, escalation.

Every function here runs inside a `unit_of_work`. The case row is locked before its offers
change, and taking a case is one conditional UPDATE, so two `YES` at the same instant give it
exactly one responder.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, update
from sqlmodel import Session, exists, select

from hotline.cases import lifecycle, rosters
from hotline.cases.lifecycle import locked_case
from hotline.cases.parties import active_cases, responder_language
from hotline.cases.work import UnitOfWork
from hotline.dispatch import legs
from hotline.infra.models import (
    Case,
    InboundMessage,
    Line,
    Offer,
    OutboundMessage,
    Person,
    Responder,
    utcnow,
)
from hotline.infra.queue import Task, Work
from hotline.infra.words import category_name, language_name, say
from routing import dispatch
from routing.oncall import on_call
from routing.roster import CATEGORIES

log = logging.getLogger(__name__)

VOICE_OFFER_SECONDS = 45  # ring, then time to listen and press 1


def on_call_names(roster, case: Case) -> list[str]:
    """Who is on call for the case's category now; for a need still unclear, for any."""
    if case.category is not None:
        return on_call(roster, case.category, utcnow())
    names = [name for category in CATEGORIES for name in on_call(roster, category, utcnow())]
    return list(dict.fromkeys(names))


def offer_seconds(case: Case) -> int:
    """How long one responder has: OFFER_TIMEOUT_SECONDS, or a call's ring-and-answer window."""
    timeout = current_app.config["OFFER_TIMEOUT_SECONDS"]
    return min(timeout, VOICE_OFFER_SECONDS) if case.channel == "voice" else timeout


def _candidates(by_name: dict[str, Responder], busy: set[int],
                names: list[str]) -> list[dispatch.Candidate]:
    return [
        dispatch.Candidate(name, tuple(r.languages), r.taking_offers, r.id in busy,
                           r.last_offered_at)
        for name in names if (r := by_name.get(name)) is not None
    ]


_OFFERS = select(Offer).where(Offer.case_id == bindparam("case_id"))
_BUSY = select(Case.responder_id).where(Case.line_id == bindparam("line_id"),
                                       Case.status == "active")


def advance(uow: UnitOfWork, case: Case, force: bool = False,
            why: str = "", fresh: bool = False) -> dispatch.Decision:
    """Offer the case to whoever the engine picks next, or escalate it.

    `why` is the reason an urgent case reads as danger, shown in its offers. `fresh` (a
    coordinator's "offer again") picks as if nobody had been asked yet, and escalates nothing
    when nobody is left: the person already has the resources and the backup list its alert."""
    line = uow.session.get(Line, case.line_id)
    roster = rosters.roster_of(line)
    now = utcnow()
    offers = list(uow.session.exec(_OFFERS, params={"case_id": case.id}))
    by_name = rosters.responders_by_name(uow.session, line)  # read once for this decision
    busy = set(uow.session.exec(_BUSY, params={"line_id": line.id}))
    name_of = {r.id: name for name, r in by_name.items()}
    view = dispatch.CaseView(
        urgent=case.urgent, language=case.language,
        offered=frozenset() if fresh else frozenset(
            name_of[o.responder_id] for o in offers if o.responder_id in name_of),
        open_offers=0 if force or fresh else sum(o.status == "open" for o in offers),
        escalated=case.escalated and not fresh,
    )
    timeout = timedelta(seconds=offer_seconds(case))
    decision = dispatch.decide(view, _candidates(by_name, busy, on_call_names(roster, case)),
                               _candidates(by_name, busy, list(roster.backup)), now, timeout)
    if isinstance(decision, dispatch.Offer):
        for name in decision.names:
            _offer(uow, case, line, by_name[name], decision.stage, decision.expires_at, why)
    elif isinstance(decision, dispatch.Escalate) and not fresh:
        _escalate(uow, case, line, decision.alert, by_name)
    return decision


def _offer(uow: UnitOfWork, case: Case, line: Line, responder: Responder, stage: str,
           expires_at, why: str = "") -> None:
    offer = Offer(case_id=case.id, responder_id=responder.id, stage=stage, expires_at=expires_at)
    uow.session.add(offer)
    responder.last_offered_at = utcnow()
    uow.session.flush()
    lang = responder_language(responder)
    key = "offer_urgent" if case.urgent else "offer"
    if case.channel == "voice":
        key = "offer_call"
        legs.ring(uow, case, offer, responder)
    elif case.followup_of is not None:
        key = "offer_followup"
    urgency = say("v_urgent" if case.urgent else "v_not_urgent", lang)
    urgency = urgency[0].lower() + urgency[1:]  # mid-sentence: "mental health, not urgent"
    text = say(key, lang, code=case.code, urgency=urgency, why=why_note(why, lang),
               category=category_name(case.category, lang),
               language=language_name(case.language, lang))
    if case.category == "safety_planning":
        text += say("discreet", lang)
    uow.text(responder.phone, text, purpose="offer", line_id=line.id, case_id=case.id,
             responder_id=responder.id)
    uow.later(offer_seconds(case), Task.EXPIRE_OFFER, offer.id)


def why_note(why: str, lang: str) -> str:
    """The reason an urgent case reads as danger, as it stands in a responder's text."""
    return say("why", lang, why=why) if why else ""


def _escalate(uow: UnitOfWork, case: Case, line: Line, alert: tuple[str, ...],
              by_name: dict[str, Responder]) -> None:
    """Nobody took the case: resources to the person, an open alert to the backup list."""
    case.escalated = True
    if case.channel == "voice":
        legs.send_caller_to_voicemail(uow, case)
    else:
        person = uow.session.get(Person, case.person_id)
        resources = rosters.roster_of(line).resources_for(
            case.language, case.category, case.urgent) or say(
            "resources", case.language)
        uow.text(person.phone, say("no_one", case.language) + " " + resources,
                 purpose="resources", line_id=line.id, case_id=case.id, person_id=person.id)
    for name in alert:
        responder = by_name[name]
        uow.session.add(Offer(case_id=case.id, responder_id=responder.id, stage="alert"))
        lang = responder_language(responder)
        urgent = say("alert_urgent", lang) if case.urgent else ""
        uow.text(responder.phone, say("alert", lang, code=case.code, urgent=urgent,
                                      category=category_name(case.category, lang),
                                      language=language_name(case.language, lang)),
                 purpose="alert", line_id=line.id, case_id=case.id, responder_id=responder.id)
    log.warning("case %s escalated: no responder took it; %d alerted", case.id, len(alert))


def accept(uow: UnitOfWork, offer: Offer, responder: Responder, by_call: bool = False) -> bool:
    """Give the case to this responder if it is still free; tell everyone what happened."""
    now = utcnow()
    case = uow.session.get(Case, offer.case_id)
    won = lifecycle.take(uow.session, case, responder, now)
    lang = responder_language(responder)
    if not won:
        offer.status, offer.answered_at = "taken", now
        uow.text(responder.phone, say("taken", lang, code=case.code), purpose="taken",
                 line_id=case.line_id, case_id=case.id, responder_id=responder.id)
        return False
    offer.status, offer.answered_at = "accepted", now
    _tell_others_taken(uow, case, offer.id)
    if case.channel == "voice":
        _accept_call(uow, case, offer, responder, by_call)
        return True
    count = len(active_cases(uow.session, responder))
    key = "accepted_many" if count > 1 else "accepted"
    uow.text(responder.phone, say(key, lang, code=case.code, count=count), purpose="notice",
             line_id=case.line_id, case_id=case.id, responder_id=responder.id)
    _send_history(uow, case, responder)
    person = uow.session.get(Person, case.person_id)
    first_name = responder.name.split()[0]
    uow.text(person.phone, say("connected", case.language, name=first_name), purpose="notice",
             line_id=case.line_id, case_id=case.id, person_id=person.id)
    return True


def _accept_call(uow: UnitOfWork, case: Case, offer: Offer, responder: Responder,
                 by_call: bool) -> None:
    """A call taken: by keypress the leg is bridged already; by text, the line calls them."""
    lang = responder_language(responder)
    uow.text(responder.phone, say("voice_accepted", lang, code=case.code), purpose="notice",
             line_id=case.line_id, case_id=case.id, responder_id=responder.id)
    if by_call:
        return
    legs.end(uow, [offer.id])
    legs.bridge(uow, case, responder)
    uow.text(responder.phone, say("voice_calling_you", lang, code=case.code), purpose="notice",
             line_id=case.line_id, case_id=case.id, responder_id=responder.id)


def _tell_others_taken(uow: UnitOfWork, case: Case, winner_offer_id: int) -> None:
    others = uow.session.exec(select(Offer).where(
        Offer.case_id == case.id, Offer.status == "open", Offer.id != winner_offer_id)).all()
    legs.end(uow, [o.id for o in others])
    for other in others:
        other.status, other.answered_at = "taken", utcnow()
        responder = uow.session.get(Responder, other.responder_id)
        uow.text(responder.phone, say("taken", responder_language(responder), code=case.code),
                 purpose="taken", line_id=case.line_id, case_id=case.id,
                 responder_id=responder.id)


HISTORY_TEXTS = 10  # the person's last texts sent to a responder on accept
HISTORY_CHARS = 1600  # and at most this much of them (one long SMS)


def _send_history(uow: UnitOfWork, case: Case, responder: Responder) -> None:
    """The person's last texts, so the responder starts with what was said; a flood of texts
    while waiting is summed up in one line, never relayed whole."""
    earlier = [m for m in uow.session.exec(select(InboundMessage).where(
        InboundMessage.case_id == case.id).order_by(InboundMessage.id)) if m.body.strip()]
    lang = responder_language(responder)
    shown: list[InboundMessage] = []
    room = HISTORY_CHARS
    for message in reversed(earlier[-HISTORY_TEXTS:]):
        if len(message.body) > room and shown:
            break
        shown.insert(0, message)
        room -= len(message.body)
    if len(shown) < len(earlier):
        uow.text(responder.phone, say("earlier_more", lang, code=case.code,
                                      count=len(earlier) - len(shown)),
                 purpose="relay", line_id=case.line_id, case_id=case.id,
                 responder_id=responder.id)
    for message in shown:
        uow.text(responder.phone, say("earlier", lang, code=case.code, text=message.body),
                 purpose="relay", line_id=case.line_id, case_id=case.id,
                 responder_id=responder.id)


def decline(uow: UnitOfWork, offer: Offer, responder: Responder) -> None:
    """A `NO`: the offer moves on at once."""
    case = locked_case(uow.session, offer.case_id)
    offer.status, offer.answered_at = "declined", utcnow()
    uow.text(responder.phone, say("passed", responder_language(responder), code=case.code),
             purpose="notice", line_id=case.line_id, case_id=case.id, responder_id=responder.id)
    if case.status == "offering":
        advance(uow, case)


def expire(uow: UnitOfWork, offer_id: int, force: bool = False) -> None:
    """An offer's time ran out (or its call leg ended, `force`): if still open, move on."""
    offer = uow.session.get(Offer, offer_id)
    if offer is None:
        return
    case = locked_case(uow.session, offer.case_id)
    uow.session.refresh(offer, with_for_update={"key_share": True})
    if offer.status != "open" or offer.expires_at is None:
        return
    early = (offer.expires_at - utcnow()).total_seconds()
    if early > 0 and not force:  # a timer that fired early: wait out the rest
        uow.later(early, Task.EXPIRE_OFFER, offer.id)
        return
    if case.status != "offering":
        offer.status = "closed"
        return
    offer.status = "expired"
    legs.end(uow, [offer.id])
    responder = uow.session.get(Responder, offer.responder_id)
    decision = advance(uow, case)
    if isinstance(decision, dispatch.Escalate) and responder.name in decision.alert:
        return  # their alert says what is true now: nobody took it, and they still can
    if not uow.session.exec(select(exists().where(
            OutboundMessage.case_id == case.id, OutboundMessage.responder_id == responder.id,
            OutboundMessage.purpose == "offer",
            OutboundMessage.status.not_in(("queued", "sending", "expired"))))).one():
        return  # the offer's text never went out before its time ran out: nothing to end
    uow.text(responder.phone, say("expired", responder_language(responder), code=case.code),
             purpose="notice", line_id=case.line_id, case_id=case.id, responder_id=responder.id)


def close_offers(uow: UnitOfWork, case: Case) -> None:
    """Close every open offer of a case that ended without a responder."""
    uow.session.execute(update(Offer).where(Offer.case_id == case.id, Offer.status == "open")
                        .values(status="closed", answered_at=utcnow()))


def stop_ringing(uow: UnitOfWork, case: Case) -> None:
    """Close a case's open offers and hang up every responder leg still ringing."""
    close_offers(uow, case)
    legs.end_responder_legs(uow, case)


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Offers past their time whose timeout job was lost."""
    overdue = session.exec(select(Offer.id).where(
        Offer.status == "open", Offer.expires_at.is_not(None),
        Offer.expires_at < now - timedelta(seconds=5))).all()
    return [Work(Task.EXPIRE_OFFER, (offer_id,)) for offer_id in overdue]
