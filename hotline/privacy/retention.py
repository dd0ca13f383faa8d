"""Retention: message bodies are purged after the roster's `retention_days` (default 30),
here and at Twilio, once a day. Cases keep only what aggregate reports need (category,
urgency, language, times, outcome), never words.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from flask import current_app
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.infra import db, queue
from hotline.infra.models import InboundMessage, Line, OutboundMessage, utcnow
from hotline.infra.queue import Task, Work
from hotline.infra.twilio_api import client_for, redact_message

log = logging.getLogger(__name__)

DAY = 86400
LOCK = "hotline:retention-ran"
_last_run = {"at": 0.0}  # the embedded queue's memory of the last run


def purge() -> int:
    """Blank every body older than its line's retention; returns how many were purged."""
    sids: list[str] = []
    with db.transaction() as session:
        for line in session.exec(select(Line)).all():
            cutoff = utcnow() - timedelta(days=rosters.roster_of(line).retention_days)
            old_in = select(InboundMessage).where(
                InboundMessage.line_id == line.id, InboundMessage.purged == False,  # noqa: E712
                InboundMessage.received_at < cutoff)
            old_out = select(OutboundMessage).where(
                OutboundMessage.line_id == line.id, OutboundMessage.purged == False,  # noqa: E712
                OutboundMessage.created_at < cutoff,
                OutboundMessage.status.not_in(("queued", "sending")))
            for message in [*session.exec(old_in), *session.exec(old_out)]:
                message.body, message.purged = "", True
                if message.sid:
                    sids.append(message.sid)
    if sids:
        for start in range(0, len(sids), 100):
            queue.try_enqueue(Task.REDACT_AT_TWILIO, sids[start:start + 100], retries=3)
        log.info("retention: %d message bodies purged", len(sids))
    return len(sids)


def redact(sids: list[str]) -> None:
    """Blank these messages' bodies at Twilio too."""
    client = client_for(current_app.config)
    if client is None:
        return
    for sid in sids:
        try:
            redact_message(client, sid)
        except Exception as error:
            log.warning("message %s not redacted at Twilio: %s", sid, type(error).__name__)


def due_today() -> bool:
    """True once a day across every worker (a Redis key), or once a day in this process."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is not None:
        return bool(redis.set(LOCK, "1", nx=True, ex=DAY))
    if time.monotonic() - _last_run["at"] < DAY and _last_run["at"]:
        return False
    _last_run["at"] = time.monotonic()
    return True


def lost_work(session: Session, now: datetime) -> list[Work]:
    """The daily purge, once a day across every worker."""
    return [Work(Task.PURGE_OLD_MESSAGES, (), 0)] if due_today() else []
