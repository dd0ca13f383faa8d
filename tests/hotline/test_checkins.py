"""Follow-up check-ins with consent, and leaving quietly with EXIT. The clock is set (line
time, America/Los_Angeles) and moved on, never slept through."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import Case, CheckIn
from hotline.infra.queue import queue
from hotline.worker.sweep import sweep
from scripts.harness.redis_claim import flush_keeping_claim
from tests.hotline.line import ANA, BEN, roster

PERSON = "+15555550123"
TOPIC_WORDS = ("crisis", "abuse", "safety", "substance", "violence", "drug", "hotline")
LINE_TIME = ZoneInfo("America/Los_Angeles")


@pytest.fixture(autouse=True)
def clock(app):
    """The line's clock, at noon on a Tuesday; check-ins come due 30 s after a case (far more
    than a busy machine takes between two texts, as the clock runs on meanwhile)."""
    app.config["CHECKIN_AFTER_SECONDS"] = 30
    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=LINE_TIME)) as traveller:
        yield traveller


def closed_case(line, clock, hour: int = 12, text: str = "i relapsed and need help",
                responder=BEN):
    clock.move_to(datetime(2026, 3, 10, hour, 0, tzinfo=LINE_TIME))
    line.load(roster())
    line.text(PERSON, text)
    line.text(responder, f"YES {line.code_in(responder)}")
    line.text(responder, "DONE")


def checkins() -> list[CheckIn]:
    with transaction() as session:
        return list(session.exec(select(CheckIn).order_by(CheckIn.id)))


def later(line, clock, seconds: float = 31) -> None:
    clock.shift(seconds)
    line.fire_timers()


def test_yes_evenings_gets_a_neutral_check_in_in_the_evening_at_most_three_times(line, clock):
    from hotline.infra.words import say

    closed_case(line, clock, hour=18)
    assert "check-in" in line.last(PERSON)
    line.text(PERSON, "2")
    assert "only in the evening, 5 to 9 pm" in line.last(PERSON)  # the choice, confirmed
    before = len(line.inbox(PERSON))
    for _ in range(4):
        later(line, clock)
    sent = line.inbox(PERSON)[before:]
    assert sent == [say("checkin_1"), say("checkin_2"), say("checkin_3")]
    for text in sent:
        assert not any(word in text.lower() for word in TOPIC_WORDS)
    assert [c.status for c in checkins()] == ["sent", "sent", "sent"]


def test_an_evening_check_in_due_in_the_morning_waits_for_the_evening(line, clock):
    closed_case(line, clock, hour=10)
    line.text(PERSON, "2")
    before = len(line.inbox(PERSON))
    later(line, clock)
    [checkin] = checkins()
    assert checkin.status == "scheduled"
    assert (checkin.due_at - datetime.now(UTC)).total_seconds() > 6 * 3600  # at 17:00
    assert len(line.inbox(PERSON)) == before


def test_a_reply_to_a_check_in_reaches_the_same_responder_when_on_call(line, clock):
    closed_case(line, clock)
    line.text(PERSON, "1")
    later(line, clock)
    assert "checking in" in line.last(PERSON)
    line.text(PERSON, "thanks, doing a bit better today")
    assert "doing a bit better today" in line.last(BEN)
    assert "Follow-up" in line.inbox(BEN)[-2]
    assert [c.status for c in checkins()] == ["answered", "cancelled"]
    line.text(BEN, "So glad to hear it.")
    assert line.last(PERSON) == "So glad to hear it."


def test_a_reply_when_the_responder_is_off_becomes_a_follow_up_offer(line, clock):
    closed_case(line, clock)
    line.text(PERSON, "1")
    later(line, clock)
    line.text(BEN, "off")
    line.text(PERSON, "can we talk again?")
    assert "Follow-up case" in line.last("+15105550103")  # Cy, on call for substance use


@pytest.mark.parametrize("answer", ["3", "no", "4", "not safe"])
def test_no_or_not_safe_means_nothing_more_is_ever_sent(line, clock, answer):
    closed_case(line, clock)
    before = len(line.inbox(PERSON))
    line.text(PERSON, answer)
    later(line, clock)
    assert len(line.inbox(PERSON)) == before
    assert checkins() == []


def test_no_answer_means_no(line, clock):
    closed_case(line, clock)
    later(line, clock)
    assert checkins() == []


@pytest.mark.parametrize("word", ["STOP", "EXIT"])
def test_stop_or_exit_cancels_every_pending_check_in(line, clock, word):
    closed_case(line, clock)
    line.text(PERSON, "1")
    before = len(line.inbox(PERSON))
    line.text(PERSON, word)
    later(line, clock)
    assert len(line.inbox(PERSON)) == before
    assert [c.status for c in checkins()] == ["cancelled"]


def test_a_check_in_whose_job_redis_lost_is_sent_once_by_the_sweep(line, clock):
    closed_case(line, clock)
    line.text(PERSON, "1")
    flush_keeping_claim(queue().connection)  # Redis lost every job
    clock.shift(31)
    assert sweep()["checkins"] == 1
    sweep()
    line.work()
    assert sum("checking in" in b for b in line.inbox(PERSON)) == 1


def test_exit_closes_the_case_silently_and_the_responder_is_told(line):
    line.load()
    line.text(PERSON, "my partner hits me when he's angry")
    line.text(ANA, f"YES {line.code_in(ANA)}")
    before = len(line.inbox(PERSON))
    line.text(PERSON, "exit")
    assert len(line.inbox(PERSON)) == before
    assert "left the conversation" in line.last(ANA)
    with transaction() as session:
        assert session.exec(select(Case)).one().status == "closed"
    line.text(ANA, "are you there?")
    assert len(line.inbox(PERSON)) == before


def test_safety_planning_offers_say_so_and_the_consent_question_names_no_topic(line):
    line.load()
    line.text(PERSON, "my partner hits me when he's angry")
    assert "discreet" in line.last(ANA)
    line.text(ANA, f"YES {line.code_in(ANA)}")
    line.text(ANA, "DONE")
    question = line.last(PERSON)
    assert "check-in" in question
    assert not any(word in question.lower() for word in TOPIC_WORDS)


def test_a_check_in_that_comes_due_as_the_evening_ends_waits_for_the_next_evening(line, clock):
    from hotline.infra.words import say

    closed_case(line, clock, hour=20)
    clock.move_to(datetime(2026, 3, 10, 20, 59, 20, tzinfo=LINE_TIME))
    line.text(PERSON, "2")
    before = len(line.inbox(PERSON))
    clock.move_to(datetime(2026, 3, 10, 21, 0, 30, tzinfo=LINE_TIME))  # the job ran late
    line.fire_timers()
    assert len(line.inbox(PERSON)) == before
    [checkin] = checkins()
    assert checkin.status == "scheduled"
    assert checkin.due_at.astimezone(LINE_TIME).strftime("%d %H:%M") == "11 17:00"
    clock.move_to(datetime(2026, 3, 11, 17, 0, 1, tzinfo=LINE_TIME))
    line.fire_timers()
    assert line.inbox(PERSON)[before:] == [say("checkin_1")]


def test_a_person_twilio_reports_opted_out_gets_no_check_in(line, clock):
    closed_case(line, clock)
    line.twilio.opted_out.add(PERSON)
    line.text(PERSON, "1")  # the thanks is refused: 21610, they opted out at the carrier
    attempts = len([r for r in line.twilio.requests if r["form"].get("To") == PERSON])
    later(line, clock)
    assert [c.status for c in checkins()] == ["cancelled"]
    assert len([r for r in line.twilio.requests if r["form"].get("To") == PERSON]) == attempts


def test_a_check_in_still_being_retried_when_the_person_texts_stop_is_not_sent(line, clock):
    closed_case(line, clock)
    line.text(PERSON, "1")
    before = len(line.inbox(PERSON))
    line.twilio.fail_next(1, status=503)
    later(line, clock)  # the check-in's first try fails; RQ will retry it
    line.text(PERSON, "STOP")
    later(line, clock, seconds=60)
    assert len(line.inbox(PERSON)) == before


def test_a_spanish_speaker_s_check_in_is_in_spanish(line, clock):
    from hotline.infra.words import say

    closed_case(line, clock, text="me siento muy triste y sin esperanza", responder=ANA)
    line.text(PERSON, "1")
    later(line, clock)
    assert line.last(PERSON) == say("checkin_1", "es") != say("checkin_1", "en")
