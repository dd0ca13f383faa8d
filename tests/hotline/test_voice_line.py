"""The voice line end to end: signed voice webhooks, TwiML read as XML, calls placed at the
Twilio-compatible server, and the queue worked as a worker would."""

from __future__ import annotations

import secrets
from datetime import timedelta

import time_machine
from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import Case, utcnow
from tests.hotline.line import ANA, BEN, CY, DEE, action, roster, spoken

CALLER = "+15555550177"
SID = "CA" + "7" * 32


def case() -> Case:
    with transaction() as session:
        [only] = session.exec(select(Case)).all()
        return only


def escalated(case_id: int) -> bool:
    with transaction() as session:
        return session.get(Case, case_id).escalated


def choose(line, **answer):
    """Call, skip the language question, and answer the menu."""
    greeting = line.ring(CALLER, SID)
    menu = line.voice(greeting.find("Redirect").text, CallSid=SID)
    twiml = line.voice(action(menu), CallSid=SID, To=line.number, **answer)
    line.work()
    return twiml


def test_the_greeting_offers_spanish_and_the_menu_takes_keys_and_speech(line):
    line.load()
    greeting = line.ring(CALLER, SID)
    assert "confidential" in spoken(greeting) and "oprima 2" in spoken(greeting)
    spanish = line.voice(action(greeting), CallSid=SID, Digits="2")
    gather = spanish.find("Gather")
    assert gather.get("input") == "dtmf speech" and gather.get("language") == "es-MX"
    assert "salud mental" in spoken(spanish)


def test_press_1_calls_the_on_call_mental_health_responder_from_the_hotline(line):
    line.load()
    twiml = choose(line, Digits="1")
    assert twiml.find("Enqueue") is not None
    assert "press any key" in spoken(line.voice(twiml.find("Enqueue").get("waitUrl"),
                                                 CallSid=SID))
    [call] = line.calls_to(BEN)
    assert call["from_"] == line.number
    assert line.calls_to(ANA) == []
    assert "YES" in line.last(BEN)  # the offer is texted too
    prompt = line.pick_up(call)
    assert "Press 1" in spoken(prompt) and "mental health" in spoken(prompt)
    connected = line.voice(action(prompt), CallSid=call["sid"], Digits="1")
    line.work()
    assert connected.find("Dial/Queue").text == twiml.find("Enqueue").text
    assert case().status == "active"


def test_a_voicemail_or_silent_pickup_never_connects_and_the_next_responder_is_called(line):
    line.load()
    choose(line, Digits="1")
    [call] = line.calls_to(BEN)
    prompt = line.pick_up(call)  # a voicemail greeting plays; nobody presses anything
    assert prompt.find("Gather") is not None and prompt.find("Dial") is None
    line.voice(call["status_callback"], CallSid=call["sid"], CallStatus="completed")
    line.work()
    assert case().status == "offering"
    assert len(line.calls_to(ANA)) == 1


def test_no_keypress_in_the_window_moves_on_and_ends_the_ringing_leg(line):
    line.load()
    choose(line, Digits="1")
    [ben] = line.calls_to(BEN)
    line.fire_timers()
    assert ben["sid"] in line.ended()
    assert len(line.calls_to(ANA)) == 1


def test_urgent_speech_rings_everyone_at_once_and_the_first_1_wins(line):
    line.load()
    choose(line, SpeechResult="my friend overdosed and isn't breathing")
    assert case().urgent and case().category == "substance_use"
    calls = {phone: line.calls_to(phone) for phone in (BEN, CY, DEE)}
    assert all(len(c) == 1 for c in calls.values())
    assert line.calls_to(ANA) == []
    first = line.pick_up(calls[CY][0])
    won = line.voice(action(first), CallSid=calls[CY][0]["sid"], Digits="1")
    line.work()
    assert won.find("Dial/Queue") is not None
    assert {calls[BEN][0]["sid"], calls[DEE][0]["sid"]} <= line.ended()
    assert "taken" in line.last(BEN) and "taken" in line.last(DEE)
    late = line.pick_up(calls[BEN][0])
    assert late.find("Dial") is None


def test_the_caller_hanging_up_ends_every_responder_call_and_abandons_the_case(line):
    line.load()
    choose(line, SpeechResult="my friend overdosed and isn't breathing")
    placed = {c["sid"] for c in line.twilio.calls}
    line.voice("/twilio/voice/status", CallSid=SID, CallStatus="completed")
    line.work()
    assert placed <= line.ended()
    assert case().status == "closed" and case().closed_reason == "abandoned"


def test_with_nobody_on_call_the_caller_gets_resources_and_voicemail_at_once(line):
    line.load(roster(rotations=[], backup=[]))
    twiml = choose(line, Digits="2")
    assert "988" in spoken(twiml)
    assert twiml.find("Record") is not None
    assert line.twilio.calls == []
    assert line.twilio.call_updates == []  # the answer itself is the voicemail: no redirect


