"""Twilio's limits, respected: an offer lives at Twilio no longer than the offer does, so one
that waited behind other texts past its time is never delivered; a pool of numbers (a
Messaging Service) carries the texts when configured; a 429 or a 30001 is met with a later try,
never with a late offer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import OutboundMessage
from hotline.worker.sweep import sweep
from tests.hotline.line import BEN, CY, DEE
from tests.hotline.test_priority import flood_of_checkins

PERSON = "+15555550123"
RELAPSE = "i relapsed and need help"  # substance use: Ben first
START = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
SERVICE = "MG" + "2" * 32


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sent_form(twilio, phone: str) -> list[dict]:
    """The forms the line POSTed to Twilio's Messages API for texts to this phone."""
    return [r["form"] for r in twilio.requests
            if r["path"].endswith("/Messages.json") and r["form"].get("To") == phone]


def test_an_offer_whose_time_passed_while_it_waited_at_twilio_is_never_delivered(line, clock):
    line.load()
    line.twilio.pace(rate=1 / 10)  # one text every 10 s from the line's number
    flood_of_checkins(line.number)  # 20 check-ins go first: 200 s of texts ahead
    line.work()
    line.text(PERSON, RELAPSE)
    [offer] = sent_form(line.twilio, BEN)
    assert 100 <= int(offer["ValidityPeriod"]) <= 120  # no longer than the offer's 120 s
    clock.shift(600)
    assert line.twilio.delivered(BEN) == []  # never delivered, even long after
    assert [m["to"] for m in line.twilio.dropped()] == [BEN]
    assert len(line.twilio.delivered()) == 20 + 1  # the check-ins and the person's answer
    line.fire_timers()
    assert "YES" in line.last(CY)  # the offer moved on to the next responder


def test_check_ins_and_a_persons_answers_carry_no_validity(line, clock):
    line.load()
    flood_of_checkins(line.number)
    line.work()
    line.text(PERSON, RELAPSE)
    assert all("ValidityPeriod" not in form for form in sent_form(line.twilio, PERSON))
    assert all("ValidityPeriod" not in r["form"] for r in line.twilio.requests
               if r["form"].get("To", "").startswith("+1555777"))


def test_urgent_offers_live_no_longer_than_their_time_and_taken_notices_a_few_minutes(line):
    line.load()
    line.text(PERSON, "my friend OD'd and isn't breathing")  # urgent: Ben, Cy and Dee at once
    code = line.code_in(BEN)
    for phone in (BEN, CY, DEE):
        [offer] = sent_form(line.twilio, phone)
        assert 0 < int(offer["ValidityPeriod"]) <= 120
    line.text(CY, f"YES {code}")
    for phone in (BEN, DEE):
        [taken] = [f for f in sent_form(line.twilio, phone) if "taken" in f["Body"]]
        assert 0 < int(taken["ValidityPeriod"]) <= 300


def test_with_a_messaging_service_texts_go_from_its_pool_one_number_per_phone(line, app):
    app.config["TWILIO_MESSAGING_SERVICE_SID"] = SERVICE
    line.load()
    line.text(PERSON, RELAPSE)
    line.text(BEN, f"YES {line.code_in(BEN)}")
    line.text(PERSON, "thank you")
    forms = [r["form"] for r in line.twilio.requests if r["path"].endswith("/Messages.json")]
    assert forms and all(f["MessagingServiceSid"] == SERVICE and "From" not in f
                         for f in forms)
    for phone in (PERSON, BEN):
        senders = {m["from_"] for m in line.twilio.messages if m["to"] == phone}
        assert len(senders) == 1  # sticky: each phone hears from one number
    assert "thank you" in line.last(BEN)


def test_an_offer_refused_with_429_is_tried_again_while_it_is_still_open(line, clock):
    line.load()
    line.twilio.fail_next(2, status=429)  # the person's answer and the offer
    line.text(PERSON, RELAPSE)
    assert line.inbox(BEN) == []
    clock.shift(10)
    line.run_timers_now()  # the retry, and the offer's timer early: it waits out the rest
    [offer] = line.inbox(BEN)
    assert "substance use" in offer
    assert int(sent_form(line.twilio, BEN)[-1]["ValidityPeriod"]) <= 110


def test_an_offer_still_refused_when_its_time_is_up_is_not_sent_late(line, clock):
    line.load()
    line.twilio.fail_next(2, status=429)  # the person's answer and the offer
    line.text(PERSON, RELAPSE)
    clock.shift(130)
    line.run_timers_now()
    assert line.inbox(BEN) == []  # its time ran out: not sent at all
    assert "YES" in line.last(CY)
    with transaction() as session:
        statuses = session.exec(select(OutboundMessage.status).where(
            OutboundMessage.purpose == "offer")).all()
    assert "expired" in statuses


def status_callback(line, sid: str, status: str, code: int) -> None:
    form = {"MessageSid": sid, "MessageStatus": status, "ErrorCode": str(code),
            "AccountSid": "AC" + "1" * 32}
    assert line.post("/twilio/sms/status", form).status_code == 200


