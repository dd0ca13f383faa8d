"""The safety net under faults and hostile input: parked texts are never lost, a bad one
blocks nothing, odd signed requests get a 4xx or a kind answer, and a sender nobody can
answer wakes nobody."""

from __future__ import annotations

import json
import threading

import pytest
from sqlmodel import select

from hotline.infra import crypto
from hotline.infra.db import transaction
from hotline.infra.models import Case, InboundMessage, OutboundMessage
from hotline.sms import parked
from hotline.worker.sweep import sweep
from tests.hotline.line import ANA, BEN, CY, DEE, PUBLIC_URL

PERSON = "+15555550123"


def stored_sids() -> set[str]:
    with transaction() as session:
        return set(session.exec(select(InboundMessage.sid)))


def fallback_text(line, n: int, **changes: str) -> dict:
    form = {"MessageSid": f"SM{n:032d}", "AccountSid": "AC" + "1" * 32,
            "From": f"+1555555{n:04d}", "To": line.number, "Body": f"text number {n}",
            "NumMedia": "0"}
    form.update(changes)
    assert line.post("/twilio/fallback", form).status_code == 200
    return form


def test_two_workers_storing_parked_texts_together_lose_none(line, app):
    line.load()
    for n in range(150):
        fallback_text(line, n)
    start = threading.Barrier(2)
    failures = []

    def worker():
        start.wait()
        try:
            with app.app_context():
                parked.store_parked()
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert stored_sids() == {f"SM{n:032d}" for n in range(150)}
    assert app.extensions["hotline.redis"].llen(parked.FALLBACK_KEY) == 0


def test_a_parked_text_is_kept_encrypted_and_expiring(line, app):
    fallback_text(line, 1, Body="he is outside my door")
    redis = app.extensions["hotline.redis"]
    [raw] = redis.lrange(parked.FALLBACK_KEY, 0, -1)
    assert b"outside my door" not in raw and b"5555550001" not in raw
    assert json.loads(crypto.decrypt(raw.decode()))["Body"] == "he is outside my door"
    assert 0 < redis.ttl(parked.FALLBACK_KEY) <= parked.KEEP_SECONDS


@pytest.mark.parametrize("bad", [{"From": ""}, {"NumMedia": "99999999999999"},
                                 {"MessageSid": "SM" + "x" * 100}])
def test_a_malformed_parked_text_blocks_neither_the_texts_behind_it_nor_the_sweep(line, app,
                                                                                bad):
    line.load()
    fallback_text(line, 1, **bad)
    fallback_text(line, 2, Body="i relapsed and need help")
    counts = sweep()
    storable = "NumMedia" in bad  # too many pictures is read as Twilio's most, and kept
    assert counts["parked"] == (2 if storable else 1)
    assert f"SM{2:032d}" in stored_sids()
    redis = app.extensions["hotline.redis"]
    assert redis.llen(parked.FALLBACK_KEY) == 0
    assert redis.llen(parked.DEAD_KEY) == (0 if storable else 1)
    line.work()
    assert any("substance use" in body for body in line.inbox(BEN) + line.inbox(CY))


def test_a_parked_text_the_database_cannot_take_yet_stays_parked(line, app):
    fallback_text(line, 1)
    healthy = app.extensions["hotline.engine"]
    from hotline.infra.db import make_engine

    app.extensions["hotline.engine"] = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/x")
    try:
        assert sweep()["parked"] == 0
    finally:
        app.extensions["hotline.engine"] = healthy
    assert app.extensions["hotline.redis"].llen(parked.FALLBACK_KEY) == 1
    assert sweep()["parked"] == 1
    assert f"SM{1:032d}" in stored_sids()


def test_one_failing_sweep_step_does_not_stop_the_others(line, app):
    line.load()
    line.text(PERSON, "i relapsed and need help", work=False)
    redis = app.extensions["hotline.redis"]
    redis.rpush(parked.FALLBACK_KEY, b"not a token at all")
    with transaction() as session:
        message = session.exec(select(InboundMessage)).one()
        message.received_at = message.received_at.replace(year=2020)
    counts = sweep()
    assert counts["inbound"] == 1  # lost work still found behind a bad parked text
    assert redis.llen(parked.DEAD_KEY) == 1


