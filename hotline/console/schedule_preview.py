"""The editor's preview: who will be on call in each category over the next 14 days, as
`routing.schedule` works it out (overrides applied, line hours honoured, handoffs on the
wall clock across a change of clocks), with every stretch inside line hours that has
nobody on call marked as a gap."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hotline.console.text import t
from routing.oncall import on_call
from routing.roster import CATEGORIES, Roster
from routing.schedule import stretches

DAYS_AHEAD = 14


def local(moment: datetime, zone: ZoneInfo) -> str:
    """"Thu 26 Nov 17:00 PST": the zone's abbreviation shows which side of a clock change."""
    at = moment.astimezone(zone)
    return f"{t('day_' + str(at.weekday()))} {at:%d} {t('month_' + str(at.month))} " \
           f"{at:%H:%M} {at.tzname()}"


def _hours(start: datetime, end: datetime) -> str:
    hours = (end - start).total_seconds() / 3600
    return t("hours_long", n=f"{hours:g}" if hours == int(hours) else f"{hours:.1f}")


def preview(roster: Roster, now: datetime) -> list[dict]:
    """For each category: its stretches from `now` for 14 days, and the hours left uncovered."""
    zone = ZoneInfo(roster.timezone)
    plain = replace(roster, overrides=())
    end = now + timedelta(days=DAYS_AHEAD)
    shown = []
    for category in CATEGORIES:
        rows, gap = [], timedelta()
        for piece in stretches(roster, category, now, end):
            uncovered = piece.open and not piece.names
            if uncovered:
                gap += piece.end - piece.start
            planned = set(on_call(plain, category, piece.start))
            clocks = piece.start.astimezone(zone).utcoffset() != \
                piece.end.astimezone(zone).utcoffset()
            rows.append({
                "from": local(piece.start, zone), "to": local(piece.end, zone),
                "length": _hours(piece.start, piece.end),
                "names": [{"name": name, "cover": name not in planned} for name in piece.names],
                "state": "gap" if uncovered else ("closed" if not piece.open else "staffed"),
                "clocks": clocks,
            })
        shown.append({"category": category, "label": t("category_" + category), "rows": rows,
                      "gap": _hours(now, now + gap) if gap else ""})
    return shown
