"""A roster's week as shifts: what `hotline oncall --week` shows a coordinator."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from routing.roster import parse_roster
from routing.schedule import stretches

LA = ZoneInfo("America/Los_Angeles")


def _roster(**changes):
    doc = {
        "timezone": "America/Los_Angeles",
        "responders": [{"name": n, "phone": f"+1510555010{i}", "languages": ["en"]}
                       for i, n in enumerate(["Ana", "Ben", "Cy"], 1)],
        "rotations": [{"name": "Nights", "category": "mental_health", "every": "daily",
                       "start": "2026-10-26T20:00", "members": ["Ana", "Ben"]}],
    }
    doc.update(changes)
    return parse_roster(doc)


def _rows(roster, wall: str, days: int = 7):
    start = datetime.fromisoformat(wall).replace(tzinfo=LA)
    return [(f"{s.start.astimezone(LA):%a %H:%M}", (s.end - s.start) / timedelta(hours=1),
             s.names, s.open)
            for s in stretches(roster, "mental_health", start, start + timedelta(days=days))]


def test_daily_shifts_hand_off_at_the_same_wall_clock_time_and_one_lasts_25_hours():
    rows = _rows(_roster(), "2026-10-30T20:00", days=3)

    assert rows == [
        ("Fri 20:00", 24.0, ("Ana",), True),
        ("Sat 20:00", 25.0, ("Ben",), True),  # the clocks go back on Sunday 1 November
        ("Sun 20:00", 24.0, ("Ana",), True),
    ]


def test_the_week_starts_at_the_time_asked_and_joins_shifts_with_the_same_people():
    roster = _roster(rotations=[{"name": "Nights", "category": "mental_health",
                                 "every": "daily", "per_shift": 2, "start": "2026-10-26T20:00",
                                 "members": ["Ana", "Ben"]}])

    assert _rows(roster, "2026-11-23T10:00") == [("Mon 10:00", 168.0, ("Ana", "Ben"), True)]


def test_an_override_and_closed_hours_cut_the_shifts():
    roster = _roster(
        hours=[{"days": ["fri"], "from": "20:00", "to": "08:00"}],
        overrides=[{"rotation": "Nights", "responder": "Cy", "from": "2026-11-27T22:00",
                    "to": "2026-11-28T01:00"}],
    )

    assert _rows(roster, "2026-11-27T12:00", days=1) == [
        ("Fri 12:00", 8.0, (), False),
        ("Fri 20:00", 2.0, ("Ana",), True),
        ("Fri 22:00", 3.0, ("Ana", "Cy"), True),
        ("Sat 01:00", 7.0, ("Ana",), True),
        ("Sat 08:00", 4.0, (), False),
    ]


def test_before_a_rotation_starts_nobody_is_on_call():
    assert _rows(_roster(), "2026-10-25T20:00", days=2) == [
        ("Sun 20:00", 24.0, (), True),
        ("Mon 20:00", 24.0, ("Ana",), True),
    ]
