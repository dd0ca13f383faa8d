"""The audit log of the console and the line (a shift covered by text): append-only and
hash-chained. Each entry's hash covers its contents and the hash of the entry before it, so
`verify` finds any entry edited or removed (but the newest, which nothing follows; see
docs/console.md).

No phone number or message text goes in: entries name accounts by email and cases by code,
and any run of seven or more digits is masked before it is written.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from datetime import datetime

from sqlalchemy import or_, text
from sqlmodel import Session, select

from hotline.infra.accounts import Account, AuditEntry
from hotline.infra.models import utcnow

GENESIS = "0" * 64
CLI_ACTOR = "command line"
KINDS = ("sign_in", "sign_in_failed", "sign_in_locked", "sign_out", "session_revoked",
         "invite_created", "invite_accepted", "totp_enrolled", "recovery_code_used",
         "role_changed", "account_deactivated", "case_made_urgent", "case_offered_again",
         "schedule_changed", "line_added", "responder_settings_changed", "demo_account_set",
         "shift_covered", "shift_cover_dropped", "shift_cover_requested",
         "shift_cover_cancelled", "report_exported")
_DIGITS = re.compile(r"\+?(?<!\d)\d(?:[\s().-]*\d){6,}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2})?")  # a day (and hour), not a number
_LOCK = 0x68_6F_74_6C  # "hotl": one advisory lock serialises appends on PostgreSQL


def _mask(found: re.Match) -> str:
    run = found.group()
    return run if _DATE.fullmatch(run) else "…" + re.sub(r"\D", "", run)[-2:]


def _masked(value):
    """Every run of 7 or more digits (a phone number, however written) cut to its last two;
    dates, like a covered shift's start, stay whole."""
    if isinstance(value, str):
        return _DIGITS.sub(_mask, value)
    if isinstance(value, dict):
        return {str(k): _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def digest(prev_hash: str, at: datetime, actor: str, kind: str, subject: str,
           detail: dict) -> str:
    """The hash of one entry, chained to the one before."""
    body = json.dumps([prev_hash, at.isoformat(timespec="microseconds"), actor, kind, subject,
                       detail], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def record(session: Session, actor: str, kind: str, subject: str = "", ip: str | None = None,
           **detail) -> AuditEntry:
    """Append one entry, in the caller's transaction (so it stands or falls with the change)."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    detail = _masked(detail)
    if ip:
        try:
            detail["ip"] = str(ipaddress.ip_address(ip))
        except ValueError:
            pass
    last = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    prev = last.hash if last else GENESIS
    at = utcnow()
    actor, subject = _masked(actor)[:254], _masked(subject)[:254]
    entry = AuditEntry(at=at, actor=actor, kind=kind, subject=subject, detail=detail,
                       line_id=_line_of(detail), prev_hash=prev,
                       hash=digest(prev, at, actor, kind, subject, detail))
    session.add(entry)
    session.flush()
    return entry


def _line_of(detail: dict) -> int | None:
    """The line an entry is about (kept beside it, so entries can be found by line)."""
    line = detail.get("line")
    return line if isinstance(line, int) and not isinstance(line, bool) else None


def verify(session: Session) -> list[str]:
    """Every break in the chain, as a sentence; an empty list when the log is whole."""
    problems, prev, count = [], GENESIS, 0
    after = 0
    while True:
        batch = session.exec(select(AuditEntry).where(AuditEntry.id > after)
                             .order_by(AuditEntry.id).limit(1000)).all()
        if not batch:
            break
        for entry in batch:
            count += 1
            if entry.prev_hash != prev:
                problems.append(f"entry {entry.id}: the entry before it was removed or changed")
            if entry.hash != digest(entry.prev_hash, entry.at, entry.actor, entry.kind,
                                    entry.subject, entry.detail):
                problems.append(f"entry {entry.id}: its contents were changed")
            elif entry.line_id != _line_of(entry.detail):
                problems.append(f"entry {entry.id}: its line was changed")
            prev = entry.hash
        after = batch[-1].id
    return problems


def search(session: Session, actor: str = "", kind: str = "", day_from=None, day_to=None,
           limit: int = 200, lines: list[int] | None = None) -> list[AuditEntry]:
    """The newest entries matching an actor (part of), a kind and a date range (UTC days);
    with `lines`, only those about these lines or by or about an account of one of them."""
    query = select(AuditEntry)
    if lines is not None:
        emails = select(Account.email).where(Account.line_id.in_(lines or [-1]))
        query = query.where(or_(AuditEntry.line_id.in_(lines or [-1]),
                                AuditEntry.actor.in_(emails), AuditEntry.subject.in_(emails)))
    if actor:
        query = query.where(AuditEntry.actor.contains(actor.strip().lower()))
    if kind:
        query = query.where(AuditEntry.kind == kind)
    if day_from:
        query = query.where(AuditEntry.at >= datetime.combine(day_from, datetime.min.time(),
                                                              tzinfo=utcnow().tzinfo))
    if day_to:
        query = query.where(AuditEntry.at < datetime.combine(day_to, datetime.max.time(),
                                                             tzinfo=utcnow().tzinfo))
    return list(session.exec(query.order_by(AuditEntry.id.desc()).limit(limit)))
