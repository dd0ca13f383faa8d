"""How shift texts say when: "Fri Dec 4, 20:00–08:00" in the line's timezone and the reader's
language; the one way the line texts its coordinators, and a responder about a cover request."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hotline.cases import rosters
from hotline.cases.parties import responder_language
from hotline.cases.work import UnitOfWork
from hotline.infra.models import Line, Responder
from hotline.infra.shift_records import CoverRequest
from hotline.infra.words import category_name, say
from routing.roster import Roster


def day(moment: datetime, lang: str) -> str:
    """A day as a shift text names it: "Fri Dec 4" or "vie 4 dic"."""
    name = say("shift_days", lang).split()[moment.weekday()]
    month = say("shift_months", lang).split()[moment.month - 1]
    return f"{name} {moment.day} {month}" if lang == "es" else f"{name} {month} {moment.day}"


def span(start: datetime, end: datetime, tz: ZoneInfo, lang: str) -> str:
    """[start, end) on the line's clock: "Fri Dec 4, 20:00–08:00" (the comma keeps a date and
    a time from reading as one long number); the end's day is named too
    unless it is plain that the span ends the next morning (or the same day)."""
    first, last = start.astimezone(tz), end.astimezone(tz)
    days = (last.date() - first.date()).days
    if days > 1 or (days == 1 and last.time() >= first.time()):
        return f"{day(first, lang)}, {first:%H:%M} – {day(last, lang)}, {last:%H:%M}"
    return f"{day(first, lang)}, {first:%H:%M}–{last:%H:%M}"


def zone(roster: Roster) -> ZoneInfo:
    """The line's timezone."""
    return ZoneInfo(roster.timezone)


def tell_coordinators(uow: UnitOfWork, line: Line, roster: Roster, key: str,
                      category: str | None = None, start: datetime | None = None,
                      end: datetime | None = None, **values: object) -> int:
    """Text every coordinator of the line, each in their first language; how many."""
    for coordinator in roster.coordinators:
        lang = coordinator.languages[0]
        extra = dict(values)
        if category is not None:
            extra["category"] = category_name(category, lang)
        if start is not None and end is not None:
            extra["when"] = span(start, end, zone(roster), lang)
        uow.text(coordinator.phone, say(key, lang, **extra), purpose="shift", line_id=line.id)
    return len(roster.coordinators)


def tell(uow: UnitOfWork, responder: Responder, key: str, request: CoverRequest | None = None,
         line: Line | None = None, **values: object) -> None:
    """Text a responder, in their language, about a cover request (its code, need and span
    filled in when given)."""
    lang = responder_language(responder)
    if request is not None:
        values.setdefault("code", request.code)
        values.setdefault("category", category_name(request.category, lang))
        if line is not None:
            values.setdefault("when", span(request.starts_at, request.ends_at,
                                           zone(rosters.roster_of(line)), lang))
    uow.text(responder.phone, say(key, lang, **values), purpose="shift",
             line_id=responder.line_id, responder_id=responder.id)
