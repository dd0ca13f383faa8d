"""Every Twilio webhook refuses a request Twilio did not sign, and changes nothing for it.

The routes come from the app's own URL map, so a route added under /twilio/ is tried here the
day it is added: it cannot ship without the signature check.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel, select
from twilio.request_validator import RequestValidator

from hotline.app import create_app
from hotline.infra.db import engine, transaction
from hotline.infra.models import Case, Offer, OutboundMessage, VoiceCall
from hotline.infra.queue import queues
from tests.hotline.line import BEN, PUBLIC_URL, action

CALLER = "+15555550177"
CALL_SID = "CA" + "5" * 32


def twilio_routes() -> list[str]:
    """Every path under /twilio/ that the app answers."""
    app = create_app({"HOTLINE_ENV": "test", "DATABASE_URL": "sqlite://", "REDIS_URL": None})
    paths = sorted({rule.rule for rule in app.url_map.iter_rules()
                    if rule.rule.startswith("/twilio/") or rule.rule == "/twilio"})
    app.extensions["hotline.engine"].dispose()
    return paths


ROUTES = twilio_routes()


def test_the_webhooks_tried_here_include_texts_calls_keypresses_and_the_fallback():
    for path in ("/twilio/sms", "/twilio/sms/status", "/twilio/fallback", "/twilio/voice",
                 "/twilio/voice/take", "/twilio/voice/status"):
        assert path in ROUTES


def a_call_ringing_ben(line) -> dict:
    """A caller waiting for mental health, the line ringing Ben: ids to point a forgery at."""
    line.load()
    greeting = line.ring(CALLER, CALL_SID)
    menu = line.voice(greeting.find("Redirect").text, CallSid=CALL_SID)
    line.voice(action(menu), CallSid=CALL_SID, To=line.number, Digits="1")
    line.work()
    with transaction() as session:
        offer = session.exec(select(Offer)).one()
        leg = session.exec(select(VoiceCall).where(VoiceCall.role == "offer")).one()
        case = session.get(Case, offer.case_id)
        assert case.status == "offering"
        return {"offer": offer.id, "case": case.id, "call": leg.id, "lang": "en"}


def everything(redis) -> tuple:
    """The database's rows and Redis's keys with their values: what a request could change."""
    rows = []
    with engine().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows += [tuple(r) for r in connection.execute(text(f'SELECT * FROM "{table.name}"'))]
    keys = {key: redis.dump(key) for key in redis.keys("*") if key != b"hotline-test-run"}
    return rows, keys


FORGERIES = ["unsigned", "wrong token", "tampered after signing"]


@pytest.mark.parametrize("forgery", FORGERIES)
@pytest.mark.parametrize("path", ROUTES)
def test_a_request_twilio_did_not_sign_gets_403_and_changes_nothing(line, app, path, forgery):
    ids = a_call_ringing_ben(line)
    query = "&".join(f"{key}={value}" for key, value in ids.items())
    url = f"{path}?{query}"
    form = {"AccountSid": "AC" + "1" * 32, "CallSid": line.calls_to(BEN)[0]["sid"],
            "MessageSid": "SM" + "4" * 32, "From": CALLER, "To": line.number,
            "Body": "i relapsed and need help", "Digits": "1", "CallStatus": "completed",
            "MessageStatus": "delivered", "RecordingUrl": "https://api.twilio.com/RE1"}
    if forgery == "unsigned":
        headers = {}
    elif forgery == "wrong token":
        forged = RequestValidator("not-the-auth-token").compute_signature(PUBLIC_URL + url, form)
        headers = {"X-Twilio-Signature": forged}
    else:
        signed = line.validator.compute_signature(PUBLIC_URL + url, {**form, "Digits": "2"})
        headers = {"X-Twilio-Signature": signed}
    redis = app.extensions["hotline.redis"]
    before, requests_before = everything(redis), len(line.twilio.requests)

    response = line.client.post(url, data=form, headers=headers)

    assert response.status_code == 403
    assert everything(redis) == before
    assert sum(q.count for q in queues()) == 0
    line.work()
    assert len(line.twilio.requests) == requests_before
    with transaction() as session:
        assert session.get(Case, ids["case"]).status == "offering"


@pytest.mark.parametrize("path", ["/twilio/voice/take", "/twilio/sms/status"])
def test_the_same_request_signed_by_twilio_is_acted_on(line, path):
    ids = a_call_ringing_ben(line)
    url = f"{path}?offer={ids['offer']}"
    sid = line.twilio.messages[0]["sid"]
    form = {"AccountSid": "AC" + "1" * 32, "CallSid": line.calls_to(BEN)[0]["sid"],
            "From": line.number, "To": BEN, "Digits": "1", "MessageSid": sid,
            "MessageStatus": "delivered"}
    assert line.post(url, form).status_code == 200
    line.work()
    with transaction() as session:
        case = session.get(Case, ids["case"])
        status = session.exec(select(OutboundMessage.status).where(
            OutboundMessage.sid == sid)).one()
    if path == "/twilio/voice/take":
        assert case.status == "active"
    else:
        assert status == "delivered"
