"""Carries out the routing engine's dispatch decisions: offers, answers, timeouts, escalation.

Every function here runs inside a `unit_of_work`. The case row is locked before its offers
change, and taking a case is one conditional UPDATE, so two `YES` at the same instant give it
exactly one responder.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, update
from sqlmodel import select

from hotline import rosters
from hotline.models import Case, Line, Offer, Person, Responder, VoiceCall, utcnow
from hotline.outbound import UnitOfWork
from hotline.words import category_name, language_name, say
from routing import dispatch
from routing.oncall import on_call

log = logging.getLogger(__name__)

VOICE_OFFER_SECONDS = 45  # ring, then time to listen and press 1


def responder_language(responder: Responder) -> str:
    """The language a responder reads the line's texts in."""
    return (responder.languages or ["en"])[0]


def active_cases(uow: UnitOfWork, responder: Responder) -> list[Case]:
    """The cases a responder is helping with now, oldest first."""
    return list(uow.session.exec(
        select(Case).where(Case.responder_id == responder.id, Case.status == "active")
        .order_by(Case.accepted_at)))


def on_call_names(roster, case: Case) -> list[str]:
    """Who is on call for the case's category now."""
    return on_call(roster, case.category, utcnow())


def offer_seconds(case: Case) -> int:
    """How long one responder has: OFFER_TIMEOUT_SECONDS, or a call's ring-and-answer window."""
    timeout = current_app.config["OFFER_TIMEOUT_SECONDS"]
    return min(timeout, VOICE_OFFER_SECONDS) if case.channel == "voice" else timeout


def _candidates(uow: UnitOfWork, line: Line, names: list[str]) -> list[dispatch.Candidate]:
    by_name = rosters.responders_by_name(uow.session, line)
    busy = set(uow.session.exec(
        select(Case.responder_id).where(Case.line_id == line.id, Case.status == "active")))
    return [
        dispatch.Candidate(name, tuple(r.languages), r.taking_offers, r.id in busy,
                           r.last_offered_at)
        for name in names if (r := by_name.get(name)) is not None
    ]


def advance(uow: UnitOfWork, case: Case, force: bool = False) -> None:
    """Offer the case to whoever the engine picks next, or escalate it."""
    line = uow.session.get(Line, case.line_id)
    roster = rosters.roster_of(line)
    now = utcnow()
    offers = list(uow.session.exec(select(Offer).where(Offer.case_id == case.id)))
    name_of = {r.id: name for name, r in rosters.responders_by_name(uow.session, line).items()}
    view = dispatch.CaseView(
        urgent=case.urgent, language=case.language,
        offered=frozenset(name_of[o.responder_id] for o in offers if o.responder_id in name_of),
        open_offers=0 if force else sum(o.status == "open" for o in offers),
        escalated=case.escalated,
    )
    timeout = timedelta(seconds=offer_seconds(case))
    decision = dispatch.decide(view, _candidates(uow, line, on_call_names(roster, case)),
                               _candidates(uow, line, list(roster.backup)), now, timeout)
    if isinstance(decision, dispatch.Offer):
        for name in decision.names:
            _offer(uow, case, line, name, decision.stage, decision.expires_at)
    elif isinstance(decision, dispatch.Escalate):
        _escalate(uow, case, line, decision.alert)


def _offer(uow: UnitOfWork, case: Case, line: Line, name: str, stage: str, expires_at) -> None:
    responder = rosters.responders_by_name(uow.session, line)[name]
    offer = Offer(case_id=case.id, responder_id=responder.id, stage=stage, expires_at=expires_at)
    uow.session.add(offer)
    responder.last_offered_at = utcnow()
    uow.session.flush()
    lang = responder_language(responder)
    key = "offer_urgent" if case.urgent else "offer"
    if case.channel == "voice":
        key = "offer_call"
        uow.call(VoiceCall(line_id=line.id, role="offer", case_id=case.id, offer_id=offer.id,
                           responder_id=responder.id, to_number=responder.phone,
                           path=f"/twilio/voice/offer?offer={offer.id}"))
    elif case.followup_of is not None:
        key = "offer_followup"
    urgency = say("v_urgent" if case.urgent else "v_not_urgent", lang)
    text = say(key, lang, code=case.code, urgency=urgency,
               category=category_name(case.category, lang),
               language=language_name(case.language, lang))
    if case.category == "safety_planning":
        text += say("discreet", lang)
    uow.text(responder.phone, text, purpose="offer", line_id=line.id, case_id=case.id,
             responder_id=responder.id)
    from hotline.jobs import expire_offer

    uow.later(offer_seconds(case), expire_offer, offer.id)


def _escalate(uow: UnitOfWork, case: Case, line: Line, alert: tuple[str, ...]) -> None:
    """Nobody took the case: resources to the person, an open alert to the backup list."""
    case.escalated = True
    if case.channel == "voice":
        _send_caller_to_voicemail(uow, case)
    else:
        person = uow.session.get(Person, case.person_id)
        resources = rosters.roster_of(line).resources_for(case.language) or say(
            "resources", case.language)
        uow.text(person.phone, say("no_one", case.language) + " " + resources,
                 purpose="resources", line_id=line.id, case_id=case.id, person_id=person.id)
    by_name = rosters.responders_by_name(uow.session, line)
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


