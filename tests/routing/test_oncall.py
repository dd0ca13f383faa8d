"""Who is on call when: rotations across DST changes, overrides and the line's hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from routing.oncall import Shift, handoff, is_open, next_opening, on_call, shift_at
from routing.roster import HoursWindow, Override, Roster, Rotation

LA = ZoneInfo("America/Los_Angeles")
ZONES = (
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Sydney",
    "America/Sao_Paulo",  # changed clocks at midnight until 2019
    "America/Santiago",  # still changes clocks at midnight
    "Asia/Kolkata",  # no DST at all
)
HOUR = timedelta(hours=1)
STEP = {"hourly": HOUR, "daily": timedelta(days=1), "weekly": timedelta(days=7)}


def _rotation(
    every: str = "daily",
    start: str = "2026-11-23T20:00",
    members: tuple[str, ...] = ("Ana", "Ben"),
    per_shift: int = 1,
    shift_length: int = 1,
    name: str = "Nights",
    category: str = "mental_health",
) -> Rotation:
    return Rotation(
        name, category, every, shift_length, per_shift, datetime.fromisoformat(start), members
    )


def _roster(
    *rotations: Rotation,
    overrides: tuple[Override, ...] = (),
    hours: tuple[HoursWindow, ...] = (),
    timezone: str = "America/Los_Angeles",
) -> Roster:
    return Roster(timezone, hours, (), (), rotations, overrides, ())


def _la(wall: str, fold: int = 0) -> datetime:
    """An instant given as Los Angeles wall-clock time (existing times only)."""
    return datetime.fromisoformat(wall).replace(tzinfo=LA, fold=fold)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# Shifts and handoffs, by example


@pytest.mark.parametrize(
    ("first_day", "length"),
    [
        ("2026-03-06", 24),
        ("2026-03-07", 23),  # clocks spring forward that night
        ("2026-03-08", 24),
        ("2026-10-31", 25),  # clocks fall back that night
        ("2026-11-01", 24),
    ],
)
def test_a_daily_shift_handing_off_at_eight_pm_lasts_23_or_25_hours_across_dst(
    first_day: str, length: int
) -> None:
    shift = shift_at(_rotation(start="2026-03-01T20:00"), LA, _la(f"{first_day}T21:00"))

    assert shift is not None
    assert shift.start == _la(f"{first_day}T20:00")
    assert shift.end - shift.start == timedelta(hours=length)


def test_a_weekly_shift_across_the_spring_change_is_an_hour_short() -> None:
    shift = shift_at(_rotation("weekly", "2026-03-02T09:00"), LA, _la("2026-03-08T12:00"))

    assert shift == Shift(0, _utc("2026-03-02T17:00"), _utc("2026-03-09T16:00"), ("Ana",))


def test_a_handoff_in_the_skipped_hour_happens_when_the_gap_ends() -> None:
    rotation = _rotation(start="2026-03-01T02:30")

    moment = handoff(rotation, LA, 7)

    assert moment == _utc("2026-03-08T10:00")
    assert moment.astimezone(LA).isoformat() == "2026-03-08T03:00:00-07:00"
    assert handoff(rotation, LA, 8).astimezone(LA).isoformat() == "2026-03-09T02:30:00-07:00"


def test_an_ambiguous_handoff_happens_at_the_first_of_the_two_times() -> None:
    rotation = _rotation(start="2026-10-25T01:30")

    moment = handoff(rotation, LA, 7)

    assert moment.astimezone(LA).isoformat() == "2026-11-01T01:30:00-07:00"
    assert handoff(rotation, LA, 8) - moment == timedelta(hours=25)


def test_during_the_repeated_hour_the_shift_that_began_at_its_first_occurrence_holds() -> None:
    rotation = _rotation("hourly", "2026-11-01T00:00", ("Ana", "Ben", "Cy"))

    first = shift_at(rotation, LA, _la("2026-11-01T01:15", fold=0))
    second = shift_at(rotation, LA, _la("2026-11-01T01:15", fold=1))

    assert first == second
    assert first is not None and first.index == 1 and first.members == ("Ben",)
    assert first.end - first.start == 2 * HOUR


@pytest.mark.parametrize("every", ["hourly", "daily"])
def test_after_the_clocks_go_back_the_shift_begun_at_the_first_occurrence_still_holds(
    every: str,
) -> None:
    rotation = _rotation(every, "2026-10-31T01:30", ("Ana", "Ben", "Cy"))

    shift = shift_at(rotation, LA, _la("2026-11-01T01:15", fold=1))  # 01:15 PST, the second

    assert shift is not None
    assert shift.start.astimezone(LA).isoformat() == "2026-11-01T01:30:00-07:00"


def test_an_hourly_shift_in_the_skipped_hour_is_empty_and_nobody_is_on_call_for_it() -> None:
    rotation = _rotation("hourly", "2026-03-08T00:00", ("Ana", "Ben", "Cy", "Di"))

    before = shift_at(rotation, LA, _la("2026-03-08T01:59"))
    after = shift_at(rotation, LA, _la("2026-03-08T03:00"))

    assert before is not None and (before.index, before.members) == (1, ("Ben",))
    assert after is not None and (after.index, after.members) == (3, ("Di",))
    assert handoff(rotation, LA, 2) == handoff(rotation, LA, 3) == before.end == after.start


@pytest.mark.parametrize(
    ("day", "members"),
    [
        ("2026-11-23", ("Ana", "Ben")),
        ("2026-11-24", ("Cy", "Ana")),
        ("2026-11-25", ("Ben", "Cy")),
        ("2026-11-26", ("Ana", "Ben")),
    ],
)
def test_each_shift_takes_the_next_per_shift_members_wrapping_around(
    day: str, members: tuple[str, ...]
) -> None:
    rotation = _rotation(members=("Ana", "Ben", "Cy"), per_shift=2)

    shift = shift_at(rotation, LA, _la(f"{day}T22:00"))

    assert shift is not None and shift.members == members


@pytest.mark.parametrize(
    ("wall", "index"),
    [("2026-11-23T20:00", 0), ("2026-11-25T19:59", 0), ("2026-11-25T20:00", 1)],
)
def test_a_shift_lasts_shift_length_periods(wall: str, index: int) -> None:
    shift = shift_at(_rotation(shift_length=2), LA, _la(wall))

    assert shift is not None and shift.index == index


def test_before_its_start_a_rotation_has_nobody_on_call() -> None:
    rotation = _rotation()

    assert shift_at(rotation, LA, _la("2026-11-23T19:59")) is None
    assert on_call(_roster(rotation), "mental_health", _la("2026-11-23T19:59")) == []


def test_a_shift_decades_after_the_start_is_found_directly() -> None:
    rotation = _rotation("hourly", "2000-01-01T00:00")

    shift = shift_at(rotation, ZoneInfo("UTC"), _utc("2090-06-01T12:30"))

    assert shift is not None
    assert shift.index == (_utc("2090-06-01T12:00") - _utc("2000-01-01T00:00")) // HOUR


def test_a_time_without_a_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        shift_at(_rotation(), LA, datetime(2026, 11, 24))


# Shifts, as properties


@cache
def _clock_changes(zone: str) -> tuple[date, ...]:
    """The days from 2015 to 2028 on which the zone's clocks changed."""
    tz = ZoneInfo(zone)
    days = [date(2015, 1, 1) + timedelta(days=n) for n in range(14 * 366)]
    offsets = [datetime.combine(day, time(12), tz).utcoffset() for day in days]
    changes = [days[n] for n in range(1, len(days)) if offsets[n] != offsets[n - 1]]
    return tuple(changes) or (date(2021, 3, 28),)


