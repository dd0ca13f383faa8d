"""Calls on the phone simulator, played end to end through its page's routes, in development.

A development app with no Twilio credentials and no Redis, as `scripts/demo` runs it: the line
places responder legs as local `VoiceCall` rows on the embedded queue's thread, and the
simulator rings them, so these tests poll the page's state until what they wait for shows.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlmodel import select

import hotline
from hotline.infra.db import transaction
from hotline.infra.models import Case

DEMO_ROSTER = Path(hotline.__file__).parent / "demo" / "roster.yaml"
LINE = "+15550100000"
PERSON = "+15555550123"
ANA, BEN, CY, DEE = "+15105550101", "+15105550102", "+15105550103", "+15105550104"
MENTAL_HEALTH = (ANA, BEN)  # the demo's mental-health rotation
PHONES = (PERSON, ANA, BEN, CY, DEE)


def call_line(client, phone: str = PERSON) -> dict:
    """Press "Call the line" on a phone."""
    reply = client.post("/simulator/call", json={"from": phone})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["call"]


def do(client, call: dict, action: str, **data) -> dict:
    """Press a button on a call's card: the call as the card shows it afterwards."""
    reply = client.post(f"/simulator/calls/{call['id']}/{action}", json=data)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["call"]


def spoken(call: dict, since: int = 0) -> str:
    """What the line said on this call (from entry `since` on)."""
    return " ".join(h["text"] for h in call["heard"][since:] if h["kind"] == "say")


def notes(call: dict) -> list[str]:
    return [h["text"] for h in call["heard"] if h["kind"] == "note"]


def wait_for(client, found, seconds: float = 10):
    """Poll the page's state, as the browser does, until `found(state)` is truthy."""
    deadline = time.monotonic() + seconds
    while True:
        state = client.get("/simulator/state").get_json()
        if result := found(state):
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"nothing found in {seconds}s; the phones show {state['calls']}")
        time.sleep(0.1)


def calls_on(state: dict, phone: str, status: str) -> list[dict]:
    return [c for c in state["calls"].get(phone, []) if c["state"] == status]


def ringing(*phones: str):
    """A `wait_for` test: the phones with a ringing call, once every given one rings."""
    def found(state):
        rung = {phone: calls_on(state, phone, "ringing") for phone in PHONES}
        rung = {phone: calls[0] for phone, calls in rung.items() if calls}
        return rung if set(phones) <= set(rung) else None
    return found


def texts_to(state: dict, phone: str) -> list[str]:
    return [t["body"] for t in state["conversations"].get(phone, [])
            if t["direction"] == "received"]


def case(client) -> Case:
    with client.application.app_context(), transaction() as session:
        [only] = session.exec(select(Case)).all()
        return only


def assert_no_other_number_shown(state: dict) -> None:
    """Every phone card shows the line's number, never another party's."""
    for phone in PHONES:
        shown = [h["text"] for c in state["calls"].get(phone, []) for h in c["heard"]]
        shown += texts_to(state, phone)
        assert all(c["line"] == LINE for c in state["calls"].get(phone, []))
        for other in PHONES:
            if other != phone:
                assert not [text for text in shown if other in text], (phone, other)


def on_hold(client, digits: str) -> dict:
    """Call, let the greeting pass in silence, press a key on the menu, and wait on hold."""
    menu = do(client, call_line(client), "silence")
    return do(client, menu, "press", digits=digits)


def test_a_call_is_greeted_held_taken_by_a_keypress_and_closed_when_the_person_hangs_up(demo):
    greeting = call_line(demo)
    assert greeting["state"] == "in-progress" and greeting["direction"] == "outgoing"
    assert "This call is confidential" in spoken(greeting) and "oprima 2" in spoken(greeting)
    assert greeting["awaiting"] == "gather" and "press" in greeting["actions"]
    menu = do(demo, greeting, "silence")
    assert "Press 1 or say mental health" in spoken(menu)
    held = do(demo, menu, "press", digits="1")
    assert held["state"] == "in-queue"
    assert "Thank you for holding" in spoken(held, len(menu["heard"]))

    rung = wait_for(demo, ringing())
    [responder] = [phone for phone in rung if phone in MENTAL_HEALTH]
    assert set(rung) == {responder}  # not urgent: one responder at a time
    assert rung[responder]["direction"] == "incoming"
    assert rung[responder]["actions"] == ["answer", "decline"]
    offer = do(demo, rung[responder], "answer")
    assert "Press 1 to take this call" in spoken(offer) and "mental health" in spoken(offer)
    taken = do(demo, offer, "press", digits="1")
    assert taken["state"] == "bridged" and "Connecting you" in spoken(taken)
    assert "(connected to the other side)" in notes(taken)
    state = demo.get("/simulator/state").get_json()
    [person] = calls_on(state, PERSON, "bridged")
    assert "(connected to the other side)" in notes(person)
    assert case(demo).status == "active"

    ended = do(demo, person, "hangup")
    assert ended["state"] == "ended"
    assert (case(demo).status, case(demo).closed_reason) == ("closed", "call_ended")
    state = wait_for(demo, lambda s: any("is yours" in t for t in texts_to(s, responder)) and s)
    [done] = state["calls"][responder]
    assert done["state"] == "ended" and "(the other side hung up)" in notes(done)
    assert_no_other_number_shown(state)


