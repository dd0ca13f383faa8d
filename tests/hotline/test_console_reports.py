"""Reports: a month of cases, offers and check-ins seeded through the models, read back on the
report page and in its CSV. Every figure matches one computed here from the seed itself; every
count of people under 5 reads "<5"; no hidden count can be worked out from its breakdown's
total; and neither shows a number or a message."""

from __future__ import annotations

import csv
import io
import random
import re
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from hotline.infra import crypto
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Case, CheckIn, Line, Offer, Person, Responder
from tests.hotline.console_client import HTML, join
from tests.hotline.line import ANA, BEN, CY, DEE

ZONE = ZoneInfo("America/Los_Angeles")
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
PERSON = "+15555550188"
WORDS = "please help me tonight"
CATEGORIES = ("mental_health", "substance_use", "safety_planning", "unknown")


@dataclass
class Seeded:
    """One case as seeded: what the test knows without asking the app."""

    at: datetime  # local
    category: str
    language: str
    channel: str
    first_offer: float | None = None  # seconds after opening
    accepted: float | None = None
    escalated: bool = False
    closed: str | None = None
    consent: str | None = None
    asked: bool = False
    checkin_sent: bool = False
    replied: bool = False
    offers: list[tuple[str, str]] = field(default_factory=list)  # (responder, status)


def seed_month(rng: random.Random, names: list[str]) -> list[Seeded]:
    cases = []
    for n in range(140):
        day = FIRST + timedelta(days=rng.randrange(30))
        hour = rng.choice([1, 2, 9, 12, 14, 17, 18, 19, 20, 20, 21, 21, 22, 23, 23])
        at = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=ZONE)
        category = rng.choices(CATEGORIES, weights=(60, 30, 8, 2))[0]
        case = Seeded(at, category, "es" if n % 47 == 3 else "en",
                      "voice" if n % 9 == 0 else "sms")
        case.first_offer = rng.uniform(2, 40) if category != "unknown" else None
        if case.first_offer is not None:
            taker = rng.random() < 0.75
            for name in rng.sample(names, rng.randrange(1, 4)):
                case.offers.append((name, rng.choice(["declined", "expired", "expired"])))
            if taker:
                case.accepted = case.first_offer + rng.uniform(5, 2400)
                case.offers[-1] = (case.offers[-1][0], "accepted")
                case.closed = "done"
            elif case.channel == "voice" and rng.random() < 0.5:
                case.closed = "abandoned"
            else:
                case.escalated = True
                case.closed = "done" if rng.random() < 0.5 else None
        if case.closed == "done" and case.accepted is not None:
            case.asked = True
            case.consent = rng.choice(["any", "any", "evening", "no", None, None])
            if case.consent in ("any", "evening"):
                case.checkin_sent = rng.random() < 0.8
                case.replied = case.checkin_sent and rng.random() < 0.4
        cases.append(case)
    # Just outside the month, on either side: never counted.
    cases.append(Seeded(datetime(2026, 10, 31, 23, 59, tzinfo=ZONE), "mental_health", "en",
                        "sms"))
    cases.append(Seeded(datetime(2026, 12, 1, 0, 0, tzinfo=ZONE), "mental_health", "en", "sms"))
    return cases


def store(cases: list[Seeded]) -> None:
    with transaction() as session:
        line = session.exec(select(Line)).one()
        ids = {r.name: r.id for r in session.exec(select(Responder))}
        person = Person(line_id=line.id, phone=PERSON, phone_hash=crypto.phone_hash(PERSON))
        session.add(person)
        session.flush()
        for n, seeded in enumerate(cases):
            opened = seeded.at.astimezone(UTC)
            row = Case(line_id=line.id, person_id=person.id, code=f"{1000 + n}",
                       channel=seeded.channel, language=seeded.language,
                       category=None if seeded.category == "unknown" else seeded.category,
                       status="closed" if seeded.closed else (
                           "offering" if seeded.first_offer else "triage"),
                       escalated=seeded.escalated, created_at=opened,
                       closed_reason=seeded.closed,
                       closed_at=opened + timedelta(hours=2) if seeded.closed else None,
                       accepted_at=opened + timedelta(seconds=seeded.accepted)
                       if seeded.accepted is not None else None,
                       consent=seeded.consent,
                       consent_asked_at=opened + timedelta(hours=2) if seeded.asked else None)
            session.add(row)
            session.flush()
            for k, (name, status) in enumerate(seeded.offers):
                session.add(Offer(case_id=row.id, responder_id=ids[name], status=status,
                                  created_at=opened + timedelta(seconds=seeded.first_offer + k)))
            if seeded.checkin_sent:
                session.add(CheckIn(line_id=line.id, case_id=row.id, person_id=person.id,
                                    window=seeded.consent, due_at=opened + timedelta(days=1),
                                    sent_at=opened + timedelta(days=1),
                                    status="answered" if seeded.replied else "sent"))