@st.composite
def _rotations_near_a_clock_change(draw: st.DrawFn) -> tuple[Rotation, ZoneInfo, datetime]:
    """A rotation in some zone, and an instant within a few shifts of a change of clocks."""
    zone = draw(st.sampled_from(ZONES))
    every = draw(st.sampled_from(tuple(STEP)))
    length = draw(st.integers(1, 3))
    step = length * STEP[every]
    change = datetime.combine(draw(st.sampled_from(_clock_changes(zone))), time(0))
    start = (
        change - draw(st.integers(0, 30)) * step - draw(st.integers(0, 1440)) * timedelta(minutes=1)
    )
    members = tuple(f"M{n}" for n in range(draw(st.integers(1, 6))))
    per_shift = draw(st.integers(1, len(members)))
    rotation = _rotation(every, start.isoformat(), members, per_shift, length)
    tz = ZoneInfo(zone)
    at = change.replace(tzinfo=tz) + draw(st.integers(-3 * 24 * 60, 3 * 24 * 60)) * timedelta(
        minutes=1
    )
    return rotation, tz, at


@settings(max_examples=150, deadline=None)
@given(_rotations_near_a_clock_change())
def test_consecutive_shifts_tile_time_with_no_gap_or_overlap(
    case: tuple[Rotation, ZoneInfo, datetime],
) -> None:
    rotation, tz, at = case
    shift = shift_at(rotation, tz, at)
    assume(shift is not None)
    assert shift is not None

    following = shift_at(rotation, tz, shift.end)
    assert shift.start <= at < shift.end
    assert following is not None and following.start == shift.end
    assert following.index > shift.index
    if shift.start > handoff(rotation, tz, 0):
        previous = shift_at(rotation, tz, shift.start - timedelta(microseconds=1))
        assert previous is not None and previous.end == shift.start
    step = rotation.shift_length * STEP[rotation.every]
    assert abs(shift.end - shift.start - step) <= HOUR


