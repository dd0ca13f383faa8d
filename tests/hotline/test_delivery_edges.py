"""Where a text's tries at Twilio end, and which queue a second try waits on: a text Twilio
keeps refusing is given up after its tries, not sent minutes later out of the blue; check-ins
Twilio dropped (30001) go again behind an urgent offer, not ahead of it; a late callback
about a dropped try does not stop the next; texts whose jobs Redis lost are sent by the
sweep, once; a check-in waiting for its turn keeps its tries and its place behind urgent work;
an offer goes while a second of it is left, and never after its own time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlmodel import select

from hotline.cases.work import SEND_ATTEMPTS
from hotline.infra.db import transaction
from hotline.infra.models import OutboundMessage
from hotline.infra.queue import queue
from hotline.worker.sweep import sweep
from scripts.harness.roster import OTHER_LINE, other_line_roster
from scripts.harness.twilio_server import DROP
from tests.hotline.conftest import ACCOUNT_SID
from tests.hotline.line import BEN, CY
from tests.hotline.test_priority import FLOOD, flood_of_checkins
from tests.hotline.test_twilio_limits import sent_form

PERSON = "+15555550123"
OTHER_PERSON = "+15555550177"
RELAPSE = "i relapsed and need help"  # substance use: Ben first
OVERDOSE = "my friend OD'd and isn't breathing"  # urgent: Ben, Cy and Dee at once
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


def relay_dropped_with_30001(line) -> tuple[str, dict]:
    """Ben takes a case and texts the person; Twilio drops that relay with 30001. The words,
    and the dropped try as the test Twilio holds it."""
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    words = "i'm here with you. are you safe right now?"
    line.text(BEN, words)
    [first] = [m for m in line.twilio.messages if m["to"] == PERSON and m["body"].endswith(words)]
    dropped_with_30001(line, first["sid"])
    return words, first


def test_a_late_callback_about_a_dropped_try_does_not_stop_the_next_try(line, clock):
    """Twilio's callbacks can arrive out of order: an "accepted" about the try Twilio dropped
    (30001), arriving after the drop, must not take the row from the try that follows."""
    words, first = relay_dropped_with_30001(line)
    late = {"MessageSid": first["sid"], "MessageStatus": "accepted", "AccountSid": ACCOUNT_SID}
    assert line.post("/twilio/sms/status", late).status_code == 200
    clock.shift(31)  # its second try is due
    line.run_timers_now()
    tries = [m for m in line.twilio.messages if m["to"] == PERSON and m["body"].endswith(words)]
    assert len(tries) == 2  # the words reached the person after all


def test_texts_whose_jobs_redis_lost_are_sent_by_the_sweep_once(line, clock):
    """Redis restarted empty while the line's answers waited for their second try: the rows
    are the record, and the sweep sends each of them, once."""
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


def tries(twilio, phone: str) -> list[dict]:
    """Each time the line asked Twilio to send a text to this phone, taken or refused."""
    return [r for r in twilio.requests if r["method"] == "POST"
            and r["path"].endswith("/Messages.json") and r["form"].get("To") == phone]


def row_of(phone: str, purpose: str) -> OutboundMessage:
    """The one text of this purpose to this phone (numbers are stored encrypted)."""
    with transaction() as session:
        [row] = [row for row in session.exec(select(OutboundMessage).where(
            OutboundMessage.purpose == purpose)) if row.to_number == phone]
    return row


def test_a_check_in_that_waited_its_turn_gets_all_its_tries_then_is_given_up(line, clock):
    """A wait for its turn at Twilio is no try: the check-in still gets its six, each by its
    job's own retry, and after the last refusal it is given up, not sent later by a sweep."""
    line.app.config["SENDER_SEGMENTS_PER_SECOND"] = 1
    line.load()
    first, waiting = flood_of_checkins(line.number, count=2)
    line.work()
    assert line.inbox(first) and tries(line.twilio, waiting) == []  # it waits for its turn
    line.twilio.fail_next(SEND_ATTEMPTS, status=503)
    for _ in range(SEND_ATTEMPTS):  # its turn, then RQ's retries, each refused
        clock.shift(60)
        line.run_timers_now()
    assert len(tries(line.twilio, waiting)) == SEND_ATTEMPTS
    clock.shift(600)  # long after: a sweep finds nothing left to send
    sweep()
    line.run_timers_now()
    assert line.inbox(waiting) == []
    assert row_of(waiting, "checkin").status == "failed"


