"""Who is on call: rotations, overrides and the line's hours, put together at one instant.

Dispatch asks this before offering a case (CONTRACT §8), and `hotline oncall` prints it (§6).
Every wall-clock time in the roster is read in the roster's timezone with the rotation rules of
`routing.shifts`, so hours windows and overrides begin and end by the same rule as shifts do.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from routing.roster import DAYS, Override, Roster
from routing.shifts import Shift, handoff, require_aware, shift_at, wall_to_instant

__all__ = [
    "Shift",
    "handoff",
    "is_open",
    "next_opening",
    "on_call",
    "shift_at",
    "wall_to_instant",
]

_DAY = timedelta(days=1)


def is_open(roster: Roster, at: datetime) -> bool:
    """Whether the line is staffed at `at` (aware); a roster without hours is always open."""
    at = require_aware(at)
    if not roster.hours:
        return True
    tz = ZoneInfo(roster.timezone)
    today = at.astimezone(tz).date()
    # A window that began yesterday may run past midnight; one more day each side covers a
    # change of clocks across midnight.
    windows = _windows(roster, tz, today - 2 * _DAY, today + _DAY)
    return any(start <= at < end for start, end in windows)


def next_opening(roster: Roster, at: datetime) -> datetime | None:
    """The next instant (UTC) the line opens after `at`; None if it is open now or always open."""
    if is_open(roster, at):
        return None
    tz = ZoneInfo(roster.timezone)
    today = at.astimezone(tz).date()
    windows = _windows(roster, tz, today - _DAY, today + 8 * _DAY)
    return min((start for start, end in windows if at < start < end), default=None)


def on_call(roster: Roster, category: str, at: datetime) -> list[str]:
    """Names on call for `category` at `at` (aware), overrides applied; [] while the line is closed.

    Rotations of the category come in roster order, each shift's members in shift order, and a
    name on call in two rotations appears once, at its first place.
    """
    if not is_open(roster, at):
        return []
    tz = ZoneInfo(roster.timezone)
    names: list[str] = []
    for rotation in roster.rotations:
        if rotation.category != category:
            continue
        shift = shift_at(rotation, tz, at)
        members = list(shift.members) if shift else []
        for override in roster.overrides:
            if override.rotation == rotation.name and _in_effect(override, tz, at):
                members = _apply(override, members)
        names.extend(members)
    return list(dict.fromkeys(names))


def _in_effect(override: Override, tz: ZoneInfo, at: datetime) -> bool:
    return wall_to_instant(override.start, tz) <= at < wall_to_instant(override.end, tz)


def _apply(override: Override, members: list[str]) -> list[str]:
    """Swap the replaced member for the responder in place, or add the responder at the end."""
    if override.replaces is None:
        return [*members, override.responder]
    return [override.responder if name == override.replaces else name for name in members]


def _windows(
    roster: Roster, tz: ZoneInfo, first: date, last: date
) -> Iterator[tuple[datetime, datetime]]:
    """The hours windows that begin on the days from `first` to `last`, as UTC [start, end)."""
    day = first
    while day <= last:
        for window in roster.hours:
            if DAYS[day.weekday()] not in window.days:
                continue
            end_day = day + _DAY if window.end <= window.start else day
            yield (
                wall_to_instant(datetime.combine(day, window.start), tz),
                wall_to_instant(datetime.combine(end_day, window.end), tz),
            )
        day += _DAY