def expected(cases: list[Seeded]) -> dict[tuple[str, str], int]:
    """Every count of the report, from the seed alone."""
    month = [c for c in cases if FIRST <= c.at.date() <= LAST]
    want: dict[tuple[str, str], int] = {("contacts", "total"): len(month)}
    for n in range((LAST - FIRST).days + 1):
        day = FIRST + timedelta(days=n)
        want["by_day", day.isoformat()] = sum(c.at.date() == day for c in month)
    for hour in range(24):
        want["by_hour", f"{hour:02d}"] = sum(c.at.hour == hour for c in month)
    for key in CATEGORIES:
        want["by_category", key] = sum(c.category == key for c in month)
    for key in ("en", "es"):
        want["by_language", key] = sum(c.language == key for c in month)
    for key in ("sms", "voice"):
        want["by_channel", key] = sum(c.channel == key for c in month)
    want["outcome", "answered"] = sum(c.accepted is not None for c in month)
    want["outcome", "escalated"] = sum(c.escalated for c in month)
    want["outcome", "resources_only"] = sum(
        c.closed not in (None, "abandoned") and c.accepted is None for c in month)
    want["outcome", "abandoned"] = sum(c.closed == "abandoned" for c in month)
    want["consent", "asked"] = sum(c.asked for c in month)
    for key in ("any", "evening", "no", "unsafe"):
        want["consent", key] = sum(c.asked and c.consent == key for c in month)
    want["consent", "no_answer"] = sum(c.asked and c.consent is None for c in month)
    want["checkins", "sent"] = sum(c.checkin_sent for c in month)
    want["checkins", "replied"] = sum(c.replied for c in month)
    for name in {n for c in month for n, _ in c.offers}:
        mine = [s for c in month for n, s in c.offers if n == name]
        want["responder_offers", name] = len(mine)
        want["responder_accepted", name] = mine.count("accepted")
        want["responder_declined", name] = mine.count("declined")
        want["responder_missed", name] = mine.count("expired")
    return want


def shown_as(value: int, text: str) -> bool:
    """A count of people shows as itself, as "<5" when under 5, or as "5+" (hidden to keep a
    smaller one hidden)."""
    return text == "<5" if value < 5 else text in (str(value), "5+")


def hidden_sum_is_ambiguous(total: int, parts: dict[str, str], values: dict[str, int]) -> bool:
    """From a breakdown's shown total and counts, no "<5" can be worked out by subtraction:
    either nothing small is hidden, or the hidden counts include one of 5 or more."""
    hidden = [k for k, text in parts.items() if text in ("<5", "5+")]
    small = [k for k in hidden if values[k] < 5]
    if not small:
        return True
    if len(hidden) == 1:
        return False
    rest = total - sum(values[k] for k in parts if k not in hidden)
    return any(parts[k] == "5+" for k in hidden) or rest != 4 * len(hidden)


def coordinator(app):
    client = app.test_client()
    join(client, "coord@example.org", "coordinator")
    client.get("/console/recovery-codes", headers=HTML)
    return client