def signed(line, path: str, body: bytes, content_type: str, params: dict | None = None):
    signature = line.validator.compute_signature(PUBLIC_URL + path, params or {})
    return line.client.post(path, data=body, content_type=content_type,
                            headers={"X-Twilio-Signature": signature})


@pytest.mark.parametrize("form", [
    {"Body": "hello", "MessageSid": "SM" + "1" * 32},  # no From
    {"Body": "hello", "From": PERSON},  # no sid at all
    {"Body": "hello", "From": PERSON, "MessageSid": "SM" + "9" * 80},  # no sid Twilio sends
])
def test_a_signed_text_missing_what_twilio_always_sends_gets_400_and_stores_nothing(line, form):
    response = line.post("/twilio/sms", form)
    assert response.status_code == 400
    assert stored_sids() == set()


def test_a_signed_json_body_gets_400_not_500(line):
    response = signed(line, "/twilio/sms", b'{"Body": "hi"}', "application/json")
    assert response.status_code in (400, 403)


def test_signed_non_utf8_bytes_get_an_answer_not_500(line):
    body = b"From=%2B15555550123&MessageSid=SM" + b"2" * 32 + b"&Body=caf%E9"
    params = {"From": PERSON, "MessageSid": "SM" + "2" * 32, "Body": "caf\ufffd"}
    response = signed(line, "/twilio/sms", body, "application/x-www-form-urlencoded", params)
    assert response.status_code < 500


@pytest.mark.parametrize("path, form", [
    ("/twilio/voice/nobody?case=999&lang=en", {"CallSid": "CA" + "1" * 32}),
    ("/twilio/voice/take?offer=999", {"CallSid": "CA" + "1" * 32, "Digits": "1"}),
    ("/twilio/voice/recorded?case=999&lang=en",
     {"CallSid": "CA" + "1" * 32, "RecordingUrl": "https://example.org/r"}),
    ("/twilio/voice/bridge?case=999", {"CallSid": "CA" + "1" * 32}),
])
def test_voice_urls_for_ids_never_issued_get_kind_twiml(line, path, form):
    line.load()
    response = line.post(path, form)
    assert response.status_code == 200
    assert b"<Say" in response.data or b"<Hangup" in response.data
    assert line.twilio.messages == []


@pytest.mark.parametrize("sender", ["anonymous", "12345", "client:alice", "+0"])
def test_a_text_from_a_sender_nobody_can_answer_is_kept_and_wakes_nobody(line, sender):
    line.load()
    assert line.text(sender, "my friend OD'd and isn't breathing").status_code == 200
    with transaction() as session:
        [message] = session.exec(select(InboundMessage)).all()
        assert message.processed_at is not None
        assert session.exec(select(Case)).all() == []
        assert session.exec(select(OutboundMessage)).all() == []
    assert all(line.inbox(r) == [] for r in (ANA, BEN, CY, DEE))


def test_a_parked_text_is_stored_by_any_worker_without_the_sweep(line, app):
    line.load()
    fallback_text(line, 7, Body="i relapsed and need help")
    line.fire_timers()  # `rq worker` alone: no sweep runs, the queued store job does it
    assert f"SM{7:032d}" in stored_sids()
    assert app.extensions["hotline.redis"].llen(parked.FALLBACK_KEY) == 0
    assert any("substance use" in body for body in line.inbox(BEN) + line.inbox(CY))


def test_a_text_twilio_took_while_the_database_blinked_is_recorded_not_sent_again(line,
                                                                                 monkeypatch):
    """Found by scripts/chaos: PostgreSQL went away between Twilio's answer and the row's
    update, the row stayed `sending`, and its stale claim would have sent the text again."""
    from sqlalchemy.exc import OperationalError

    from hotline.sms import delivery

    line.load()
    original, failed = delivery._finish, []

    def blinking(message_id, **values):
        if values.get("status") == "sent" and message_id not in failed:
            failed.append(message_id)
            raise OperationalError("UPDATE outbound_message", {}, Exception("server closed"))
        return original(message_id, **values)

    monkeypatch.setattr(delivery, "_finish", blinking)
    line.text(PERSON, "i relapsed and need help")
    with transaction() as session:
        rows = list(session.exec(select(OutboundMessage)))
    assert failed and len(rows) == len(failed)
    assert all(row.status == "sent" and row.sid for row in rows)
    assert len(line.twilio.messages) == len(rows)


