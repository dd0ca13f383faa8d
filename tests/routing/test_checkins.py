"""Consent answers and check-in windows."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing.checkins import consent_answer, declines, in_window, send_time

LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    "text, answer",
    [("1", "any"), ("YES", "any"), ("sí", "any"), ("2", "evening"), ("2.", "evening"),
     ("3", "no"), ("no", "no"), ("No thanks", "no"), ("4", "unsafe"), ("not safe", "unsafe"),
     ("no es seguro", "unsafe"), ("i'm doing better", None), ("5", None)],
)
def test_answers_to_the_consent_question(text, answer):
    assert consent_answer(text) == answer


def test_no_and_not_safe_decline_further_check_ins():
    assert declines("NO") and declines("4") and not declines("yes")


def test_an_evening_check_in_due_in_the_morning_waits_until_five_pm_local():
    due = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # 10:00 in Los Angeles
    assert send_time(due, "evening", LA) == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def test_a_check_in_due_late_at_night_waits_until_the_next_morning():
    due = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 23:00 in Los Angeles
    assert send_time(due, "any", LA) == datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


def test_a_check_in_due_inside_its_window_goes_then():
    due = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)  # 12:30 in Los Angeles
    assert send_time(due, "any", LA) == due


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1)),
       st.sampled_from(["any", "evening"]),
       st.sampled_from(["America/Los_Angeles", "Europe/London", "Australia/Sydney"]))
def test_the_send_time_is_never_early_and_always_inside_the_window(naive, window, zone):
    tz = ZoneInfo(zone)
    due = naive.replace(tzinfo=UTC)
    sent = send_time(due, window, tz)
    assert sent >= due
    assert in_window(sent, window, tz)
    assert sent - due < timedelta(days=1)