def test_a_caller_can_leave_a_voicemail_that_goes_to_backup_with_a_way_to_call_back(line):
    line.load()
    waiting = choose(line, Digits="3")
    hold = line.voice(waiting.find("Enqueue").get("waitUrl"), CallSid=SID)
    assert line.voice(action(hold), CallSid=SID, Digits="5").find("Leave") is not None
    queued = line.voice(waiting.find("Enqueue").get("action"), CallSid=SID, QueueResult="leave")
    line.work()
    assert queued.find("Record") is not None and "988" in spoken(queued)
    assert {c["sid"] for c in line.twilio.calls} <= line.ended()  # nobody rings on
    line.voice(action(queued, "Record"), CallSid=SID,
               RecordingUrl="https://api.twilio.com/recordings/RE1")
    line.work()
    alert = line.last(DEE)
    assert "Voicemail" in alert and "CALL" in alert
    assert "recordings/RE1" not in alert  # heard through the line, never sent as a link
    assert CALLER not in alert
    line.text(DEE, f"CALL {case().code}")
    [back] = line.calls_to(DEE)
    answered = line.pick_up(back)
    assert answered.findtext("Play") == "https://api.twilio.com/recordings/RE1"
    assert answered.find("Dial/Number").text == CALLER
    line.text(CY, f"CALL {case().code}")  # Cy was never offered it nor told of it
    assert line.calls_to(CY) == [] and "no call case" in line.last(CY)


def test_call_code_connects_a_responder_back_to_the_person_with_no_number_shown(line):
    line.load()
    choose(line, Digits="1")
    [call] = line.calls_to(BEN)
    line.voice(action(line.pick_up(call)), CallSid=call["sid"], Digits="1")
    line.voice("/twilio/voice/status", CallSid=SID, CallStatus="completed")
    line.work()
    code = case().code
    line.text(BEN, f"CALL {code}")
    [_, back] = line.calls_to(BEN)
    assert back["from_"] == line.number
    dial = line.pick_up(back).find("Dial")
    assert dial.get("callerId") == line.number
    assert dial.find("Number").text == CALLER  # only Twilio is told the number
    assert all(CALLER not in body for body in line.inbox(BEN))


def test_yes_by_text_takes_the_call_and_the_line_calls_the_responder_to_bridge(line):
    line.load()
    choose(line, Digits="1")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    [offer_leg, bridge_leg] = line.calls_to(BEN)
    assert offer_leg["sid"] in line.ended()
    joined = line.pick_up(bridge_leg)
    assert joined.find("Dial/Queue").text == f"case-{case().id}"


def test_no_input_gets_one_reprompt_then_resources_and_a_texting_offer(line):
    line.load()
    line.ring(CALLER, SID)
    again = line.voice("/twilio/voice/choice?lang=en&try=0", CallSid=SID, To=line.number)
    assert "didn't catch" in spoken(again)
    menu = line.voice(again.find("Redirect").text, CallSid=SID)
    last = line.voice(action(menu), CallSid=SID, To=line.number)
    assert "988" in spoken(last) and "press 1" in spoken(last)
    line.voice(action(last), CallSid=SID, Digits="1")
    line.work()
    assert "1 mental health" in line.last(CALLER)


def test_forged_voice_webhooks_get_403(line):
    form = {"CallSid": SID, "From": CALLER, "To": line.number}
    assert line.post("/twilio/voice", form, signature="forged").status_code == 403
    assert line.post("/twilio/voice/status", form, signature="forged").status_code == 403


def test_the_same_call_sid_twice_is_one_call(line):
    line.load()
    line.ring(CALLER, SID)
    line.ring(CALLER, SID)
    from hotline.infra.models import VoiceCall

    with transaction() as session:
        assert len(session.exec(select(VoiceCall)).all()) == 1


def test_a_waiting_caller_nobody_takes_is_sent_at_once_to_resources_and_voicemail(line):
    line.load()
    greeting = line.ring(CALLER, SID)
    menu = line.voice(action(greeting), CallSid=SID, Digits="2")  # en español
    waiting = line.voice(action(menu), CallSid=SID, To=line.number, Digits="1")
    line.work()
    assert waiting.find("Enqueue") is not None
    first = case().id
    other_sid = "CA" + "8" * 32  # another caller, whose call a responder takes
    greeting = line.ring("+15555550188", other_sid)
    menu = line.voice(greeting.find("Redirect").text, CallSid=other_sid)
    line.voice(action(menu), CallSid=other_sid, To=line.number, Digits="2")
    line.work()
    taker = line.twilio.calls[-1]
    line.voice(action(line.pick_up(taker)), CallSid=taker["sid"], Digits="1")
    line.work()
    redirects = []
    for _ in range(5):  # each responder's time runs out in turn
        assert not redirects, "the caller was sent away while a responder was still rung"
        line.fire_timers()
        redirects = [u for u in line.twilio.call_updates if u["sid"] == SID]
        if escalated(first):
            break
    assert escalated(first)
    [redirect] = redirects  # at once, and once
    assert not [u for u in line.twilio.call_updates if u["sid"] == other_sid]
    nobody = line.voice(redirect["url"], CallSid=SID)
    assert "No pudimos" in spoken(nobody) and "988" in spoken(nobody)
    assert nobody.find("Record") is not None


