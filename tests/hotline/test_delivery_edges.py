"""Where a text's tries at Twilio end, and which queue a second try waits on: a text Twilio
keeps refusing is given up after its tries, not sent minutes later out of the blue; check-ins
Twilio dropped (30001) go again behind an urgent offer, not ahead of it; a late callback
about a dropped try does not stop the next; texts whose jobs Redis lost are sent by the
sweep, once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlmodel import select

from hotline.cases.work import SEND_ATTEMPTS
from hotline.infra.db import transaction
from hotline.infra.models import OutboundMessage
from hotline.worker.sweep import sweep
from tests.hotline.conftest import ACCOUNT_SID
from tests.hotline.line import BEN
from tests.hotline.test_priority import flood_of_checkins

PERSON = "+15555550123"
START = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)  # 11 am on the line: check-ins may go


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def dropped_with_30001(line, sid: str) -> None:
    form = {"MessageSid": sid, "MessageStatus": "failed", "ErrorCode": "30001",
            "AccountSid": ACCOUNT_SID}
    assert line.post("/twilio/sms/status", form).status_code == 200


def test_a_text_twilio_refused_at_each_of_its_tries_is_given_up_not_sent_later(line, clock):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    words = "i'm here, are you safe right now?"
    line.twilio.fail_next(2 * SEND_ATTEMPTS, status=503)  # the relay and Ben's own reply
    line.text(BEN, words)
    for _ in range(SEND_ATTEMPTS - 1):  # RQ's retries, each refused
        clock.shift(60)
        line.run_timers_now()
    clock.shift(600)  # long after: a sweep finds nothing left to send
    sweep()
    line.run_timers_now()
    assert not any(words in text for text in line.inbox(PERSON))
    with transaction() as session:
        statuses = set(session.exec(select(OutboundMessage.status)))
    assert "failed" in statuses and not statuses & {"queued", "sending"}


def test_check_ins_twilio_dropped_go_again_behind_an_urgent_offer(line, clock):
    line.load()
    flooded = flood_of_checkins(line.number)
    line.work()
    for message in [m for m in line.twilio.messages if m["to"] in flooded]:
        dropped_with_30001(line, message["sid"])
    clock.shift(31)  # their second tries are due
    line.text(PERSON, "my friend OD'd and isn't breathing", work=False)
    line.run_timers_now()
    after = line.twilio.messages[len(flooded):]
    assert sum(m["to"] in flooded for m in after) == len(flooded)  # each sent again, once
    order = [m["to"] for m in after]
    assert order.index(BEN) < min(order.index(phone) for phone in flooded)


def test_a_late_callback_about_a_dropped_try_does_not_stop_the_next_try(line, clock):
    """Twilio's callbacks can arrive out of order: an "accepted" about the try Twilio dropped
    (30001), arriving after the drop, must not take the row from the try that follows."""
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    words = "i'm here with you. are you safe right now?"
    line.text(BEN, words)
    [first] = [m for m in line.twilio.messages if m["to"] == PERSON and m["body"].endswith(words)]
    dropped_with_30001(line, first["sid"])
    late = {"MessageSid": first["sid"], "MessageStatus": "accepted", "AccountSid": ACCOUNT_SID}
    assert line.post("/twilio/sms/status", late).status_code == 200
    clock.shift(31)  # its second try is due
    line.run_timers_now()
    tries = [m for m in line.twilio.messages if m["to"] == PERSON and m["body"].endswith(words)]
    assert len(tries) == 2  # the words reached the person after all


def test_texts_whose_jobs_redis_lost_are_sent_by_the_sweep_once(line, clock):
    """Redis restarted empty while the line's answers waited for their second try: the rows
    are the record, and the sweep sends each of them, once."""
    from hotline.infra.queue import queue

    line.load()
    line.twilio.fail_next(2, status=503)  # the person's reply and Ben's offer fail for now
    line.text(PERSON, "i relapsed and need help")
    assert line.inbox(PERSON) == [] and line.inbox(BEN) == []
    queue().connection.flushdb()  # their retries were in Redis, and are gone
    clock.shift(60)
    assert sweep()["outbound"] == 2
    line.work()
    assert len(line.inbox(PERSON)) == 1 and len(line.inbox(BEN)) == 1
    sweep()  # and a later sweep finds nothing more to send
    line.work()
    assert len(line.inbox(PERSON)) == 1 and len(line.inbox(BEN)) == 1
