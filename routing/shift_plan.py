"""A responder's shifts as they will really be worked, the gaps between them, and who could
cover one.

Everything here reads the roster through `schedule.stretches`, so overrides and line hours
count exactly as they do for dispatch and `hotline oncall`: a shift in a reminder, a calendar
feed or a cover request is always a stretch during which that person is on call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from routing.oncall import on_call
from routing.roster import CATEGORIES, Roster
from routing.schedule import stretches
from routing.shifts import require_aware, shift_at

GAP_DAYS = 14  # the gap watch looks this far ahead
FEED_DAYS = 90  # a calendar feed shows this far ahead


@dataclass(frozen=True)
class Turn:
    """One person on call for one category from `start` to `end` (UTC), without a break."""

    name: str
    category: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Gap:
    """A stretch inside line hours with nobody on call for `category`."""

    category: str
    start: datetime
    end: datetime


def served(roster: Roster) -> tuple[str, ...]:
    """The categories the line answers: those with a rotation, in the usual order."""
    have = {rotation.category for rotation in roster.rotations}
    return tuple(category for category in CATEGORIES if category in have)


def turns(roster: Roster, start: datetime, end: datetime,
          name: str | None = None) -> list[Turn]:
    """Every turn on call that overlaps [start, end), overrides applied and closed hours left
    out, by start time; only `name`'s turns when a name is given. A turn running past either
    end is cut there."""
    found: list[Turn] = []
    for category in served(roster):
        open_turns: dict[str, Turn] = {}
        for stretch in stretches(roster, category, start, end):
            for person in stretch.names:
                last = open_turns.get(person)
                if last is not None and last.end == stretch.start:
                    open_turns[person] = Turn(person, category, last.start, stretch.end)
                else:
                    if last is not None:
                        found.append(last)
                    open_turns[person] = Turn(person, category, stretch.start, stretch.end)
        found.extend(open_turns.values())
    if name is not None:
        found = [turn for turn in found if turn.name == name]
    return sorted(found, key=lambda t: (t.start, t.category, t.name))


def whole_turns(roster: Roster, start: datetime, end: datetime) -> list[Turn]:
    """The turns that begin in [start, end), each whole (its true end, not cut at `end`)."""
    horizon = end + timedelta(days=8)  # past the longest shift a weekly rotation makes
    return [turn for turn in turns(roster, start - timedelta(seconds=1), horizon)
            if start <= turn.start < end]


def gaps(roster: Roster, start: datetime, end: datetime) -> list[Gap]:
    """Every stretch of [start, end) inside line hours with nobody on call, per category."""
    found = [Gap(category, s.start, s.end) for category in served(roster)
             for s in stretches(roster, category, start, end) if s.open and not s.names]
    return sorted(found, key=lambda g: (g.start, g.category))


def rotation_of(roster: Roster, category: str, name: str, at: datetime) -> str | None:
    """The rotation that puts `name` on call for `category` at `at`, overrides applied."""
    tz = ZoneInfo(roster.timezone)
    for rotation in roster.rotations:
        if rotation.category != category:
            continue
        shift = shift_at(rotation, tz, at)
        if shift and name in shift.members:
            return rotation.name
    for override in roster.overrides:  # someone covering: the rotation they cover in
        if override.responder == name and any(
                r.name == override.rotation and r.category == category for r in roster.rotations):
            return override.rotation
    return None


def cover_candidates(roster: Roster, category: str, start: datetime, end: datetime,
                     requester: str) -> list[str]:
    """Who may be asked to cover [start, end): responders who serve the category and are on
    call for nothing then, those speaking every language of the requester first."""
    start, end = require_aware(start), require_aware(end)
    busy: set[str] = set()
    for other in served(roster):
        for stretch in stretches(roster, other, start, end):
            busy.update(stretch.names)
    asker = roster.responder(requester)
    wanted = set(asker.languages) if asker else set()
    able = [spec for spec in roster.responders
            if spec.name != requester and spec.name not in busy
            and (not spec.categories or category in spec.categories)]
    return [spec.name for spec in sorted(
        able, key=lambda spec: not wanted <= set(spec.languages))]


def on_call_through(roster: Roster, category: str, name: str, start: datetime,
                    end: datetime) -> bool:
    """Whether `name` is on call for `category` at every open moment of [start, end)."""
    return all(name in s.names for s in stretches(roster, category, start, end) if s.open)


def still_on_call(roster: Roster, category: str, name: str, at: datetime) -> bool:
    """Whether `name` is on call for `category` at `at`."""
    return name in on_call(roster, category, at)
