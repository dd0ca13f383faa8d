"""Calendar feeds: a secret URL per responder (their shifts as worked, overrides applied) and
one per line (the whole team), 90 days ahead. Events are marked free (TRANSP:TRANSPARENT) so a
calendar does not block whole days. Only a SHA-256 hash of each token is kept; revoking a
feed makes its URL answer 404 at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.infra.models import Line, Responder, utcnow
from hotline.infra.shift_records import CalendarFeed
from hotline.infra.words import category_name
from routing import shift_plan

PATH = "/calendar/{token}.ics"


def token_hash(token: str) -> str:
    """How a feed token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, line: Line, responder: Responder | None = None) -> str:
    """A new feed token for a responder (or the whole line); shown once, stored hashed."""
    token = secrets.token_urlsafe(32)
    session.add(CalendarFeed(line_id=line.id, responder_id=responder.id if responder else None,
                             token_hash=token_hash(token)))
    session.flush()
    return token


def revoke(session: Session, line: Line, responder: Responder | None = None) -> int:
    """Revoke every live feed of a responder (or the line's team feeds); how many."""
    owner = (CalendarFeed.responder_id == responder.id if responder
             else CalendarFeed.responder_id.is_(None))
    feeds = session.exec(select(CalendarFeed).where(
        CalendarFeed.line_id == line.id, CalendarFeed.revoked_at.is_(None), owner)).all()
    for feed in feeds:
        feed.revoked_at = utcnow()
    return len(feeds)


def render(session: Session, token: str, now: datetime | None = None) -> bytes | None:
    """The calendar a token opens, or None for a token unknown or revoked."""
    feed = session.exec(select(CalendarFeed).where(
        CalendarFeed.token_hash == token_hash(token or ""),
        CalendarFeed.revoked_at.is_(None))).one_or_none()
    if feed is None:
        return None
    line = session.get(Line, feed.line_id)
    responder = session.get(Responder, feed.responder_id) if feed.responder_id else None
    if responder is not None and not responder.in_roster:
        return None
    return calendar(line, responder, now or utcnow())


def calendar(line: Line, responder: Responder | None, now: datetime) -> bytes:
    """The iCalendar text of the turns on call from a day ago to FEED_DAYS ahead."""
    roster = rosters.roster_of(line)
    start = now.replace(minute=0, second=0, microsecond=0) - timedelta(days=1)
    turns = shift_plan.turns(roster, start, now + timedelta(days=shift_plan.FEED_DAYS),
                             responder.name if responder else None)
    cal = Calendar()
    cal.add("prodid", "-//crisis line//shifts//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "My shifts" if responder else "Team shifts")
    for turn in turns:
        event = Event()
        what = category_name(turn.category)
        event.add("uid", _uid(line, turn))
        event.add("dtstamp", now)
        event.add("dtstart", turn.start)
        event.add("dtend", turn.end)
        event.add("summary", f"On call: {what}" if responder else f"{turn.name}: {what}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _uid(line: Line, turn: shift_plan.Turn) -> str:
    who = hashlib.sha256(f"{line.id}:{turn.name}".encode()).hexdigest()[:12]
    return f"{turn.category}-{who}-{turn.start:%Y%m%dT%H%M%SZ}@line-{line.id}"