def test_a_sweep_while_check_ins_wait_their_turn_puts_no_later_one_further_back(line, clock):
    """The sweep finds check-ins waiting for their turn (unsent for over 20 s) and leaves them
    be: they keep their turns, and a check-in due later takes the turn after the last one."""
    line.app.config["SENDER_SEGMENTS_PER_SECOND"] = 0.25  # a check-in every 4 s
    line.load()
    flooded = flood_of_checkins(line.number)  # 80 s of turns
    line.work()
    for _ in range(30):  # RQ's scheduler runs each job at its turn
        clock.shift(1)
        line.run_timers_now(due_only=True)
    sweep()
    line.work()
    [later] = flood_of_checkins(line.number, count=1, first=FLOOD)
    line.work()  # its turn: after the twenty, 50 s on
    for _ in range(60):
        clock.shift(1)
        line.run_timers_now(due_only=True)
    assert all(len(line.inbox(phone)) == 1 for phone in [*flooded, later])


def test_check_ins_that_waited_their_turn_go_behind_an_urgent_offer_made_meanwhile(line,
                                                                                   clock):
    line.app.config["SENDER_SEGMENTS_PER_SECOND"] = 1
    line.load()
    flooded = flood_of_checkins(line.number)
    line.work()  # one goes, the rest wait their turns
    before = len(line.twilio.messages)
    clock.shift(30)  # every turn has come
    line.text(PERSON, OVERDOSE, work=False)
    line.run_timers_now()
    for _ in range(60):  # and the check-ins go, one at a time
        clock.shift(1)
        line.run_timers_now(due_only=True)
    order = [m["to"] for m in line.twilio.messages[before:]]
    assert sorted(p for p in order if p in flooded) == sorted(flooded[1:])  # each once
    assert order.index(BEN) < min(order.index(phone) for phone in flooded[1:])


def test_check_ins_whose_retries_redis_lost_go_again_behind_an_urgent_offer(line, clock):
    line.load()
    line.twilio.fail_next(FLOOD, status=503)  # each check-in refused for now
    flooded = flood_of_checkins(line.number)
    line.work()
    assert not any(line.inbox(phone) for phone in flooded)
    queue().connection.flushdb()  # their retries were in Redis, and are gone
    clock.shift(60)
    assert sweep()["outbound"] == FLOOD
    line.text(PERSON, OVERDOSE, work=False)
    line.work()
    order = [m["to"] for m in line.twilio.messages]
    assert sorted(p for p in order if p in flooded) == sorted(flooded)  # each once
    assert order.index(BEN) < min(order.index(phone) for phone in flooded)


def test_an_offer_tried_again_with_one_second_left_goes_for_that_second(line, clock):
    line.load()
    line.twilio.fail_next(2, status=429)  # the person's answer and the offer
    line.text(PERSON, RELAPSE)
    clock.shift(119)  # one whole second of the offer's 120 is left
    line.run_timers_now()
    [offer] = line.inbox(BEN)
    assert "substance use" in offer
    assert sent_form(line.twilio, BEN)[-1]["ValidityPeriod"] == "1"


def test_an_offer_whose_last_try_comes_after_its_time_is_not_sent_by_newer_offers_time(
        line, clock):
    """Twilio refused Ben's offer at each of its quick tries; RQ's last retry comes two minutes
    later, when the case has moved on to Cy and Ben has a new case's offer: the old offer
    goes by its own time, long past, so it is not sent."""
    line.load()
    line.twilio.fail_next(2, status=429)  # the person's answer and Ben's offer
    line.text(PERSON, RELAPSE)
    for pause in (2, 10, 30, 60):  # RQ's retries of both, each refused again
        line.twilio.fail_next(2, status=429)
        clock.shift(pause)
        line.run_timers_now(due_only=True)
    assert line.inbox(BEN) == []
    clock.shift(20)  # the offer's time is up: the case moves on to Cy
    line.run_timers_now(due_only=True)
    code = line.code_in(CY)
    line.text(OTHER_PERSON, RELAPSE)  # a new case, offered to Ben
    assert len(line.inbox(BEN)) == 1 and code not in line.last(BEN)
    clock.shift(100)  # the last retry of the first offer
    line.run_timers_now(due_only=True)
    assert len(tries(line.twilio, BEN)) == 5 + 1  # the five refused, and the new case's
    assert not any(code in body for body in line.inbox(BEN))


