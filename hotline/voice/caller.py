"""The voice line: a caller is greeted, triaged by key or speech, held, and bridged to a
responder who pressed 1; or hears the resources and leaves a voicemail.

Each function answers one Twilio request with TwiML (built with the SDK's VoiceResponse) and
makes its state changes in one `unit_of_work`. Only a keypress connects a responder, so a
voicemail or a silent pickup never takes a call.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app
from sqlmodel import select
from twilio.twiml.voice_response import VoiceResponse

from hotline.cases import rosters
from hotline.cases.lifecycle import close_case, locked_case, new_case, start_offering
from hotline.cases.parties import person_for, responder_language
from hotline.cases.work import UnitOfWork, unit_of_work
from hotline.dispatch import offers
from hotline.infra import db, voice_urls
from hotline.infra.models import Case, Line, Person, VoiceCall, utcnow
from hotline.infra.queue import Task
from hotline.infra.words import category_name, language_name, say
from routing.commands import menu_choice
from routing.triage import triage

SPEECH = {"en": "en-US", "es": "es-MX"}
HOLD_PAUSE = 8


def queue_name(case_id: int) -> str:
    """The Twilio queue a case's caller waits in."""
    return f"case-{case_id}"


def speak(response, text: str, lang: str) -> None:
    """Say a text in the voice of its language."""
    response.say(text, language=SPEECH.get(lang, "en-US"))


def _resources(line: Line, lang: str, case: Case | None = None) -> str:
    """What the roster tells a caller: for their case's need and urgency, when there is one."""
    category, urgent = (case.category, case.urgent) if case else (None, False)
    return rosters.roster_of(line).resources_for(lang, category, urgent) or say("resources", lang)


def _caller_leg(uow: UnitOfWork, call_sid: str) -> VoiceCall | None:
    return uow.session.exec(select(VoiceCall).where(VoiceCall.sid == call_sid)).one_or_none()


def incoming(form: Mapping[str, str], origin: str) -> VoiceResponse:
    """A call comes in: recorded once per CallSid, then the greeting (or closed hours)."""
    with unit_of_work() as uow:
        line = rosters.line_for(uow.session, form.get("To"))
        if line.origin != origin:
            line.origin = origin
        person = person_for(uow.session, line.id, form["From"][:32])
        db.insert_ignoring_conflict(uow.session, VoiceCall, line_id=line.id, sid=form["CallSid"],
                                    role="caller", person_id=person.id, to_number="",
                                    path="", status="in-progress", created_at=utcnow())
        closed = {lang: rosters.closed_notice(line, lang) for lang in ("en", "es")}
    response = VoiceResponse()
    if closed["en"] is not None:
        for lang in ("en", "es"):
            speak(response, closed[lang], lang)
        response.hangup()
        return response
    gather = response.gather(input="dtmf", num_digits=1, timeout=3,
                             action=voice_urls.language())
    speak(gather, say("v_greeting", "en"), "en")
    speak(gather, "Para español, oprima 2.", "es")
    response.redirect(voice_urls.menu("en"))
    return response


def menu(lang: str, attempt: int) -> VoiceResponse:
    """The need menu, by key or in the caller's own words."""
    response = VoiceResponse()
    action = voice_urls.choice(lang, attempt)
    gather = response.gather(input="dtmf speech", num_digits=1, timeout=6,
                             speech_timeout="auto", language=SPEECH[lang], action=action,
                             hints="mental health, substance use, safety planning, overdose")
    speak(gather, say("v_menu", lang), lang)
    response.redirect(action)
    return response


def choice(form: Mapping[str, str], lang: str, attempt: int) -> VoiceResponse:
    """The caller chose (or said) a need: open the case and start ringing responders."""
    category, urgent = None, False
    if form.get("Digits"):
        category = menu_choice(form["Digits"])
    elif form.get("SpeechResult"):
        result = triage(form["SpeechResult"])
        category, urgent = result.category, result.urgent
        if urgent and category is None:
            category = "mental_health"
    response = VoiceResponse()
    if category is None:
        return _no_choice(form, lang, attempt)
    with unit_of_work() as uow:
        leg = _caller_leg(uow, form.get("CallSid", ""))
        if leg is None:  # a call we never greeted
            speak(response, say("v_goodbye", lang), lang)
            response.hangup()
            return response
        if leg.case_id is not None:  # a repeated request: the case is already open
            case = uow.session.get(Case, leg.case_id)
        else:
            person = uow.session.get(Person, leg.person_id)
            person.language = lang
            line = uow.session.get(Line, leg.line_id)
            case = new_case(uow.session, line, person, lang)
            case.channel = "voice"
            start_offering(case, category, urgent)
            leg.case_id = case.id
            offers.advance(uow, case)
        waiting = not case.escalated and case.status == "offering"
        if waiting:
            leg.status = "holding"
        case_id = case.id
    if not waiting:
        return nobody(case_id, lang)
    response.enqueue(queue_name(case_id), wait_url=voice_urls.hold(lang),
                     action=voice_urls.queued(case_id, lang))
    return response


