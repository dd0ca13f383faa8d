"""What the Now page shows for a line: open or closed, who is on call in each category with
the next handoff, the backup list, and the cases in progress, each as code, category,
urgency, language, channel, age and state. Never a phone number, never a message body."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.console.text import t
from hotline.infra.models import Case, Line, Offer, Responder, utcnow
from routing.oncall import is_open, next_opening
from routing.roster import CATEGORIES
from routing.schedule import stretches

LOOK_AHEAD = timedelta(days=2)


def when(moment: datetime | None, zone: ZoneInfo) -> str:
    """A time as a rota reads it: "Fri 20:00"."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    return f"{t('day_' + str(local.weekday()))} {local:%H:%M}"


def age(seconds: float) -> str:
    seconds = int(max(0, seconds))
    if seconds < 60:
        return t("age_seconds", n=seconds)
    if seconds < 3600:
        return t("age_minutes", n=seconds // 60)
    return t("age_hours", h=seconds // 3600, m=seconds % 3600 // 60)


def on_call(line: Line, now: datetime) -> list[dict]:
    """Each category: who is on call now, and when and to whom it next hands off."""
    roster = rosters.roster_of(line)
    zone = ZoneInfo(roster.timezone)
    rows = []
    for category in CATEGORIES:
        pieces = stretches(roster, category, now, now + LOOK_AHEAD)
        current = pieces[0] if pieces else None
        upcoming = pieces[1] if len(pieces) > 1 else None
        rows.append({
            "category": t("category_" + category),
            "names": list(current.names) if current else [],
            "handoff": when(upcoming.start, zone) if upcoming else "",
            "next": list(upcoming.names) if upcoming else [],
        })
    return rows


def state(session: Session, case: Case, names: dict[int, str], now: datetime) -> str:
    """A case's state in a few words: "offering to Ben, 40 s left", "with Ana"."""
    if case.status == "triage":
        return t("state_menu") if case.menus_sent else t("state_reading")
    if case.status == "active":
        return t("state_with", name=names.get(case.responder_id, "?"))
    waiting = session.exec(select(Offer).where(
        Offer.case_id == case.id, Offer.status == "open",
        Offer.expires_at.is_not(None))).all()
    if waiting:
        left = max(0, int(min((o.expires_at - now).total_seconds() for o in waiting)))
        if len(waiting) == 1:
            return t("state_offering", name=names.get(waiting[0].responder_id, "?"), s=left)
        return t("state_offering_many", n=len(waiting), s=left)
    return t("state_escalated") if case.escalated else t("state_finding")


def cases(session: Session, line: Line, now: datetime) -> list[dict]:
    """The line's open cases, oldest first."""
    names = {r.id: r.name.split()[0] for r in session.exec(
        select(Responder).where(Responder.line_id == line.id))}
    found = session.exec(select(Case).where(Case.line_id == line.id, Case.status != "closed")
                         .order_by(Case.created_at)).all()
    return [{
        "id": case.id,
        "code": case.code,
        "category": t("category_" + (case.category or "unknown")),
        "urgent": case.urgent,
        "urgency": t("urgent") if case.urgent else t("not_urgent"),
        "language": t("language_" + case.language),
        "channel": t("channel_" + case.channel),
        "age": age((now - case.created_at).total_seconds()),
        "state": state(session, case, names, now),
        "can_offer_again": case.status == "offering",
        "can_make_urgent": not case.urgent,
    } for case in found]


def board(session: Session, line: Line) -> dict:
    """Everything the Now page shows, as plain values (the page and its JSON alike)."""
    now = utcnow()
    roster = rosters.roster_of(line)
    zone = ZoneInfo(roster.timezone)
    opened = is_open(roster, now)
    return {
        "line": line.id,
        "timezone": roster.timezone,
        "open": opened,
        "status": t("line_open") if opened else t(
            "line_closed_until", when=when(next_opening(roster, now), zone)),
        "on_call": on_call(line, now),
        "backup": list(roster.backup),
        "cases": cases(session, line, now),
        "updated": when(now, zone) + now.astimezone(zone).strftime(":%S"),
    }