def test_a_case_offered_again_after_start_reaches_the_responder_asked_the_first_time(line,
                                                                                     clock):
    """START a few minutes after STOP offers the case afresh: Ben's new offer goes by its own
    time, not by the first offer's, which ran out while the person was away."""
    line.load()
    line.text(PERSON, OVERDOSE)
    code = line.code_in(BEN)
    line.twilio.opted_out.add(PERSON)
    line.text(PERSON, "STOP")
    line.twilio.opted_out.discard(PERSON)
    clock.shift(300)  # the first offers' two minutes are long gone
    seen = len(line.inbox(BEN))
    line.text(PERSON, "START")
    assert any(f"YES {code}" in body for body in line.inbox(BEN)[seen:])


def test_a_lost_send_is_not_taken_for_another_lines_text_with_the_same_words(line, twilio,
                                                                            clock):
    """Two lines answer the same person with the same words. Ours never reached Twilio (the
    connection dropped); the other line's reached it, its answer lost. Looking for ours at
    Twilio finds only texts from our number, so ours goes, and each line's text goes once."""
    line.load()
    line.load(other_line_roster(), number=OTHER_LINE)
    twilio.fail_next(1, status=DROP)  # our answer to the person: not taken
    line.text(PERSON, RELAPSE)
    clock.shift(1)
    twilio.lose_next(1)  # the other line's answer: taken, the answer lost
    line.text(PERSON, RELAPSE, to=OTHER_LINE)
    [answer] = [m["body"] for m in twilio.messages if m["to"] == PERSON]
    line.run_timers_now()  # RQ's retries: ours first
    for number in (line.number, OTHER_LINE):
        sent = [m for m in twilio.messages if m["from_"] == number and m["body"] == answer]
        assert len(sent) == 1, number


def test_an_offer_twilio_took_then_dropped_is_not_recorded_as_sent(line, clock):
    """Twilio took Ben's offer (its answer lost) and, behind a batch of check-ins, dropped it
    when its time ran out. Looked for at Twilio, a dropped text is not counted as sent: the
    row says expired, and Ben is not told that an offer he never got has ended."""
    line.load()
    line.twilio.pace(rate=1 / 10)  # one text every 10 s from the line's number
    flood_of_checkins(line.number)  # 200 s of texts ahead of the offer at Twilio
    line.work()
    line.twilio.lose_next(2)  # the person's answer and Ben's offer: taken, answers lost
    line.text(PERSON, RELAPSE)
    clock.shift(130)
    assert [m["to"] for m in line.twilio.dropped()] == [BEN]
    line.run_timers_now()  # the retries, then the offer's timer
    assert row_of(BEN, "offer").status == "expired"
    assert len(line.inbox(BEN)) == 1  # the dropped offer, and no notice about it
    assert "YES" in line.last(CY)  # the case moved on


def test_a_status_longer_than_its_column_is_kept_to_what_fits(line):
    """Twilio's "partially_delivered" has 19 characters; the row keeps the first 16, on
    every database, rather than failing the callback."""
    line.load()
    line.text(PERSON, RELAPSE)
    sid = line.twilio.messages[0]["sid"]
    form = {"MessageSid": sid, "MessageStatus": "partially_delivered", "AccountSid": ACCOUNT_SID}
    assert line.post("/twilio/sms/status", form).status_code == 200
    with transaction() as session:
        row = session.exec(select(OutboundMessage).where(OutboundMessage.sid == sid)).one()
    assert row.status == "partially_delivered"[:16]


def test_a_late_callback_after_a_refused_resend_does_not_write_the_words_off(line, clock):
    """A relay Twilio dropped (30001) is sent again; when Twilio refuses that try for now
    (503), a late "sent" about the dropped try must not mark the row sent: the words still
    reach the person, and the row records the try that carried them."""
    words, first = relay_dropped_with_30001(line)
    line.twilio.fail_next(1, status=503)
    clock.shift(31)  # the second try is due, and refused for now
    line.run_timers_now()
    late = {"MessageSid": first["sid"], "MessageStatus": "sent", "AccountSid": ACCOUNT_SID}
    assert line.post("/twilio/sms/status", late).status_code == 200
    clock.shift(10)
    sweep()  # the row waits, queued, for the sweep's next round
    line.work()
    tries = [m for m in line.twilio.messages if m["to"] == PERSON and m["body"].endswith(words)]
    assert len(tries) == 2  # the words reached the person after all
    with transaction() as session:
        row = session.exec(select(OutboundMessage).where(OutboundMessage.sid == tries[-1]["sid"])
                           ).one()
    assert row.status == "sent"
