"""Turns on call, gaps and cover candidates, read from a roster; and the shift commands."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing.oncall import on_call
from routing.roster import HoursWindow, Override, ResponderSpec, Roster, Rotation
from routing.shift_commands import ShiftCommand, parse_shift_text
from routing.shift_plan import Gap, cover_candidates, gaps, rotation_of, turns, whole_turns

LA = ZoneInfo("America/Los_Angeles")
EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PEOPLE = (
    ResponderSpec("Ana", "+15105550101", ("en", "es"), ("mental_health",)),
    ResponderSpec("Ben", "+15105550102", ("en",), ("mental_health", "substance_use")),
    ResponderSpec("Cy", "+15105550103", ("en",), ("substance_use",)),
    ResponderSpec("Dee", "+15105550104", ("es", "en"), ("mental_health",)),
    ResponderSpec("Eli", "+15105550105", ("en",), ()),
)


def nights(*rotations: Rotation, hours=(), overrides=()) -> Roster:
    return Roster("America/Los_Angeles", tuple(hours), (), PEOPLE, rotations, tuple(overrides),
                  ())


MH = Rotation("MH", "mental_health", "daily", 1, 1, datetime(2026, 3, 1, 20), ("Ben", "Ana"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LA)


def test_a_daily_turn_across_the_spring_change_lasts_23_hours():
    found = turns(nights(MH), at("2026-03-07T12:00"), at("2026-03-09T21:00"), "Ben")
    [turn] = [t for t in found if t.start == at("2026-03-07T20:00")]
    assert turn.end == at("2026-03-08T20:00")
    assert turn.end - turn.start == timedelta(hours=23)


def test_turns_leave_out_closed_hours_and_follow_overrides():
    hours = [HoursWindow(EVERY_DAY, time(18), time(9))]
    cover = Override("MH", "Dee", "Ben", datetime(2026, 3, 7, 23), datetime(2026, 3, 8, 4))
    roster = nights(MH, hours=hours, overrides=[cover])
    found = [(t.name, t.start, t.end) for t in
             turns(roster, at("2026-03-07T12:00"), at("2026-03-08T12:00"))]
    assert found == [("Ana", at("2026-03-07T18:00"), at("2026-03-07T20:00")),
                     ("Ben", at("2026-03-07T20:00"), at("2026-03-07T23:00")),
                     ("Dee", at("2026-03-07T23:00"), at("2026-03-08T04:00")),
                     ("Ben", at("2026-03-08T04:00"), at("2026-03-08T09:00"))]


def test_whole_turns_are_the_ones_that_begin_in_the_window_and_end_where_they_end():
    found = whole_turns(nights(MH), at("2026-03-07T00:00"), at("2026-03-08T00:00"))
    assert [(t.name, t.start, t.end) for t in found] == [
        ("Ben", at("2026-03-07T20:00"), at("2026-03-08T20:00"))]


def test_a_gap_is_an_open_hour_with_nobody_and_closed_hours_are_not_gaps():
    hours = [HoursWindow(EVERY_DAY, time(20), time(8))]
    late = Rotation("SU", "substance_use", "daily", 1, 1, datetime(2026, 3, 11, 4), ("Cy",))
    found = gaps(nights(MH, late, hours=hours), at("2026-03-10T12:00"), at("2026-03-12T12:00"))
    assert found == [Gap("substance_use", at("2026-03-10T20:00").astimezone(UTC),
                         at("2026-03-11T04:00").astimezone(UTC))]


def test_a_line_without_a_rotation_for_a_category_has_no_gaps_in_it():
    assert gaps(nights(MH), at("2026-03-10T12:00"), at("2026-03-24T12:00")) == []


def test_cover_goes_to_those_who_serve_the_category_and_are_free_same_languages_first():
    su = Rotation("SU", "substance_use", "weekly", 1, 1, datetime(2026, 3, 2, 9), ("Eli",))
    roster = nights(MH, su)
    names = cover_candidates(roster, "mental_health", at("2026-03-07T20:00"),
                             at("2026-03-08T20:00"), "Ana")
    # Ben is on call then; Cy does not do mental health; Eli is on substance use that week.
    assert names == ["Dee"]
    names = cover_candidates(roster, "mental_health", at("2026-03-08T20:00"),
                             at("2026-03-09T20:00"), "Ben")
    assert names == ["Dee"]  # Ana is on call then


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=24 * 40))
def test_every_turn_is_time_that_oncall_puts_its_person_on_call(hours):
    roster = nights(MH, hours=[HoursWindow(EVERY_DAY, time(18), time(9))])
    start = at("2026-02-20T00:00") + timedelta(hours=hours)
    for turn in turns(roster, start, start + timedelta(days=2)):
        middle = turn.start + (turn.end - turn.start) / 2
        assert turn.name in on_call(roster, turn.category, middle)
        assert turn.name in on_call(roster, turn.category, turn.start)
        assert turn.name in on_call(roster, turn.category, turn.end - timedelta(seconds=1))


def test_the_rotation_of_a_covered_turn_is_found():
    assert rotation_of(nights(MH), "mental_health", "Ana", at("2026-03-09T12:00")) == "MH"
    assert rotation_of(nights(MH), "mental_health", "Dee", at("2026-03-09T12:00")) is None


@pytest.mark.parametrize("text, command", [
    ("OK", ShiftCommand("ok")), ("ok!", ShiftCommand("ok")), ("Vale", ShiftCommand("ok")),
    ("cover", ShiftCommand("cover")), ("CUBRIR", ShiftCommand("cover")),
    ("TAKE 512", ShiftCommand("take", "512")), ("take #512", ShiftCommand("take", "512")),
    ("tomo 512", ShiftCommand("take", "512")), ("CANCEL 512", ShiftCommand("cancel", "512")),
    ("untake 512", ShiftCommand("untake", "512")),
    ("TAKE", None), ("CANCEL", None), ("OK 512", None), ("YES 4821", None),
    ("take 4821", None), ("ok see you soon", None),
])
def test_shift_commands_are_read_with_the_usual_spelling_tolerance(text, command):
    assert parse_shift_text(text) == command
