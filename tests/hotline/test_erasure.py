"""Erasure that holds: FORGET ME survives a Twilio outage and a key rotation, voicemails and
pictures are deleted at Twilio, and retention leaves no number of a closed case behind."""

from __future__ import annotations

import re
import secrets
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from hotline.cli import cli
from hotline.infra import crypto
from hotline.infra.db import transaction
from hotline.infra.models import Case, CheckIn, InboundMessage, OutboundMessage, Person, utcnow
from hotline.worker.tasks import purge_old_messages
from tests.hotline.line import BEN, DEE, action, roster

PERSON = "+15555550123"
CALLER = "+15555550177"
CALL_SID = "CA" + "7" * 32
RECORDING_SID = "RE" + "1" * 32
MEDIA_PATH = re.compile(
    r"/2010-04-01/Accounts/\w+/(?:Recordings/(?P<recording>\w+)"
    r"|Messages/(?P<message>\w+)/Media(?:/(?P<media>\w+))?)\.json$")


@pytest.fixture
def deleted(twilio, monkeypatch) -> dict[str, list[str]]:
    """Recordings and media at the Twilio server: what the line deleted there."""
    gone: dict[str, list[str]] = {"recordings": [], "media_of": []}
    real = twilio.handle

    def handle(method, path, auth, form):
        match = MEDIA_PATH.match(path)
        if match is None:
            return real(method, path, auth, form)
        if match["recording"] and method == "DELETE":
            gone["recordings"].append(match["recording"])
            return 204, None
        if match["message"] and method == "GET":
            media = [] if match["message"] in gone["media_of"] else [
                {"sid": "ME" + match["message"][2:], "parent_sid": match["message"]}]
            return 200, {"media_list": media, "next_page_uri": None, "page": 0,
                         "page_size": 50, "uri": path, "first_page_uri": path}
        if match["media"] and method == "DELETE":
            gone["media_of"].append(match["message"])
            return 204, None
        return 404, {"code": 20404, "message": "not found", "status": 404}

    monkeypatch.setattr(twilio, "handle", handle)
    return gone


def people_phones() -> list[str]:
    with transaction() as session:
        return [p.phone for p in session.exec(select(Person))]


def conversation(line) -> str:
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.text(PERSON, "my sister keeps hiding pills")
    return code


# Item 2


def test_forget_me_through_a_twilio_outage_still_erases_once_twilio_is_back(line, app):
    conversation(line)
    line.text(PERSON, "FORGET ME")
    assert "will be erased" in line.last(PERSON)  # never "have been erased" before it is so
    line.twilio.fail_next(1)  # Twilio answers 503 when the erasure starts
    line.fire_timers()
    assert PERSON in people_phones()  # not erased yet, and not given up on
    with transaction() as session:
        session.execute(update(Person).values(erase_requested_at=utcnow() - timedelta(minutes=5)))
    result = app.test_cli_runner().invoke(cli, ["sweep"])
    assert result.exit_code == 0, result.output
    assert '"erasures": 1' in result.output
    line.work()
    assert people_phones() == [""]
    assert {m["sid"] for m in line.twilio.messages} <= set(line.twilio.redactions)


# Item 5


def test_a_key_rotation_running_while_someone_is_forgotten_does_not_bring_them_back(
        line, app, monkeypatch):
    conversation(line)
    old_key, new_key = app.config["DATA_KEY"], secrets.token_urlsafe(32)
    crypto.configure(f"{new_key},{old_key}")
    reached, carry_on = threading.Event(), threading.Event()
    real_rotate = crypto.rotate

    def rotate(token: str) -> str:  # the rotation pauses once it has read the person's row
        if crypto.decrypt(token) == PERSON and not reached.is_set():
            reached.set()
            carry_on.wait(20)
        return real_rotate(token)

    monkeypatch.setattr(crypto, "rotate", rotate)
    outcome = {}
    rotation = threading.Thread(target=lambda: outcome.setdefault(
        "result", app.test_cli_runner().invoke(cli, ["keys", "rotate"])))
    try:
        rotation.start()
        assert reached.wait(20)
        line.text(PERSON, "FORGET ME")
        line.fire_timers()
        assert people_phones() == [""]
        carry_on.set()
        rotation.join(30)
        assert outcome["result"].exit_code == 0, outcome["result"].output
        assert people_phones() == [""]  # the erasure stands
        line.text(PERSON, "hi")  # a new conversation, with nothing of the old one
        with transaction() as session:
            assert len(session.exec(select(Person)).all()) == 2
    finally:
        carry_on.set()
        crypto.configure(old_key)