def _send_caller_to_voicemail(uow: UnitOfWork, case: Case) -> None:
    """A waiting caller whom nobody took hears the resources and can leave a voicemail."""
    from hotline.jobs import redirect_call

    holding = uow.session.exec(select(VoiceCall).where(
        VoiceCall.case_id == case.id, VoiceCall.role == "caller",
        VoiceCall.status == "holding")).all()
    for leg in holding:
        leg.status = "redirected"
        uow.later(0, redirect_call, leg.id,
                  f"/twilio/voice/nobody?case={case.id}&lang={case.language}")


def _end_legs(uow: UnitOfWork, offer_ids: list[int]) -> None:
    """Hang up the call legs that rang responders with these offers."""
    from hotline.jobs import end_call

    if not offer_ids:
        return
    legs = uow.session.exec(select(VoiceCall).where(
        VoiceCall.offer_id.in_(offer_ids), VoiceCall.ended_at.is_(None)))
    for leg in legs:
        uow.later(0, end_call, leg.id)


def accept(uow: UnitOfWork, offer: Offer, responder: Responder, by_call: bool = False) -> bool:
    """Give the case to this responder if it is still free; tell everyone what happened."""
    now = utcnow()
    won = uow.session.execute(
        update(Case).where(Case.id == offer.case_id, Case.status == "offering")
        .values(status="active", responder_id=responder.id, accepted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    case = uow.session.get(Case, offer.case_id)
    uow.session.refresh(case)
    lang = responder_language(responder)
    if not won:
        offer.status, offer.answered_at = "taken", now
        uow.text(responder.phone, say("taken", lang, code=case.code), purpose="notice",
                 line_id=case.line_id, case_id=case.id, responder_id=responder.id)
        return False
    offer.status, offer.answered_at = "accepted", now
    _tell_others_taken(uow, case, offer.id)
    if case.channel == "voice":
        _accept_call(uow, case, offer, responder, by_call)
        return True
    count = len(active_cases(uow, responder))
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
    _end_legs(uow, [offer.id])
    leg = VoiceCall(line_id=case.line_id, role="bridge", case_id=case.id,
                    responder_id=responder.id, to_number=responder.phone,
                    path=f"/twilio/voice/bridge?case={case.id}")
    uow.call(leg)
    uow.text(responder.phone, say("voice_calling_you", lang, code=case.code), purpose="notice",
             line_id=case.line_id, case_id=case.id, responder_id=responder.id)


def _tell_others_taken(uow: UnitOfWork, case: Case, winner_offer_id: int) -> None:
    others = uow.session.exec(select(Offer).where(
        Offer.case_id == case.id, Offer.status == "open", Offer.id != winner_offer_id)).all()
    _end_legs(uow, [o.id for o in others])
    for other in others:
        other.status, other.answered_at = "taken", utcnow()
        responder = uow.session.get(Responder, other.responder_id)
        uow.text(responder.phone, say("taken", responder_language(responder), code=case.code),
                 purpose="notice", line_id=case.line_id, case_id=case.id,
                 responder_id=responder.id)


def _send_history(uow: UnitOfWork, case: Case, responder: Responder) -> None:
    """The person's texts so far, so the responder starts with what was said."""
    from hotline.models import InboundMessage

    earlier = uow.session.exec(select(InboundMessage).where(
        InboundMessage.case_id == case.id).order_by(InboundMessage.id))
    lang = responder_language(responder)
    for message in earlier:
        if message.body.strip():
            uow.text(responder.phone, say("earlier", lang, code=case.code, text=message.body),
                     purpose="relay", line_id=case.line_id, case_id=case.id,
                     responder_id=responder.id)


def decline(uow: UnitOfWork, offer: Offer, responder: Responder) -> None:
    """A `NO`: the offer moves on at once."""
    case = locked_case(uow, offer.case_id)
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
    case = locked_case(uow, offer.case_id)
    uow.session.refresh(offer, with_for_update={"key_share": True})
    if offer.status != "open" or offer.expires_at is None:
        return
    early = (offer.expires_at - utcnow()).total_seconds()
    if early > 0 and not force:  # a timer that fired early: wait out the rest
        from hotline.jobs import expire_offer

        uow.later(early, expire_offer, offer.id)
        return
    if case.status != "offering":
        offer.status = "closed"
        return
    offer.status = "expired"
    _end_legs(uow, [offer.id])
    responder = uow.session.get(Responder, offer.responder_id)
    uow.text(responder.phone, say("expired", responder_language(responder), code=case.code),
             purpose="notice", line_id=case.line_id, case_id=case.id, responder_id=responder.id)
    advance(uow, case)


def locked_case(uow: UnitOfWork, case_id: int) -> Case:
    """Load a case holding its row lock (PostgreSQL) until the transaction ends."""
    statement = select(Case).where(Case.id == case_id).with_for_update(key_share=True)
    case = uow.session.exec(statement).one()
    uow.session.refresh(case)
    return case


def close_offers(uow: UnitOfWork, case: Case) -> None:
    """Close every open offer of a case that ended without a responder."""
    uow.session.execute(update(Offer).where(Offer.case_id == case.id, Offer.status == "open")
                        .values(status="closed", answered_at=utcnow()))


def open_offer_count(uow: UnitOfWork, case_id: int) -> int:
    """How many offers of a case still wait for an answer."""
    return uow.session.exec(select(func.count()).select_from(Offer).where(
        Offer.case_id == case_id, Offer.status == "open")).one()
