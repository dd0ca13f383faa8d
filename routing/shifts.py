"""Rotation shifts: when each shift of a rotation begins and ends, and who it puts on call.

Handoffs follow GoAlert's rules (CONTRACT §5): shift k begins at the wall-clock time `start`
advanced by k shifts, in the roster's timezone. So a daily shift at 20:00 stays at 20:00 and lasts
23 or 25 hours across a DST change. A handoff in a skipped hour happens at the first instant after
the gap, an ambiguous one at its first occurrence. zoneinfo alone maps a skipped wall time to an
instant *inside* daylight time (02:30 PST is 03:30 PDT), so `wall_to_instant` finds gaps itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from routing.roster import Rotation

_PERIOD = {"hourly": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True)
class Shift:
    """One turn of a rotation: [start, end) in UTC, with the members on call in it."""

    index: int
    start: datetime
    end: datetime
    members: tuple[str, ...]


def wall_to_instant(wall: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant a naive wall-clock time names: its first occurrence, or the end of a gap."""
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _local(first, tz) == wall:
        return first
    # Skipped by a gap. With fold=1 zoneinfo uses the offset after the gap, which lands before it;
    # with fold=0 the offset before the gap, which lands after. The gap's end lies in between.
    ends = (wall.replace(tzinfo=tz, fold=1).timestamp(), first.timestamp())
    before, after = int(min(ends)), int(max(ends))
    while after - before > 1:
        middle = (before + after) // 2
        if _local(datetime.fromtimestamp(middle, UTC), tz) >= wall:
            after = middle
        else:
            before = middle
    return datetime.fromtimestamp(after, UTC)


def handoff(rotation: Rotation, tz: ZoneInfo, k: int) -> datetime:
    """The UTC instant shift k of the rotation begins."""
    return wall_to_instant(rotation.start + k * _step(rotation), tz)


def shift_at(rotation: Rotation, tz: ZoneInfo, at: datetime) -> Shift | None:
    """The rotation's shift in effect at `at` (aware), or None before the rotation starts."""
    at = require_aware(at)
    if at < handoff(rotation, tz, 0):
        return None
    # Shift k begins the first time the wall clock reads start + k steps, so the wall-clock time
    # at `at` never points past the shift in effect. It can point one short, when the clocks have
    # gone back, and it points before a shift that a skipped hour left empty: step forward.
    k = max(0, (_local(at, tz) - rotation.start) // _step(rotation))
    while handoff(rotation, tz, k + 1) <= at:
        k += 1
    return Shift(
        index=k,
        start=handoff(rotation, tz, k),
        end=handoff(rotation, tz, k + 1),
        members=members_of_shift(rotation, k),
    )


def members_of_shift(rotation: Rotation, k: int) -> tuple[str, ...]:
    """The members shift k puts on call: k*per_shift onwards, wrapping around the list."""
    first = k * rotation.per_shift
    count = len(rotation.members)
    return tuple(rotation.members[(first + i) % count] for i in range(rotation.per_shift))


def require_aware(at: datetime) -> datetime:
    """`at` itself, after checking it names an instant (has a timezone)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {at.isoformat()}")
    return at


def _step(rotation: Rotation) -> timedelta:
    return rotation.shift_length * _PERIOD[rotation.every]


def _local(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)