def test_a_seeded_month_reads_back_exactly_with_small_counts_hidden(app, line):
    line.load()
    with transaction() as session:
        names = sorted(r.name for r in session.exec(select(Responder)))
        line_id = session.exec(select(Line)).one().id
    cases = seed_month(random.Random(16), names)
    store(cases)
    client = coordinator(app)

    answer = client.get(f"/console/lines/{line_id}/reports.csv?from={FIRST}&to={LAST}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    with transaction() as session:  # the figures left the console: who took them, and which
        [exported] = session.exec(select(AuditEntry).where(
            AuditEntry.kind == "report_exported")).all()
    assert (exported.actor, exported.line_id) == ("coord@example.org", line_id)
    assert (exported.detail["first"], exported.detail["last"]) == (str(FIRST), str(LAST))
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == ["section", "item", "value"]
    got = {(section, item): value for section, item, value in rows[1:]}

    want = expected(cases)
    assert want["contacts", "total"] == 140
    for key, value in want.items():
        assert shown_as(value, got[key]), (key, value, got[key])
    assert sum(text == "<5" for text in got.values()) >= 10  # the seed has many small counts
    # Spanish: 3 contacts, hidden; English then must be hidden too, or 140 - en gives it away.
    assert got["by_language", "es"] == "<5" and got["by_language", "en"] == "5+"
    assert got["contacts", "total"] == "140"
    # No breakdown lets a hidden count be recovered from its total.
    for section in ("by_day", "by_hour", "by_category", "by_language", "by_channel"):
        parts = {item: v for (s, item), v in got.items() if s == section}
        values = {item: want[section, item] for item in parts}
        assert hidden_sum_is_ambiguous(140, parts, values), section
    for key in ("answered", "escalated", "resources_only"):
        count = want["outcome", key]
        assert got["outcome", key] != "<5" or 140 - count >= 5
    for name in names:
        if ("responder_offers", name) in want and want["responder_accepted", name] >= 5:
            assert got["responder_accepted", name] in (str(want["responder_accepted", name]),
                                                       "5+")

    month = [c for c in cases if FIRST <= c.at.date() <= LAST]
    firsts = [c.first_offer for c in month if c.first_offer is not None]
    accepts = [c.accepted for c in month if c.accepted is not None]
    for section, values in (("time_to_first_offer", firsts), ("time_to_acceptance", accepts)):
        assert got[section, "median_seconds"] == str(round(statistics.median(values)))
        p90 = statistics.quantiles(values, n=10, method="inclusive")[8]
        assert got[section, "p90_seconds"] == str(round(p90))

    page = client.get(f"/console/lines/{line_id}/reports?from={FIRST}&to={LAST}",
                      headers=HTML)
    assert page.status_code == 200
    assert 'id="contacts-total">140<' in page.text
    es_row = re.search(r"<th scope=\"row\">Spanish</th><td>([^<]+)</td>", page.text)
    assert es_row.group(1) == "&lt;5"
    assert page.text.count("<svg") == 2 and "<title id=\"by-hour-t\">" in page.text
    assert "<script" not in page.text.split("</head>")[1]
    median = round(statistics.median(accepts))
    assert f"{median // 60} min" in page.text
    flat = re.sub(r"\D", "", page.text + answer.text)
    for number in (PERSON, ANA, BEN, CY, DEE):
        assert re.sub(r"\D", "", number)[-7:] not in flat
    assert WORDS not in page.text


def test_reports_are_for_the_line_s_coordinators_and_bad_dates_are_explained(app, line):
    line.load()
    with transaction() as session:
        line_id = session.exec(select(Line)).one().id
    responder = app.test_client()
    join(responder, "resp@example.org", "responder")
    assert responder.get(f"/console/lines/{line_id}/reports", headers=HTML).status_code == 403
    assert responder.get(f"/console/lines/{line_id}/reports.csv").status_code == 403
    assert app.test_client().get(f"/console/lines/{line_id}/reports.csv").status_code == 401

    client = coordinator(app)
    page = client.get(f"/console/lines/{line_id}/reports?from=2026-12-01&to=2026-11-01",
                      headers=HTML)
    assert page.status_code == 400 and "no later than the end" in page.text
    assert client.get(f"/console/lines/{line_id}/reports.csv?from=tomorrow").status_code == 400
    empty = client.get(f"/console/lines/{line_id}/reports", headers=HTML)
    assert empty.status_code == 200 and 'id="contacts-total">&lt;5<' in empty.text
    assert client.get(f"/console/lines/{line_id + 1}/reports", headers=HTML).status_code == 403