def test_a_text_the_fallback_parked_is_stored_at_once_when_the_database_answers(line):
    """Found by scripts/chaos: parked texts waited 5 s (or the sweep) in Redis alone, and a
    Redis restarted empty in that time lost texts that Twilio had been answered for."""
    line.load()
    form = fallback_text(line, 7)
    line.work()  # the queue as it is now, no scheduled job run
    assert form["MessageSid"] in stored_sids()


def test_a_text_waiting_in_a_backlog_is_enqueued_again_once_not_at_every_sweep(line):
    """Found by scripts/chaos: under load every sweep of every worker enqueued each waiting
    text again, so the backlog it waited in only grew, and texts waited for minutes."""
    from datetime import timedelta

    from sqlalchemy import update

    from hotline.infra.models import utcnow
    from hotline.infra.queue import queue, queues

    def waiting_jobs() -> int:
        return sum(job.func_name.endswith("process_inbound") for q in queues() for job in q.jobs)

    line.load()
    line.text(PERSON, "i relapsed and need help", work=False)
    with transaction() as session:  # its job waits behind others: to the sweep, it looks lost
        session.execute(update(InboundMessage)
                        .values(received_at=utcnow() - timedelta(minutes=1)))
    before = waiting_jobs()
    assert sweep()["inbound"] == 1
    assert waiting_jobs() == before + 1
    for _ in range(3):  # the next sweeps, of this worker and others, add nothing
        assert sweep()["inbound"] == 0
    assert waiting_jobs() == before + 1
    queue().connection.flushdb()  # Redis restarted empty: the job is gone, and goes again
    assert sweep()["inbound"] == 1
    line.work()
    assert any("substance use" in body for body in line.inbox(BEN) + line.inbox(CY))
    assert len([b for b in line.inbox(PERSON) if "crisis line" in b]) == 1


def test_a_send_whose_worker_died_mid_job_is_taken_up_again_by_the_sweep(line, twilio):
    """Found by scripts/chaos: a worker killed -9 while it ran a send the sweep had queued left
    that job "started" in Redis, so every sweep took the text for still in hand, for the
    minutes RQ takes to call it abandoned. Twilio had it; the line had no record of it."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from hotline.infra.models import utcnow
    from hotline.infra.queue import queue, send_task

    line.load()
    twilio.lose_next(1)  # Twilio takes the first reply; its answer never reaches the worker
    line.text(PERSON, "i relapsed and need help", work=False)
    line.work()
    with transaction() as session:  # its worker dies: the row stays claimed, then goes stale
        [lost] = session.exec(select(OutboundMessage).where(OutboundMessage.sid.is_(None)))
        long_ago = utcnow() - timedelta(minutes=2)
        session.execute(update(OutboundMessage).where(OutboundMessage.id == lost.id)
                        .values(status="sending", claimed_at=long_ago, created_at=long_ago))
    job_id = f"hotline-sweep-{send_task(lost.purpose)}-{lost.id}"
    redis = queue().connection
    for age in (timedelta(seconds=5), timedelta(minutes=2)):  # started just now; long ago
        started = (datetime.now(UTC) - age).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        redis.hset(f"rq:job:{job_id}", mapping={"status": "started", "started_at": started})
        went = sweep()["outbound"]
        assert went == (0 if age < timedelta(seconds=30) else 1)
    line.work()
    with transaction() as session:
        again = session.get(OutboundMessage, lost.id)
    [at_twilio] = [m for m in twilio.messages if m["to"] == PERSON and m["body"] == lost.body]
    assert (again.status, again.sid) == ("sent", at_twilio["sid"])  # recorded, not sent twice