# Item 10


def voicemail(line) -> None:
    greeting = line.ring(CALLER, CALL_SID)
    menu = line.voice(greeting.find("Redirect").text, CallSid=CALL_SID)
    waiting = line.voice(action(menu), CallSid=CALL_SID, To=line.number, Digits="3")
    line.work()
    queued = line.voice(waiting.find("Enqueue").get("action"), CallSid=CALL_SID,
                        QueueResult="leave")
    line.work()
    line.voice(action(queued, "Record"), CallSid=CALL_SID, RecordingSid=RECORDING_SID,
               RecordingUrl=f"https://api.twilio.com/recordings/{RECORDING_SID}")
    line.work()


def test_a_voicemail_is_heard_through_the_line_and_deleted_on_forget_me(line, deleted):
    line.load()
    voicemail(line)
    alert = line.last(DEE)
    assert "recordings" not in alert and "http" not in alert  # no raw link by SMS
    code = re.search(r"CALL (\d{4})", alert).group(1)
    line.text(DEE, f"CALL {code}")
    [back] = line.calls_to(DEE)
    answered = line.pick_up(back)
    assert answered.findtext("Play").endswith(RECORDING_SID)
    assert answered.find("Dial/Number").text == CALLER
    line.text(CALLER, "FORGET ME")
    line.fire_timers()
    assert deleted["recordings"] == [RECORDING_SID]


def test_pictures_are_deleted_at_twilio_on_forget_me_and_at_the_retention_cutoff(
        line, deleted):
    code = conversation(line)
    line.text(PERSON, "", sid="SM" + "a" * 32, media=1)
    line.load(roster(retention_days=7))
    with transaction() as session:
        session.execute(update(InboundMessage).values(
            received_at=utcnow() - timedelta(days=8)))
    purge_old_messages()
    line.work()
    assert deleted["media_of"] == ["SM" + "a" * 32]
    line.text(PERSON, "one more", sid="SM" + "b" * 32, media=1)
    line.text(BEN, f"DONE {code}")
    line.text(PERSON, "FORGET ME")
    line.fire_timers()
    assert "SM" + "b" * 32 in deleted["media_of"]


# Item 13


def test_retention_clears_the_numbers_of_closed_cases_but_not_of_open_ones(line):
    code = conversation(line)
    line.text(BEN, f"DONE {code}")
    line.text(PERSON, "3")  # no check-ins
    other = "+15555550999"
    line.text(other, "i relapsed again and need help")  # open: kept
    line.load(roster(retention_days=7))
    old = utcnow() - timedelta(days=9)
    with transaction() as session:
        for model, column in ((Person, "created_at"), (Case, "created_at"),
                              (Case, "closed_at"), (InboundMessage, "received_at"),
                              (OutboundMessage, "created_at")):
            session.execute(update(model).where(getattr(model, column).is_not(None))
                            .values({column: old}))
        session.execute(update(Case).where(Case.status != "closed")
                        .values(created_at=utcnow()))
        assert not session.exec(select(CheckIn)).all()
    purge_old_messages()
    line.work()
    phones = people_phones()
    assert PERSON not in phones and other in phones
    with transaction() as session:
        numbers = [m.from_number for m in session.exec(select(InboundMessage))]
        numbers += [m.to_number for m in session.exec(select(OutboundMessage))]
    assert PERSON not in numbers
