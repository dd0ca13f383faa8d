"""The phone simulator, driven as the team trying the line uses it: in a browser, in development.

These tests build their own development app (no Twilio credentials, no Redis), so jobs run on
the embedded queue's thread exactly as under `scripts/demo`, and texts are delivered locally.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import hotline
from hotline.app import create_app

DEMO_ROSTER = Path(hotline.__file__).parent / "demo" / "roster.yaml"
PERSON = "+15555550123"
ANA, BEN, CY, DEE = "+15105550101", "+15105550102", "+15105550103", "+15105550104"
SUBSTANCE_USE = {BEN: "Ben Ortiz", CY: "Cy Lam"}  # the demo's substance-use rotation
CODE = re.compile(r"\bYES (\d{4})\b")


def _app(tmp_path: Path, **config):
    return create_app({
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite",
        "REDIS_URL": None,
        "TWILIO_ACCOUNT_SID": None,
        "TWILIO_AUTH_TOKEN": None,
        **config,
    })


def send(client, sender: str, body: str, **extra):
    """Text the line from a phone on the simulator page."""
    return client.post("/simulator/send", json={"from": sender, "body": body, **extra})


def received(state: dict, phone: str) -> list[str]:
    """The texts the line sent to a phone, oldest first."""
    return [t["body"] for t in state["conversations"].get(phone, [])
            if t["direction"] == "received"]


def wait_for(client, found, seconds: float = 10):
    """Poll the page's state, as the browser does, until `found(state)` is truthy."""
    deadline = time.monotonic() + seconds
    while True:
        state = client.get("/simulator/state").get_json()
        result = found(state)
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"nothing found in {seconds}s; the phones show {state['conversations']}")
        time.sleep(0.1)


def test_page_shows_a_phone_for_the_person_and_each_responder(demo):
    page = demo.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Nothing leaves this computer" in html
    for name in ("Ana Reyes", "Ben Ortiz", "Cy Lam", "Dee Park"):
        assert name in html
    assert demo.get("/simulator").status_code == 200
    state = demo.get("/simulator/state").get_json()
    assert state["number"] == "+15550100000"
    assert [(r["name"], r["phone"], r["taking_offers"]) for r in state["responders"]] == [
        ("Ana Reyes", ANA, True), ("Ben Ortiz", BEN, True), ("Cy Lam", CY, True),
        ("Dee Park", DEE, True)]


def test_a_person_is_offered_accepted_and_relayed_without_either_number_shown(demo):
    assert send(demo, PERSON, "i relapsed and need help").status_code == 202
    assert wait_for(demo, lambda s: received(s, PERSON))  # the person gets an answer

    def offer(state):
        for phone, name in SUBSTANCE_USE.items():
            for body in received(state, phone):
                if match := CODE.search(body):
                    return phone, name, match.group(1), body
        return None

    responder, name, code, offer_text = wait_for(demo, offer)
    assert "substance use" in offer_text
    assert send(demo, responder, f"YES {code}").status_code == 202
    first_name = name.split()[0]
    wait_for(demo, lambda s: any(first_name in body for body in received(s, PERSON)))

    send(demo, PERSON, "it started again last night")
    wait_for(demo, lambda s: any("it started again last night" in body
                                 for body in received(s, responder)))
    send(demo, responder, "I'm glad you texted. Are you somewhere safe right now?")

    def delivered_locally(state):
        texts = state["conversations"][PERSON]
        done = all(t["status"] == "local" for t in texts if t["direction"] == "received")
        return done and any("somewhere safe" in body for body in received(state, PERSON)) and state

    state = wait_for(demo, delivered_locally)
    person_sees = state["conversations"][PERSON]
    assert [t["body"] for t in person_sees if t["direction"] == "sent"] == [
        "i relapsed and need help", "it started again last night"]
    for phone in (ANA, BEN, CY, DEE):
        assert all(PERSON not in body for body in received(state, phone))
        assert all(phone not in body for body in received(state, PERSON))
    assert state["people"] == [PERSON]


@pytest.mark.parametrize(
    "sender", ["5105550199", "+1510", "+1 510 555 0199", "", "+1234567890123456"])
def test_a_text_from_a_number_that_is_not_e164_is_refused(demo, sender):
    reply = send(demo, sender, "hello")
    assert reply.status_code == 400
    assert "E.164" in reply.get_json()["error"]
    assert demo.get("/simulator/state").get_json()["people"] == []


