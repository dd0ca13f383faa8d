"""Responder call legs: the offer prompt, press 1 to take, bridging, calling back, and the
status callbacks that end what must end.

A responder leg is connected to the caller only after its keypress (or a `YES` by text), so
voicemail and silent pickups never take a call. Every number dialled goes to Twilio only; each
side hears and sees the hotline number.
"""

from __future__ import annotations

from sqlmodel import select
from twilio.twiml.voice_response import Dial, VoiceResponse

from hotline.cases.lifecycle import close_case, locked_case
from hotline.cases.parties import responder_language
from hotline.cases.work import unit_of_work
from hotline.dispatch import offers
from hotline.infra import db, voice_urls
from hotline.infra.models import Case, Line, Offer, Person, Responder, VoiceCall, utcnow
from hotline.infra.words import category_name, language_name, say
from hotline.voice.caller import queue_name, speak
from hotline.voice.placing import ENDED


def _ended(responder: Responder | None) -> VoiceResponse:
    """A responder leg with nothing left to join: a short goodbye."""
    lang = responder_language(responder) if responder else "en"
    response = VoiceResponse()
    speak(response, say("v_ended", lang), lang)
    response.hangup()
    return response


def offer_prompt(offer_id: int) -> VoiceResponse:
    """A responder picked up: what the call is, and press 1 to take it."""
    response = VoiceResponse()
    with db.transaction() as session:
        offer = session.get(Offer, offer_id)
        case = session.get(Case, offer.case_id) if offer else None
        responder = session.get(Responder, offer.responder_id) if offer else None
    if case is None or offer.status != "open" or case.status != "offering":
        return _ended(responder)
    lang = responder_language(responder)
    urgency = say("v_urgent" if case.urgent else "v_not_urgent", lang)
    text = say("v_offer", lang, category=category_name(case.category, lang), urgency=urgency,
               language=language_name(case.language, lang))
    gather = response.gather(input="dtmf", num_digits=1, timeout=8,
                             action=voice_urls.take(offer_id))
    speak(gather, text, lang)
    gather.pause(length=1)
    speak(gather, text, lang)
    speak(response, say("v_ended", lang), lang)
    response.hangup()
    return response


def take(offer_id: int, digits: str | None) -> VoiceResponse:
    """The responder pressed a key: 1 takes the call if it is still free."""
    response = VoiceResponse()
    if digits != "1":
        response.redirect(voice_urls.offer(offer_id))
        return response
    with unit_of_work() as uow:
        offer = uow.session.get(Offer, offer_id)
        if offer is None:  # no such offer: nothing to take
            return _ended(None)
        responder = db.locked(uow.session, Responder, offer.responder_id)
        lang = responder_language(responder)
        won = offer.status == "open" and offers.accept(uow, offer, responder, by_call=True)
        case_id = offer.case_id
    if not won:
        speak(response, say("v_taken", lang), lang)
        response.hangup()
        return response
    return connect(case_id, lang)


def connect(case_id: int, lang: str) -> VoiceResponse:
    """Bridge a responder's leg to the caller waiting in the case's queue."""
    response = VoiceResponse()
    speak(response, say("v_connecting", lang), lang)
    dial = Dial()
    dial.queue(queue_name(case_id))
    response.append(dial)
    return response


def bridge(case_id: int) -> VoiceResponse:
    """The line called a responder who took the case by text: join them to the caller."""
    with db.transaction() as session:
        case = session.get(Case, case_id)
        responder = session.get(Responder, case.responder_id) if case and case.responder_id \
            else None
    lang = responder_language(responder) if responder else "en"
    if case is None or case.status != "active":
        return _ended(responder)
    return connect(case_id, lang)


def call_back(call_id: int) -> VoiceResponse:
    """A responder's `CALL <code>` leg answered: now dial the person, from the hotline."""
    response = VoiceResponse()
    with db.transaction() as session:
        leg = session.get(VoiceCall, call_id)
        person = session.get(Person, leg.person_id) if leg else None
        responder = session.get(Responder, leg.responder_id) if leg else None
        line = session.get(Line, leg.line_id) if leg else None
        case = session.get(Case, leg.case_id) if leg and leg.case_id else None
        voicemail = case.recording_url if case else None
    lang = responder_language(responder) if responder else "en"
    if person is None or not person.phone:  # gone, or erased by FORGET ME
        return _ended(responder)
    if voicemail:  # heard through the line, never sent as a link
        speak(response, say("v_voicemail_play", lang), lang)
        response.play(voicemail)
    speak(response, say("v_callback", lang), lang)
    dial = Dial(caller_id=line.number)
    dial.number(person.phone)
    response.append(dial)
    return response


def leg_status(call_id: int, status: str) -> None:
    """A responder leg ended unanswered, busy or failed: its offer moves on at once."""
    with unit_of_work() as uow:
        leg = uow.session.get(VoiceCall, call_id)
        if leg is None:
            return
        leg.status = status[:16]
        if status not in ENDED:
            return
        leg.ended_at = leg.ended_at or utcnow()
        if leg.role == "offer" and leg.offer_id is not None:
            offers.expire(uow, leg.offer_id, force=True)


def caller_status(call_sid: str, status: str) -> None:
    """The caller hung up: a case still ringing is abandoned and every leg is ended."""
    if status not in ENDED:
        return
    with unit_of_work() as uow:
        leg = uow.session.exec(select(VoiceCall).where(VoiceCall.sid == call_sid)).one_or_none()
        if leg is None or leg.role != "caller":
            return
        leg.status, leg.ended_at = status[:16], leg.ended_at or utcnow()
        if leg.case_id is None:
            return
        case = locked_case(uow.session, leg.case_id)
        if case.status == "offering":
            offers.stop_ringing(uow, case)
            close_case(case, "abandoned")
        elif case.status == "active":  # a responder still being called in stops ringing
            offers.stop_ringing(uow, case)
            close_case(case, "call_ended")