def test_a_responder_who_answers_and_stays_silent_is_not_connected_and_the_next_one_rings(demo):
    held = on_hold(demo, "1")
    first = wait_for(demo, ringing())
    [responder] = first
    [other] = set(MENTAL_HEALTH) - {responder}
    offer = do(demo, first[responder], "answer")
    gone = do(demo, offer, "silence")
    assert gone["state"] == "ended" and "This call has ended" in spoken(gone)
    assert "(connected to the other side)" not in notes(gone)
    second = wait_for(demo, ringing(other))
    assert responder not in second
    state = demo.get("/simulator/state").get_json()
    assert [c["id"] for c in calls_on(state, PERSON, "in-queue")] == [held["id"]]
    assert case(demo).status == "offering"


def test_urgent_words_ring_every_substance_use_responder_and_the_backup_and_the_first_1_wins(
        demo):
    menu = do(demo, call_line(demo), "silence")
    held = do(demo, menu, "say", text="my friend overdosed and isn't breathing")
    assert held["state"] == "in-queue"
    assert 'You said: “my friend overdosed and isn\'t breathing”' in [
        h["text"] for h in held["heard"]]
    rung = wait_for(demo, ringing(BEN, CY, DEE))
    assert ANA not in rung
    assert "Urgent" in spoken(do(demo, rung[CY], "answer"))
    assert do(demo, rung[CY], "press", digits="1")["state"] == "bridged"

    def others_ended(state):
        ended = [calls_on(state, phone, "ended") for phone in (BEN, DEE)]
        return all(ended) and state

    state = wait_for(demo, others_ended)
    assert "(the line hung up)" in notes(state["calls"][BEN][0])
    assert calls_on(state, PERSON, "bridged")
    assert case(demo).urgent and case(demo).category == "substance_use"
    assert_no_other_number_shown(state)


def test_pressing_2_first_speaks_spanish(demo):
    greeting = call_line(demo)
    menu = do(demo, greeting, "press", digits="2")
    said = [h for h in menu["heard"][len(greeting["heard"]):] if h["kind"] == "say"]
    assert said and all(h["language"] == "es-MX" for h in said)
    assert "salud mental" in spoken(menu, len(greeting["heard"]))
    held = do(demo, menu, "press", digits="1")
    assert "Gracias por esperar" in spoken(held, len(menu["heard"]))
    assert case(demo).language == "es"


def test_a_voicemail_reaches_the_backup_who_calls_back_without_either_number_shown(demo):
    held = on_hold(demo, "3")
    first = wait_for(demo, ringing())
    [responder] = first
    message = do(demo, held, "press", digits="5")  # any key while holding: voicemail
    assert "988" in spoken(message, len(held["heard"]))
    assert "(beep — recording)" in notes(message)
    assert message["awaiting"] == "record" and "record" in message["actions"]
    left = do(demo, message, "record")
    assert left["state"] == "ended" and "A responder will call you back" in spoken(left)

    def voicemail(state):
        alerts = [t for t in texts_to(state, DEE) if "Voicemail" in t]
        rung_off = calls_on(state, responder, "ended")
        return alerts and rung_off and (alerts[-1], state)

    alert, state = wait_for(demo, voicemail)
    assert "sim-recording" not in alert  # no raw link by SMS: CALL plays it through the line
    assert (case(demo).status, case(demo).closed_reason) == ("closed", "voicemail")
    code = re.search(r"CALL (\d{4})", alert).group(1)

    assert demo.post("/simulator/send", json={"from": DEE, "body": f"CALL {code}"}).status_code \
        == 202
    back = do(demo, wait_for(demo, ringing(DEE))[DEE], "answer")
    assert "Here is their voicemail" in spoken(back) and "(a recording plays)" in notes(back)
    assert "Calling the person back" in spoken(back)
    assert "(ringing the other phone through the line)" in notes(back)
    person = wait_for(demo, ringing(PERSON))[PERSON]
    assert person["direction"] == "incoming" and person["line"] == LINE
    assert do(demo, person, "answer")["state"] == "bridged"
    state = demo.get("/simulator/state").get_json()
    assert calls_on(state, DEE, "bridged")
    assert_no_other_number_shown(state)
    do(demo, calls_on(state, DEE, "bridged")[0], "hangup")
    state = demo.get("/simulator/state").get_json()
    assert calls_on(state, PERSON, "ended")[-1]["heard"][-2:] == [
        {"kind": "note", "text": "(the other side hung up)"},
        {"kind": "note", "text": "(call ended)"}]


def test_a_call_button_that_does_not_fit_the_moment_is_refused(demo):
    assert demo.post("/simulator/call", json={"from": LINE}).status_code == 400
    assert demo.post("/simulator/call", json={"from": "555"}).status_code == 400
    greeting = call_line(demo)
    assert demo.post("/simulator/call", json={"from": PERSON}).status_code == 409
    refused = demo.post(f"/simulator/calls/{greeting['id']}/say", json={"text": "hello"})
    assert refused.status_code == 409 and "keys" in refused.get_json()["error"]
    assert demo.post(f"/simulator/calls/{greeting['id']}/answer").status_code == 409
    assert demo.post("/simulator/calls/CAnone/hangup").status_code == 404
    assert demo.post(f"/simulator/calls/{greeting['id']}/dance").status_code == 404
    do(demo, greeting, "hangup")
    assert demo.post(f"/simulator/calls/{greeting['id']}/press",
                     json={"digits": "1"}).status_code == 409
