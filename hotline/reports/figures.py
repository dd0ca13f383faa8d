"""A line's figures over a span of days, read from its records: counts of contacts and of what
became of them, times to first offer and to acceptance, check-ins, and each responder's offers.

A contact is a case (a conversation by text, or a call) opened in the span, in the line's own
timezone; everything else counts what became of those cases. Only categories, languages,
channels, times and outcomes are read: never a number, never the words of a message.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.infra.models import Case, CheckIn, Line, Offer, Responder
from hotline.reports.privacy import Breakdown, Count, protect
from routing.roster import CATEGORIES

LANGUAGES = ("en", "es")
CHANNELS = ("sms", "voice")
CONSENTS = ("any", "evening", "no", "unsafe")
MAX_DAYS = 366
#: The time-to-answer chart's bars: label, from (s), to (s).
WAITS = (("<1 min", 0, 60), ("1-2 min", 60, 120), ("2-5 min", 120, 300),
         ("5-10 min", 300, 600), ("10-30 min", 600, 1800), ("30+ min", 1800, math.inf))


@dataclass
class Times:
    """How long something took, over the cases it happened to (shown from 5 cases up)."""

    cases: Count
    median: float | None = None
    p90: float | None = None


@dataclass
class Report:
    """Everything the page and the CSV show, already protected."""

    first: date
    last: date
    timezone: str
    contacts: Count
    by_day: dict[date, Count]
    by_hour: dict[int, Count]
    by_category: dict[str, Count]
    by_language: dict[str, Count]
    by_channel: dict[str, Count]
    outcomes: dict[str, Count]  # answered, escalated, resources_only, abandoned
    to_first_offer: Times
    to_acceptance: Times
    consent: dict[str, Count]  # asked, then each answer and no_answer
    checkins: dict[str, Count]  # sent, replied
    responders: dict[str, dict[str, Count]] = field(default_factory=dict)
    to_answer: dict[str, Count] = field(default_factory=dict)  # answered cases by wait


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between the closest ranks (as spreadsheets and numpy do)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def times(seconds: list[float]) -> Times:
    """The median and 90th percentile, or only "<5" cases when there are too few."""
    found = Times(Count(len(seconds)))
    if len(seconds) >= 5:
        found.median, found.p90 = percentile(seconds, 0.5), percentile(seconds, 0.9)
    return found


def tally(values: Iterable[Hashable], keys: Iterable[Hashable]) -> dict:
    """A count for each key, in the keys' order (0 for a key never seen)."""
    seen = Counter(values)
    return {key: Count(seen[key]) for key in keys}


