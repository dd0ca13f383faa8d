"""Who is on call over a stretch of time: the shifts of a category, as a person reads a rota.

`oncall.on_call` answers for one instant. Between two instants at which anything changes (a
rotation's handoff, an override beginning or ending, the line opening or closing) the answer
stays the same, so the stretch is cut at those instants and each piece asked once; neighbours
with the same people are joined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from routing.oncall import is_open, on_call
from routing.roster import Roster
from routing.shifts import handoff, require_aware, shift_at, wall_to_instant


@dataclass(frozen=True)
class Stretch:
    """[start, end) in UTC with the same people on call; `open` is False while the line is
    closed (then nobody is on call)."""

    start: datetime
    end: datetime
    names: tuple[str, ...]
    open: bool


def stretches(roster: Roster, category: str, start: datetime, end: datetime) -> list[Stretch]:
    """Who is on call for `category` from `start` to `end` (aware), overrides applied and line
    hours respected, as consecutive stretches covering the whole span."""
    start, end = require_aware(start), require_aware(end)
    cuts = sorted({start, end} | {t for t in _changes(roster, category, start, end)
                                  if start < t < end})
    pieces: list[Stretch] = []
    for begin, finish in zip(cuts, cuts[1:], strict=False):
        names = tuple(on_call(roster, category, begin))
        opened = is_open(roster, begin)
        last = pieces[-1] if pieces else None
        if last and last.names == names and last.open == opened:
            pieces[-1] = Stretch(last.start, finish, names, opened)
        else:
            pieces.append(Stretch(begin, finish, names, opened))
    return pieces


def _changes(roster: Roster, category: str, start: datetime, end: datetime) -> set[datetime]:
    """Instants in or around [start, end) at which who is on call may change."""
    tz = ZoneInfo(roster.timezone)
    found: set[datetime] = set()
    names = set()
    for rotation in roster.rotations:
        if rotation.category != category:
            continue
        names.add(rotation.name)
        shift = shift_at(rotation, tz, start)
        k = shift.index + 1 if shift else 0
        while (moment := handoff(rotation, tz, k)) < end:
            found.add(moment)
            k += 1
    for override in roster.overrides:
        if override.rotation in names:
            found |= {wall_to_instant(override.start, tz), wall_to_instant(override.end, tz)}
    day = start.astimezone(tz).date() - timedelta(days=1)
    while day <= end.astimezone(tz).date():
        for window in roster.hours:
            for clock in (window.start, window.end):
                found.add(wall_to_instant(datetime.combine(day, clock), tz))
        day += timedelta(days=1)
    return found