@settings(max_examples=150, deadline=None)
@given(_rotations_near_a_clock_change(), st.integers(0, 40))
def test_the_shift_at_a_handoff_is_the_shift_that_begins_there(
    case: tuple[Rotation, ZoneInfo, datetime], k: int
) -> None:
    rotation, tz, _ = case
    start, end = handoff(rotation, tz, k), handoff(rotation, tz, k + 1)

    shift = shift_at(rotation, tz, start)

    assert start <= end
    assert shift is not None
    if start < end:
        assert (shift.index, shift.start, shift.end) == (k, start, end)
    else:  # a shift that a skipped hour left empty: the next one begins at the same instant
        assert shift.index > k and shift.start == start


@settings(max_examples=150, deadline=None)
@given(_rotations_near_a_clock_change())
def test_a_started_rotation_always_has_exactly_per_shift_people_on_call(
    case: tuple[Rotation, ZoneInfo, datetime],
) -> None:
    rotation, tz, at = case
    assume(at >= handoff(rotation, tz, 0))

    names = on_call(_roster(rotation, timezone=tz.key), "mental_health", at)

    assert len(names) == rotation.per_shift
    assert set(names) <= set(rotation.members)


# Overrides


_TRIO = _rotation(members=("Ana", "Ben", "Cy"), per_shift=2)
# On call: Nov 25 20:00 Ben and Cy; Nov 26 20:00 Ana and Ben; Nov 27 20:00 Cy and Ana.


def _cover(responder: str, replaces: str | None) -> Override:
    return Override(
        "Nights",
        responder,
        replaces,
        datetime(2026, 11, 26, 20, 0),
        datetime(2026, 11, 27, 8, 0),
    )


@pytest.mark.parametrize(
    ("override", "wall", "expected"),
    [
        (_cover("Di", "Ana"), "2026-11-26T22:00", ["Di", "Ben"]),
        (_cover("Di", "Ben"), "2026-11-26T22:00", ["Ana", "Di"]),
        (_cover("Di", "Cy"), "2026-11-26T22:00", ["Ana", "Ben"]),  # Cy is not on call
        (_cover("Di", None), "2026-11-26T22:00", ["Ana", "Ben", "Di"]),
        (_cover("Ben", None), "2026-11-26T22:00", ["Ana", "Ben"]),
        (_cover("Ben", "Ana"), "2026-11-26T22:00", ["Ben"]),
        (_cover("Di", "Ben"), "2026-11-26T19:59", ["Ben", "Cy"]),
        (_cover("Di", "Ben"), "2026-11-26T20:00", ["Ana", "Di"]),
        (_cover("Di", "Ben"), "2026-11-27T07:59", ["Ana", "Di"]),
        (_cover("Di", "Ben"), "2026-11-27T08:00", ["Ana", "Ben"]),
    ],
)
def test_an_override_swaps_in_or_adds_its_responder_while_it_lasts(
    override: Override, wall: str, expected: list[str]
) -> None:
    roster = _roster(_TRIO, overrides=(override,))

    assert on_call(roster, "mental_health", _la(wall)) == expected


def test_an_override_of_another_rotation_changes_nothing_here() -> None:
    days = _rotation(name="Days", members=("Di",), category="substance_use")
    override = Override("Days", "Eve", "Ana", datetime(2026, 11, 26), datetime(2026, 11, 28))
    roster = _roster(_TRIO, days, overrides=(override,))

    assert on_call(roster, "mental_health", _la("2026-11-26T22:00")) == ["Ana", "Ben"]