def test_a_text_longer_than_one_message_allows_is_refused(demo):
    reply = send(demo, PERSON, "x" * 1601)
    assert reply.status_code == 400
    assert "1600" in reply.get_json()["error"]


def test_the_page_form_sends_too(demo):
    reply = demo.post("/simulator/send", data={"from": PERSON, "body": "hello?", "media": "1"})
    assert reply.status_code == 202
    texts = demo.get("/simulator/state").get_json()["conversations"][PERSON]
    assert [(t["direction"], t["body"], t["media"]) for t in texts][:1] == [
        ("sent", "hello?", 1)]


@pytest.mark.parametrize("config", [
    {"HOTLINE_ENV": "test"},
    {"HOTLINE_ENV": "development", "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
     "TWILIO_AUTH_TOKEN": "token"},
])
def test_there_is_no_simulator_outside_local_development(tmp_path, config):
    client = _app(tmp_path, **config).test_client()
    assert client.get("/").status_code == 404
    assert client.get("/simulator").status_code == 404
    assert client.get("/simulator/state").status_code == 404
    assert send(client, PERSON, "hello").status_code == 404


def test_stop_and_start_show_the_carriers_own_replies_marked_as_the_carriers(demo):
    send(demo, PERSON, "i relapsed and need help")
    wait_for(demo, lambda s: received(s, PERSON))
    send(demo, PERSON, "STOP")
    send(demo, PERSON, "start")
    state = wait_for(demo, lambda s: [t for t in s["conversations"][PERSON]
                                      if t["direction"] == "carrier"][1:] and s)
    texts = state["conversations"][PERSON]
    notes = [(i, t) for i, t in enumerate(texts) if t["direction"] == "carrier"]
    assert [t["body"].split(" to ")[0].split(".")[0] for _, t in notes] == [
        "You have successfully been unsubscribed", "You have successfully been re-subscribed"]
    for i, note in notes:
        assert "not from the line" in note["label"] and "Twilio" in note["label"]
        assert texts[i - 1]["body"].upper() in ("STOP", "START")  # right after the word
    assert all("successfully" not in body for body in received(state, PERSON))


def test_a_bare_yes_from_a_phone_that_never_opted_out_gets_no_carrier_note(demo):
    send(demo, BEN, "YES")
    state = wait_for(demo, lambda s: received(s, BEN) and s)  # the line answers it
    assert [t["direction"] for t in state["conversations"][BEN]] == ["sent", "received"]


def test_texts_say_in_plain_words_what_became_of_them_and_urgent_offers_are_marked(demo):
    send(demo, PERSON, "my friend is not breathing, i think she overdosed")

    def urgent_offer(state):
        return [t for phone in SUBSTANCE_USE for t in state["conversations"][phone]
                if t["direction"] == "received" and t["urgent"] and t["status"] == "local"]

    offer = wait_for(demo, urgent_offer)[0]
    assert offer["body"].startswith("URGENT case")
    assert offer["label"] == "shown here only"
    assert "no Twilio account" in offer["explain"]
    state = wait_for(demo, lambda s: all(t["status"] == "processed"
                                         for t in s["conversations"][PERSON]
                                         if t["direction"] == "sent") and s)
    person_sees = state["conversations"][PERSON]
    assert {t["label"] for t in person_sees if t["direction"] == "sent"} == {
        "delivered · the line acted on it"}
    assert not any(t["urgent"] for t in person_sees)
    html = demo.get("/").get_data(as_text=True)
    for jargon in (">local<", ">processed<"):
        assert jargon not in html


def test_the_page_loads_only_its_own_files_and_says_its_timings(demo):
    page = demo.get("/")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    html = page.get_data(as_text=True)
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert "http://" not in html and "https://" not in html
    for asset in re.findall(r'(?:src|href)="(/simulator/static/[^"]+)"', html):
        with demo.get(asset) as served:
            assert served.status_code == 200, asset
    assert "2 minutes" in html and "1 day" in html  # the line's own defaults


def test_the_page_says_the_demos_short_timings(tmp_path):
    app = _app(tmp_path, HOTLINE_ENV="development", OFFER_TIMEOUT_SECONDS=30,
               CHECKIN_AFTER_SECONDS=60)
    from hotline.infra.migrate import upgrade

    with app.app_context():
        upgrade()
    html = app.test_client().get("/").get_data(as_text=True)
    app.extensions["hotline.engine"].dispose()
    assert "<strong>30 seconds</strong>" in html and "<strong>1 minute</strong>" in html
