"""Webhooks under stress: lost services, repeats at the same instant, odd texts."""

from __future__ import annotations

import threading

from sqlmodel import select

from hotline.app import create_app
from hotline.infra.db import transaction
from hotline.infra.models import Case, InboundMessage, OutboundMessage
from hotline.worker.sweep import sweep
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN
from tests.hotline.line import BEN, Line

PERSON = "+15555550123"


def test_with_the_database_gone_sms_answers_5xx_and_the_fallback_still_gives_resources(twilio):
    app = create_app({
        "HOTLINE_ENV": "test", "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/gone",
        "REDIS_URL": None, "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_API_URL": twilio.url, "PUBLIC_URL": "https://line.example.org",
    })
    line = Line(app, twilio, AUTH_TOKEN)
    form = {"MessageSid": "SM" + "d" * 32, "From": PERSON, "To": line.number, "Body": "help"}
    assert line.post("/twilio/sms", form).status_code >= 500
    fallback = line.post("/twilio/fallback", form)
    assert fallback.status_code == 200
    assert "988" in fallback.get_data(as_text=True)
    assert "<Message>" in fallback.get_data(as_text=True)
    assert line.client.get("/readyz").status_code == 503
    assert line.client.get("/healthz").status_code == 200


def test_a_forged_fallback_request_gets_403(line):
    form = {"MessageSid": "SM" + "e" * 32, "From": PERSON, "To": line.number, "Body": "hi"}
    assert line.post("/twilio/fallback", form, signature="nope").status_code == 403


def test_a_text_that_reached_only_the_fallback_is_stored_and_answered_later(line):
    line.load()
    form = {"MessageSid": "SM" + "9" * 32, "From": PERSON, "To": line.number,
            "Body": "i relapsed and need help"}
    assert line.post("/twilio/fallback", form).status_code == 200
    assert sweep()["parked"] == 1
    line.work()
    assert "substance use" in line.last(BEN)


def test_with_redis_gone_the_text_is_still_committed_and_the_sweep_sends_it_later(line, app):
    line.load()
    healthy = app.extensions["hotline.queue"]
    from rq import Queue

    from hotline.infra.queue import redis_connection

    app.extensions["hotline.queue"] = Queue("hotline", connection=redis_connection(
        "redis://127.0.0.1:1/0"))
    assert line.text(PERSON, "i relapsed and need help", work=False).status_code == 200
    app.extensions["hotline.queue"] = healthy
    with transaction() as session:
        [stored] = session.exec(select(InboundMessage)).all()
        stored.received_at = stored.received_at.replace(year=2020)
    assert sweep()["inbound"] == 1
    line.work()
    assert "substance use" in line.last(BEN)


def test_a_text_only_late_in_a_backlog_is_queued_again_once_not_every_sweep(line):
    from hotline.infra.queue import queues

    line.load()
    line.text(PERSON, "i relapsed and need help", work=False)  # waits behind a backlog
    with transaction() as session:
        [stored] = session.exec(select(InboundMessage)).all()
        stored.received_at = stored.received_at.replace(year=2020)  # late enough to look lost
    # three rounds, as two workers' sweeps would run while it waits: it goes again once
    assert [sweep()["inbound"] for _ in range(3)] == [1, 0, 0]
    again = [job for q in queues() for job in q.jobs
             if job.func_name.endswith("process_inbound")]
    assert len(again) == 1  # once, not once a round
    line.work()
    assert line.inbox(BEN).count(line.last(BEN)) == 1  # offered once
    assert "substance use" in line.last(BEN)


def test_five_concurrent_deliveries_of_one_message_sid_make_one_case(line):
    line.load()
    form = {"MessageSid": "SM" + "c" * 32, "From": PERSON, "To": line.number,
            "Body": "i relapsed and need help"}
    signature = line.validator.compute_signature("https://line.example.org/twilio/sms", form)
    statuses = []

    def deliver():
        client = line.app.test_client()
        response = client.post("/twilio/sms", data=form,
                               headers={"X-Twilio-Signature": signature})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    line.work()
    assert statuses == [200] * 5
    with transaction() as session:
        assert len(session.exec(select(Case)).all()) == 1
    assert len(line.inbox(BEN)) == 1