def span(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From the first day's midnight to the midnight after the last, in UTC."""
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(last + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def gather(session: Session, line: Line, first: date, last: date) -> Report:
    """The line's report for the days `first` to `last` (inclusive, in its timezone)."""
    zone = ZoneInfo(rosters.roster_of(line).timezone)
    start, end = span(first, last, zone)
    cases = session.exec(select(Case).where(
        Case.line_id == line.id, Case.created_at >= start, Case.created_at < end)).all()
    offers = session.exec(select(Offer).join(Case, Offer.case_id == Case.id).where(
        Case.line_id == line.id, Case.created_at >= start, Case.created_at < end)).all()
    checkins = session.exec(select(CheckIn).join(Case, CheckIn.case_id == Case.id).where(
        Case.line_id == line.id, Case.created_at >= start, Case.created_at < end)).all()
    names = {r.id: r.name for r in session.exec(
        select(Responder).where(Responder.line_id == line.id))}

    total = Count(len(cases))
    local = {case.id: aware(case.created_at).astimezone(zone) for case in cases}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    by_day = tally((local[c.id].date() for c in cases), days)
    by_hour = tally((local[c.id].hour for c in cases), range(24))
    by_category = tally((c.category or "unknown" for c in cases), (*CATEGORIES, "unknown"))
    by_language = tally((c.language for c in cases), LANGUAGES)
    by_channel = tally((c.channel for c in cases), CHANNELS)

    answered = [c for c in cases if c.accepted_at is not None]
    abandoned = [c for c in cases if c.channel == "voice" and c.closed_reason == "abandoned"]
    resources_only = [c for c in cases if c.status == "closed" and c.accepted_at is None
                      and c.closed_reason != "abandoned"]
    outcomes = {
        "answered": Count(len(answered)),
        "escalated": Count(sum(1 for c in cases if c.escalated)),
        "resources_only": Count(len(resources_only)),
        "abandoned": Count(len(abandoned)),
    }

    first_offer: dict[int, datetime] = {}
    for offer in offers:
        made = aware(offer.created_at)
        if offer.case_id not in first_offer or made < first_offer[offer.case_id]:
            first_offer[offer.case_id] = made
    created = {c.id: aware(c.created_at) for c in cases}
    to_first_offer = times([(made - created[case_id]).total_seconds()
                            for case_id, made in first_offer.items()])
    to_acceptance = times([(aware(c.accepted_at) - created[c.id]).total_seconds()
                           for c in answered])

    report = Report(first, last, str(zone), total, by_day, by_hour, by_category, by_language,
                    by_channel, outcomes, to_first_offer, to_acceptance, consent(cases),
                    checkins_of(checkins), by_responder(offers, names))
    waits = [(aware(c.accepted_at) - created[c.id]).total_seconds() for c in answered]
    report.to_answer = {label: Count(sum(1 for w in waits if low <= w < high))
                        for label, low, high in WAITS}
    protect(breakdowns(report))
    return report


def consent(cases: list[Case]) -> dict[str, Count]:
    """How many were asked about a check-in, and each answer."""
    asked = [c for c in cases if c.consent_asked_at is not None]
    found = {"asked": Count(len(asked))}
    for key in CONSENTS:
        found[key] = Count(sum(1 for c in asked if c.consent == key))
    found["no_answer"] = Count(sum(1 for c in asked if c.consent not in CONSENTS))
    return found


def checkins_of(checkins: list[CheckIn]) -> dict[str, Count]:
    """How many people were sent a check-in, and how many of them replied."""
    sent = {ci.case_id for ci in checkins if ci.sent_at is not None}
    replied = {ci.case_id for ci in checkins if ci.status == "answered"}
    return {"sent": Count(len(sent)), "replied": Count(len(replied & sent))}


def by_responder(offers: list[Offer], names: dict[int, str]) -> dict[str, dict[str, Count]]:
    """Each responder offered a case, by name: offers, accepted, declined, missed."""
    found: dict[str, dict[str, Count]] = {}
    for responder_id in sorted({o.responder_id for o in offers},
                               key=lambda r: names.get(r, "")):
        own = [o for o in offers if o.responder_id == responder_id]
        found[names.get(responder_id, "?")] = {
            "offers": Count(len(own)),
            "accepted": Count(sum(1 for o in own if o.status == "accepted")),
            "declined": Count(sum(1 for o in own if o.status == "declined")),
            "missed": Count(sum(1 for o in own if o.status == "expired")),
        }
    return found


def rest(total: Count, *parts: Count) -> Count:
    """The unseen count that makes `parts` add up to `total`."""
    return Count(total.value - sum(p.value for p in parts), shown=False)


def breakdowns(report: Report) -> list[Breakdown]:
    """Every set of counts a reader knows to add up to a total."""
    total = report.contacts
    found = [Breakdown(total, list(group.values())) for group in (
        report.by_day, report.by_hour, report.by_category, report.by_language,
        report.by_channel)]
    for key in ("answered", "escalated", "resources_only"):
        part = report.outcomes[key]
        found.append(Breakdown(total, [part, rest(total, part)]))
    voice = report.by_channel["voice"]
    found.append(Breakdown(voice, [report.outcomes["abandoned"],
                                   rest(voice, report.outcomes["abandoned"])]))
    asked = report.consent["asked"]
    found.append(Breakdown(total, [asked, rest(total, asked)]))
    found.append(Breakdown(asked, [report.consent[k] for k in (*CONSENTS, "no_answer")]))
    sent, replied = report.checkins["sent"], report.checkins["replied"]
    found.append(Breakdown(sent, [replied, rest(sent, replied)]))
    offered = report.to_first_offer.cases
    found.append(Breakdown(total, [offered, rest(total, offered)]))
    report.to_acceptance.cases = report.outcomes["answered"]  # the same cases, one count
    found.append(Breakdown(report.outcomes["answered"], list(report.to_answer.values())))
    rows = report.responders.values()
    for row in rows:
        parts = [row["accepted"], row["declined"], row["missed"]]
        found.append(Breakdown(row["offers"], [*parts, rest(row["offers"], *parts)]))
    if rows:
        accepted = [row["accepted"] for row in rows]
        answered = report.outcomes["answered"]
        if sum(a.value for a in accepted) != answered.value:  # a case given back and retaken
            accepted.append(rest(answered, *accepted))
        found.append(Breakdown(answered, accepted))
    return found
