"""A responder's own view: their roster entries on every line (found through the entry their
account was linked to, by phone, which is never shown), their shifts for the next 14 days as
the routing engine computes them, overrides and line hours included, each with the form to
ask for cover, and their cover requests still open or taken."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from hotline.cases import rosters
from hotline.console import shift_cover
from hotline.infra.accounts import Account
from hotline.infra.models import Line, Responder
from hotline.shifts import asking, cover

DAYS = asking.DAYS


def entries(session: Session, account: Account) -> list[Responder]:
    """The account's roster entries on every line; none if it is linked to no responder."""
    if account.responder_id is None:
        return []
    linked = session.get(Responder, account.responder_id)
    return rosters.same_person(session, linked) if linked is not None else []


def owns(session: Session, account: Account, responder_id: int) -> Responder | None:
    """The roster entry, if it is the account's own."""
    return next((r for r in entries(session, account) if r.id == responder_id), None)


def view(session: Session, account: Account, now: datetime) -> list[dict]:
    """For each line the account is on: the line, their entry, their shifts and their cover
    requests."""
    rows = []
    for responder in entries(session, account):
        line = session.get(Line, responder.line_id)
        requests = cover.current(session, line.id, now, [responder.id])
        rows.append({"line": line, "label": rosters.line_label(line),
                     "timezone": rosters.roster_of(line).timezone, "responder": responder,
                     "shifts": shift_cover.turn_rows(line, responder, now),
                     "requests": shift_cover.request_rows(session, line, requests)})
    return rows