def test_emoji_and_a_long_text_pass_through_whole(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.twilio.clear()
    long_text = ("😢 " + "I can't sleep and I keep thinking about it. " * 40)[:1600]
    line.text(PERSON, long_text)  # Twilio's longest text, which the relay's code makes longer
    pieces = line.inbox(BEN)
    assert len(pieces) == 2 and all(len(piece) <= 1600 for piece in pieces)
    assert "".join(pieces) == f"[{code}] {long_text}"


def test_a_body_longer_than_twilio_ever_sends_is_kept_to_twilios_limit(line):
    line.load()
    line.text(PERSON, "i relapsed and need help " + "x" * 5000)
    with transaction() as session:
        [message] = session.exec(select(InboundMessage)).all()
        assert len(message.body) == 1600


def test_status_callbacks_are_recorded(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    sid = line.twilio.messages[0]["sid"]
    form = {"MessageSid": sid, "MessageStatus": "delivered", "AccountSid": ACCOUNT_SID}
    assert line.post("/twilio/sms/status", form).status_code == 200
    sent = {"MessageSid": sid, "MessageStatus": "sent", "AccountSid": ACCOUNT_SID}
    line.post("/twilio/sms/status", sent)  # late and out of order: must not move it back
    with transaction() as session:
        message = session.exec(select(OutboundMessage).where(OutboundMessage.sid == sid)).one()
    assert message.status == "delivered"


def test_a_text_twilio_could_not_deliver_keeps_its_code_is_not_sent_again_nor_shown_sent(
        line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    [first, *_] = line.twilio.messages
    for status in ("undelivered", "sent"):  # the late "sent" must not move it back
        form = {"MessageSid": first["sid"], "MessageStatus": status, "ErrorCode": "30003",
                "AccountSid": ACCOUNT_SID}
        assert line.post("/twilio/sms/status", form).status_code == 200
    line.run_timers_now()
    sweep()
    line.work()
    assert line.inbox(PERSON).count(first["body"]) == 1  # a phone that cannot get it: once
    with transaction() as session:
        row = session.exec(select(OutboundMessage).where(
            OutboundMessage.sid == first["sid"])).one()
    assert (row.status, row.error_code) == ("undelivered", 30003)


def test_twilio_is_asked_to_report_each_text_s_status_to_the_line(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    sends = [r["form"] for r in line.twilio.requests if r["path"].endswith("/Messages.json")]
    callbacks = {form.get("StatusCallback") for form in sends}
    assert callbacks == {"https://line.example.org/twilio/sms/status"}
    sid = line.twilio.messages[0]["sid"]
    form = {"MessageSid": sid, "MessageStatus": "delivered", "AccountSid": ACCOUNT_SID}
    assert line.post(callbacks.pop().removeprefix("https://line.example.org"),
                     form).status_code == 200
    with transaction() as session:
        row = session.exec(select(OutboundMessage).where(OutboundMessage.sid == sid)).one()
    assert row.status == "delivered"


def test_a_passing_twilio_failure_is_retried_and_the_text_arrives(line):
    line.load()
    line.twilio.fail_next(1, status=503)
    line.text(PERSON, "i relapsed and need help")
    line.fire_timers()  # RQ's retry waits in the scheduler
    assert "confidential" in " ".join(line.inbox(PERSON))


def test_a_send_job_that_runs_twice_sends_once(line):
    from hotline.worker.tasks import send_message

    line.load()
    line.text(PERSON, "i relapsed and need help")
    with transaction() as session:
        first = session.exec(select(OutboundMessage).order_by(OutboundMessage.id)).first()
    before = len(line.twilio.messages)
    send_message(first.id)
    send_message(first.id)
    assert len(line.twilio.messages) == before


def test_two_yes_processed_at_the_same_instant_give_the_case_one_responder(line, app):
    from hotline.worker.tasks import process_inbound
    from tests.hotline.line import CY, DEE

    line.load()
    line.text(PERSON, "my friend OD'd and isn't breathing")
    code = line.code_in(BEN)
    for phone in (BEN, CY, DEE):
        line.text(phone, f"YES {code}", work=False)
    with transaction() as session:
        ids = session.exec(select(InboundMessage.id).where(
            InboundMessage.processed_at.is_(None))).all()
    start = threading.Barrier(len(ids))

    def accept(message_id):
        with app.app_context():
            start.wait()
            process_inbound(message_id)

    threads = [threading.Thread(target=accept, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    line.work()
    with transaction() as session:
        [case] = session.exec(select(Case)).all()
    assert case.status == "active"
    winners = [p for p in (BEN, CY, DEE) if any("is yours" in b for b in line.inbox(p))]
    assert len(winners) == 1
    losers = [p for p in (BEN, CY, DEE) if p not in winners]
    assert all("taken" in line.last(p) for p in losers)


def test_the_fallback_gives_the_line_s_own_resources_once_published(line):
    from hotline.cases import rosters
    from tests.hotline.line import roster

    line.load(roster(resources={"en": "Call the DV line at 1-800-799-7233.",
                                "es": "Llama a la línea al 1-800-799-7233."}))
    with transaction() as session:
        rosters.publish_resources(session)
    form = {"MessageSid": "SM" + "8" * 32, "From": PERSON, "To": line.number, "Body": "hi"}
    answer = line.post("/twilio/fallback", form).get_data(as_text=True)
    assert "Call the DV line at 1-800-799-7233." in answer
    assert "Llama a la línea al 1-800-799-7233." in answer


def test_an_offer_timer_that_fires_early_waits_out_the_rest(line):
    from rq import Queue, SimpleWorker
    from rq.job import Job
    from rq.registry import ScheduledJobRegistry

    from hotline.infra.queue import Task, queue_for
    from tests.hotline.line import ANA

    line.load()
    line.text(PERSON, "i feel hopeless and can't get out of bed")
    q: Queue = queue_for(Task.EXPIRE_OFFER)
    registry = ScheduledJobRegistry(queue=q)
    [job_id] = [j for j in registry.get_job_ids()
                if Job.fetch(j, connection=q.connection).func_name.endswith("expire_offer")]
    registry.remove(job_id)
    q.enqueue_job(Job.fetch(job_id, connection=q.connection))  # 120 s early
    SimpleWorker([q], connection=q.connection).work(burst=True)
    assert line.inbox(ANA) == []
    timers = [Job.fetch(j, connection=q.connection).func_name for j in registry.get_job_ids()]
    assert sum(t.endswith("expire_offer") for t in timers) == 1  # waiting out the rest


def test_with_a_worker_forwarding_intake_the_webhook_queues_no_job_itself(line):
    from hotline.infra.handoff import FORWARDER_KEY, forward_intake
    from hotline.infra.queue import queue

    line.load()
    queue().connection.set(FORWARDER_KEY, "1", ex=30)  # a `hotline worker` is forwarding
    line.text(PERSON, "i relapsed and need help", work=False)
    assert queue().count == 0
    assert forward_intake() == 1
    line.work()
    assert "substance use" in line.last(BEN)