def test_a_caller_hanging_up_after_a_yes_by_text_stops_only_that_responder_s_call(line):
    line.load()
    choose(line, Digits="1")  # mental health: Ben is rung
    other_sid = "CA" + "8" * 32
    greeting = line.ring("+15555550188", other_sid)
    menu = line.voice(greeting.find("Redirect").text, CallSid=other_sid)
    line.voice(action(menu), CallSid=other_sid, To=line.number, Digits="3")
    line.work()
    [ringing_ana] = line.calls_to(ANA)  # the other caller's case, offered to Ana
    line.text(BEN, f"YES {line.code_in(BEN)}")
    [offer_leg, bridge_leg] = line.calls_to(BEN)
    assert line.ended() == {offer_leg["sid"]}  # Ana's phone rings on for the other caller
    line.voice("/twilio/voice/status", CallSid=SID, CallStatus="completed")
    line.work()
    assert bridge_leg["sid"] in line.ended()  # Ben's phone stops ringing for a caller gone
    assert ringing_ana["sid"] not in line.ended()
    assert line.pick_up(bridge_leg).find("Dial") is None

def code_of(channel: str) -> str:
    with transaction() as session:
        return session.exec(select(Case.code).where(Case.channel == channel)).one()


def test_call_code_calls_back_only_for_a_responder_offered_that_call_and_only_for_72_hours(
        line):
    line.load()
    choose(line, Digits="1")  # mental health: Ben is rung first, then Ana
    line.fire_timers()  # Ben lets it ring out
    [ana] = line.calls_to(ANA)
    line.voice(action(line.pick_up(ana)), CallSid=ana["sid"], Digits="1")
    line.work()
    call_code = code_of("voice")
    line.text(BEN, f"CALL {call_code}")  # offered it, did not take it: may call back
    [back] = line.calls_to(BEN)[-1:]
    assert "Calling you now" in line.last(BEN)
    assert line.pick_up(back).find("Dial/Number").text == CALLER
    line.voice("/twilio/voice/status", CallSid=SID, CallStatus="completed")
    line.work()
    assert back["sid"] not in line.ended()  # a call back is a call of its own
    line.text("+15555550166", "i relapsed and need help")  # a text, offered to Cy first
    text_code = code_of("sms")
    assert f"YES {text_code}" in line.last(CY)
    line.text(CY, f"YES {text_code}")
    placed = len(line.twilio.calls)

    line.text(CY, f"CALL {text_code}")  # a text case: there is no caller to call back
    assert len(line.twilio.calls) == placed and "no call case" in line.last(CY)
    line.text(CY, f"CALL {call_code}")  # Cy took another case, was never offered this call
    assert len(line.twilio.calls) == placed and "no call case" in line.last(CY)

    line.text(ANA, f"CALL {call_code}")  # took it: may call back
    assert len(line.twilio.calls) == placed + 1 and "Calling you now" in line.last(ANA)

    with time_machine.travel(utcnow() + timedelta(hours=73)):
        line.text(ANA, f"CALL {call_code}")  # but not three days later
    assert len(line.twilio.calls) == placed + 1 and "no call case" in line.last(ANA)


def call_and_hang_up(line, caller: str, sid: str, digits: str) -> None:
    greeting = line.ring(caller, sid)
    menu = line.voice(greeting.find("Redirect").text, CallSid=sid)
    line.voice(action(menu), CallSid=sid, To=line.number, Digits=digits)
    line.work()
    line.voice("/twilio/voice/status", CallSid=sid, CallStatus="completed")
    line.work()


def test_call_code_two_ended_calls_drew_calls_back_the_newer_caller(line, monkeypatch):
    only_ben = roster()
    only_ben["rotations"] = [dict(only_ben["rotations"][0], members=["Ben Ortiz"], per_shift=1)]
    line.load(only_ben)
    monkeypatch.setattr(secrets, "randbelow", lambda n: 3821)  # every case draws 4821
    call_and_hang_up(line, CALLER, SID, "1")  # Ben was rung for both
    call_and_hang_up(line, "+15555550188", "CA" + "8" * 32, "1")
    line.text(BEN, "CALL 4821")
    [back] = line.calls_to(BEN)[-1:]
    assert line.pick_up(back).find("Dial/Number").text == "+15555550188"


def test_a_voicemail_alert_lets_the_backup_call_back_that_caller_and_no_other(line):
    line.load()
    waiting = choose(line, Digits="3")
    queued = line.voice(waiting.find("Enqueue").get("action"), CallSid=SID, QueueResult="leave")
    line.work()
    line.voice(action(queued, "Record"), CallSid=SID,
               RecordingUrl="https://api.twilio.com/recordings/RE1")
    line.work()
    assert "Voicemail" in line.last(DEE)
    call_and_hang_up(line, "+15555550188", "CA" + "8" * 32, "1")  # Ben rung, Dee not
    with transaction() as session:
        other = session.exec(select(Case.code).order_by(Case.id.desc())).first()
    line.text(DEE, f"CALL {other}")
    assert line.calls_to(DEE) == [] and "no call case" in line.last(DEE)

