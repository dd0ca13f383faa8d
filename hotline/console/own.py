"""A responder's own view: their roster entries on every line (found through the entry their
account was linked to, by phone, which is never shown), and their shifts for the next 14 days
as the routing engine computes them, overrides and line hours included."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from hotline.cases import rosters
from hotline.console.text import t
from hotline.infra.accounts import Account
from hotline.infra.models import Line, Responder
from routing.roster import CATEGORIES
from routing.schedule import stretches

DAYS = 14


def entries(session: Session, account: Account) -> list[Responder]:
    """The account's roster entries on every line; none if it is linked to no responder."""
    if account.responder_id is None:
        return []
    linked = session.get(Responder, account.responder_id)
    return rosters.same_person(session, linked) if linked is not None else []


def owns(session: Session, account: Account, responder_id: int) -> Responder | None:
    """The roster entry, if it is the account's own."""
    return next((r for r in entries(session, account) if r.id == responder_id), None)


def _moment(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{t('day_' + str(local.weekday()))} {local:%Y-%m-%d %H:%M}"


def shifts(line: Line, name: str, now: datetime) -> list[dict]:
    """Each stretch of the next 14 days in which `name` is on call on this line, by start."""
    roster = rosters.roster_of(line)
    zone = ZoneInfo(roster.timezone)
    found = []
    for category in CATEGORIES:
        for piece in stretches(roster, category, now, now + timedelta(days=DAYS)):
            if piece.open and name in piece.names:
                found.append({"start": piece.start, "category": t("category_" + category),
                              "from": _moment(piece.start, zone),
                              "to": _moment(piece.end, zone)})
    return sorted(found, key=lambda shift: shift["start"])


def view(session: Session, account: Account, now: datetime) -> list[dict]:
    """For each line the account is on: the line, their entry, and their shifts."""
    rows = []
    for responder in entries(session, account):
        line = session.get(Line, responder.line_id)
        rows.append({"line": line, "label": rosters.line_label(line),
                     "timezone": rosters.roster_of(line).timezone, "responder": responder,
                     "shifts": shifts(line, responder.name, now)})
    return rows