@pytest.mark.parametrize("status", ["failed", "undelivered"])
def test_a_relay_twilio_dropped_with_30001_is_sent_again_after_a_pause(line, clock, status):
    line.load()
    line.text(PERSON, RELAPSE)
    line.text(BEN, f"YES {line.code_in(BEN)}")
    line.text(BEN, "i'm here, are you safe right now?")
    relay = [m for m in line.twilio.messages if m["to"] == PERSON][-1]
    status_callback(line, relay["sid"], status, 30001)
    line.work()
    assert line.inbox(PERSON).count(relay["body"]) == 1  # not at once
    clock.shift(60)
    line.run_timers_now()
    assert line.inbox(PERSON).count(relay["body"]) == 2  # once more, after the pause


def test_an_offer_twilio_dropped_with_30001_is_not_sent_again(line, clock):
    line.load()
    line.text(PERSON, RELAPSE)
    [offer] = [m for m in line.twilio.messages if m["to"] == BEN]
    status_callback(line, offer["sid"], "failed", 30001)
    clock.shift(60)
    line.run_timers_now()
    assert len(line.inbox(BEN)) == 1


def test_check_ins_go_at_the_numbers_pace_so_an_urgent_offer_never_waits_behind_them(line,
                                                                                     clock):
    line.app.config["SENDER_SEGMENTS_PER_SECOND"] = 1  # the line's default, for a long code
    line.load()
    line.twilio.pace(rate=1)  # and Twilio's pace for one
    flooded = flood_of_checkins(line.number)
    line.work()
    assert sum(m["to"] in flooded for m in line.twilio.messages) == 1  # the rest wait their turn
    line.text(PERSON, "my friend OD'd and isn't breathing")  # urgent: Ben, Cy and Dee at once
    ahead = sum(m["num_segments"] for m in line.twilio.messages if m["to"] not in (BEN, CY, DEE))
    clock.shift(ahead + 6)  # the texts ahead at Twilio, then the three offers
    for phone in (BEN, CY, DEE):
        assert "YES" in " ".join(m["body"] for m in line.twilio.delivered(phone)), \
            f"the urgent offer to {phone} waited behind check-ins at Twilio"
    for _ in range(60):  # a minute more: the check-ins go, one at a time
        clock.shift(1)
        line.run_timers_now(due_only=True)
    assert {m["to"] for m in line.twilio.delivered()} >= set(flooded)
    assert sum(m["to"] in flooded for m in line.twilio.messages) == len(flooded)  # each once
    # a wait for its turn is no try: none was looked for at Twilio as if it might have gone
    assert [r for r in line.twilio.requests if r["method"] == "GET"] == []


def resent_after(line, clock, body: str, pause: int) -> bool:
    """The text went again once `pause` seconds passed (and not a second before): what RQ's
    scheduler would run by then is run, with a sweep in the middle of the wait."""
    sends = line.inbox(PERSON).count(body)
    clock.shift(pause - 5)
    sweep()  # a sweep during the pause finds the text claimed, and leaves it be
    line.run_timers_now(due_only=True)
    if line.inbox(PERSON).count(body) != sends:
        return False
    clock.shift(6)
    line.run_timers_now(due_only=True)
    return line.inbox(PERSON).count(body) == sends + 1


def test_a_relay_dropped_with_30001_each_time_waits_twice_as_long_and_then_stays_failed(
        line, clock):
    line.load()
    line.text(PERSON, RELAPSE)
    line.text(BEN, f"YES {line.code_in(BEN)}")
    line.text(BEN, "i'm here, are you safe right now?")
    body = line.inbox(PERSON)[-1]
    for pause in (30, 60, 120, 240, 480):  # 30001 each time, the pause doubling
        [relay] = [m for m in line.twilio.messages if m["to"] == PERSON][-1:]
        status_callback(line, relay["sid"], "failed", 30001)
        assert resent_after(line, clock, body, pause), f"not sent again after {pause} s"
    last = [m for m in line.twilio.messages if m["to"] == PERSON][-1]
    status_callback(line, last["sid"], "failed", 30001)  # its sixth try: no more
    clock.shift(3600)
    sweep()
    line.run_timers_now()
    assert line.inbox(PERSON).count(body) == 6
    with transaction() as session:
        row = session.exec(select(OutboundMessage).where(OutboundMessage.sid == last["sid"])).one()
    assert (row.status, row.error_code) == ("failed", 30001)


def test_a_taken_notice_held_up_at_twilio_lives_only_what_is_left_of_its_five_minutes(line,
                                                                                      clock):
    line.load()
    line.text(PERSON, "my friend OD'd and isn't breathing")  # urgent: Ben, Cy and Dee at once
    code = line.code_in(BEN)
    line.twilio.fail_next(5, status=429)  # the five texts the YES sends are refused at first
    line.text(CY, f"YES {code}")
    assert not any("taken" in text for text in line.inbox(BEN) + line.inbox(DEE))
    clock.shift(100)
    line.run_timers_now()  # the retries, 100 s on
    for phone in (BEN, DEE):
        assert "taken" in line.last(phone)
        assert int(sent_form(line.twilio, phone)[-1]["ValidityPeriod"]) == 300 - 100


def test_a_persons_words_reach_their_responder_long_after_the_offer_was_taken(line, clock):
    line.load()
    line.text(PERSON, RELAPSE)
    line.text(BEN, f"YES {line.code_in(BEN)}")
    clock.shift(600)  # the offer's two minutes are long gone; the case is Ben's
    line.text(PERSON, "sorry, i fell asleep. still here")
    assert "still here" in line.last(BEN)
    assert "ValidityPeriod" not in sent_form(line.twilio, BEN)[-1]