def _no_choice(form: Mapping[str, str], lang: str, attempt: int) -> VoiceResponse:
    response = VoiceResponse()
    speak(response, say("v_no_input", lang), lang)
    if attempt == 0:
        response.redirect(voice_urls.menu(lang, 1))
        return response
    with db.transaction() as session:
        line = rosters.line_for(session, form.get("To"))
        resources = _resources(line, lang)
    speak(response, resources, lang)
    gather = response.gather(input="dtmf", num_digits=1, timeout=6,
                             action=voice_urls.text_me(lang))
    speak(gather, say("v_text_offer", lang), lang)
    speak(response, say("v_goodbye", lang), lang)
    response.hangup()
    return response


def hold(lang: str) -> VoiceResponse:
    """What a waiting caller hears, over and over: calm words, and a key for voicemail."""
    response = VoiceResponse()
    gather = response.gather(input="dtmf", num_digits=1, timeout=1, action=voice_urls.leave())
    speak(gather, say("v_hold", lang), lang)
    response.pause(length=HOLD_PAUSE)
    return response


def leave() -> VoiceResponse:
    """The caller pressed a key while waiting: out of the queue, to voicemail."""
    response = VoiceResponse()
    response.leave()
    return response


def queued(case_id: int, lang: str, result: str) -> VoiceResponse:
    """The caller's wait ended: bridged (nothing more), or they chose voicemail."""
    response = VoiceResponse()
    if result == "redirected":  # nobody came: the redirect's voicemail TwiML is playing
        return response
    if result in ("bridged", "hangup"):
        response.hangup()
        return response
    with unit_of_work() as uow:
        _to_voicemail(uow, case_id)
    return nobody(case_id, lang)


def _to_voicemail(uow: UnitOfWork, case_id: int) -> Case | None:
    """The caller chose voicemail: nobody rings on and the case closes as a voicemail."""
    if uow.session.get(Case, case_id) is None:
        return None
    case = locked_case(uow.session, case_id)
    if case.status == "offering":
        offers.stop_ringing(uow, case)
        close_case(case, "voicemail")
    return case


def nobody(case_id: int, lang: str) -> VoiceResponse:
    """The resources, then a voicemail the backup list is told about."""
    with db.transaction() as session:
        case = session.get(Case, case_id)
        line = session.get(Line, case.line_id) if case else rosters.line_for(session)
        resources = _resources(line, lang, case)
    response = VoiceResponse()
    speak(response, say("v_nobody", lang) + " " + resources, lang)
    speak(response, say("v_voicemail", lang), lang)
    response.record(max_length=180, timeout=8, play_beep=True, finish_on_key="#",
                    action=voice_urls.recorded(case_id, lang))
    speak(response, say("v_goodbye", lang), lang)
    return response


def recorded(case_id: int, lang: str, recording_url: str, recording_sid: str = ""
             ) -> VoiceResponse:
    """A voicemail was left: the backup list is told, and hears it with `CALL <code>`; the
    recording is kept by id, to be deleted on FORGET ME or at the retention cutoff."""
    with unit_of_work() as uow:
        case = _to_voicemail(uow, case_id)
        if case is not None and recording_url:
            case.recording_url, case.recording_sid = recording_url, recording_sid[:64] or None
            _tell_about_voicemail(uow, case)
    response = VoiceResponse()
    speak(response, say("v_recorded", lang), lang)
    response.hangup()
    return response


def _tell_about_voicemail(uow: UnitOfWork, case: Case) -> None:
    """The backup list (or, with none, whoever is on call) is told; no link goes by SMS."""
    line = uow.session.get(Line, case.line_id)
    roster = rosters.roster_of(line)
    by_name = rosters.responders_by_name(uow.session, line)
    names = list(roster.backup) or offers.on_call_names(roster, case)
    for name in dict.fromkeys(names):
        responder = by_name.get(name)
        if responder is None:
            continue
        rl = responder_language(responder)
        urgent = say("alert_urgent", rl) if case.urgent else ""
        uow.text(responder.phone, say(
            "voicemail_alert", rl, code=case.code, urgent=urgent,
            category=category_name(case.category, rl),
            language=language_name(case.language, rl)),
            purpose="voicemail", line_id=line.id, case_id=case.id,
            responder_id=responder.id)


def text_me(form: Mapping[str, str], lang: str) -> VoiceResponse:
    """After no choice: on a keypress, the caller is texted the menu at this number."""
    response = VoiceResponse()
    if form.get("Digits") != "1":
        speak(response, say("v_goodbye", lang), lang)
        response.hangup()
        return response
    with unit_of_work() as uow:
        leg = _caller_leg(uow, form.get("CallSid", ""))
        if leg is not None:
            person = uow.session.get(Person, leg.person_id)
            line = uow.session.get(Line, leg.line_id)
            if not person.opted_out:
                case = new_case(uow.session, line, person, lang)
                case.menus_sent = 1
                uow.later(current_app.config["MENU_TIMEOUT_SECONDS"], Task.MENU_TIMEOUT,
                          case.id)
                uow.text(person.phone, say("menu", lang), purpose="menu", line_id=line.id,
                         case_id=case.id, person_id=person.id)
    speak(response, say("v_texting", lang), lang)
    response.hangup()
    return response