def test_an_added_responder_is_on_call_even_before_the_rotation_starts() -> None:
    early = Override("Nights", "Di", None, datetime(2026, 11, 1), datetime(2026, 11, 2))
    roster = _roster(_TRIO, overrides=(early,))

    assert on_call(roster, "mental_health", _la("2026-11-01T12:00")) == ["Di"]


# Rotations together


def test_rotations_of_a_category_come_in_roster_order_each_name_once() -> None:
    roster = _roster(
        _rotation(name="Nights", members=("Ana", "Ben")),
        _rotation(name="Drugs", members=("Cy",), category="substance_use"),
        _rotation(name="Second line", members=("Ana", "Di"), start="2026-11-24T20:00"),
    )
    at = _la("2026-11-24T21:00")  # Nights: Ben; Second line: Ana

    assert on_call(roster, "mental_health", at) == ["Ben", "Ana"]
    assert on_call(roster, "substance_use", at) == ["Cy"]
    assert on_call(roster, "safety_planning", at) == []


# Line hours


_WEEKENDS = (HoursWindow(("fri", "sat"), time(20, 0), time(8, 0)),)


@pytest.mark.parametrize(
    ("wall", "open_"),
    [
        ("2026-11-26T23:00", False),  # Thursday night
        ("2026-11-27T19:59", False),  # Friday, before opening
        ("2026-11-27T20:00", True),
        ("2026-11-28T07:59", True),  # Friday's window, after midnight
        ("2026-11-28T08:00", False),
        ("2026-11-28T21:00", True),  # Saturday's window
        ("2026-11-29T07:59", True),  # Saturday's window, on Sunday morning
        ("2026-11-29T20:00", False),  # no window on Sunday
    ],
)
def test_a_window_past_midnight_keeps_the_line_open_into_the_next_day(
    wall: str, open_: bool
) -> None:
    roster = _roster(_rotation(), hours=_WEEKENDS)

    assert is_open(roster, _la(wall)) is open_
    assert bool(on_call(roster, "mental_health", _la(wall))) is open_


@pytest.mark.parametrize(
    ("window", "wall", "open_"),
    [
        (HoursWindow(("mon",), time(9), time(17)), "2026-11-23T08:59", False),
        (HoursWindow(("mon",), time(9), time(17)), "2026-11-23T09:00", True),
        (HoursWindow(("mon",), time(9), time(17)), "2026-11-23T17:00", False),
        (HoursWindow(("mon",), time(9), time(17)), "2026-11-24T10:00", False),
        (HoursWindow(("mon",), time(0), time(0)), "2026-11-23T23:59", True),
        (HoursWindow(("mon",), time(0), time(0)), "2026-11-24T00:00", False),
        # Closing in the repeated hour: the first 01:30 closes it, the second does not reopen it.
        (HoursWindow(("sat",), time(20), time(1, 30)), "2026-11-01T01:15-07:00", True),
        (HoursWindow(("sat",), time(20), time(1, 30)), "2026-11-01T01:15-08:00", False),
        # Opening in the skipped hour: open once the gap ends.
        (HoursWindow(("sun",), time(2, 30), time(9)), "2026-03-08T01:59-08:00", False),
        (HoursWindow(("sun",), time(2, 30), time(9)), "2026-03-08T03:00-07:00", True),
    ],
)
def test_the_line_is_open_only_inside_its_windows(
    window: HoursWindow, wall: str, open_: bool
) -> None:
    at = datetime.fromisoformat(wall)
    at = at if at.tzinfo else at.replace(tzinfo=LA)

    assert is_open(_roster(hours=(window,)), at) is open_


def test_a_roster_without_hours_is_always_open() -> None:
    roster = _roster(_rotation())

    assert is_open(roster, _la("2026-11-25T03:00"))
    assert next_opening(roster, _la("2026-11-25T03:00")) is None


@pytest.mark.parametrize(
    ("wall", "opening"),
    [
        ("2026-11-27T10:00", "2026-11-27T20:00"),
        ("2026-11-28T08:00", "2026-11-28T20:00"),
        ("2026-11-29T09:00", "2026-12-04T20:00"),
        ("2026-11-27T20:00", None),
        ("2026-11-28T03:00", None),
    ],
)
def test_next_opening_is_when_a_closed_line_next_opens(wall: str, opening: str | None) -> None:
    roster = _roster(hours=_WEEKENDS)

    expected = _la(opening).astimezone(UTC) if opening else None
    assert next_opening(roster, _la(wall)) == expected
