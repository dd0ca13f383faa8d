"""Texts that reached Twilio but not the database, read back from Twilio's own log.

Twilio keeps every text sent to the line's numbers in its Messages list, whatever the
webhook and the fallback answered. So a text is not lost when the fallback parked it in a
Redis that then restarted empty before the database was back, nor when neither the database
nor Redis could take it: the worker reads the list and stores each text the line lacks
(storing is idempotent by MessageSid, so a text already stored is left alone).

The list is read at two moments:
- when Redis has lost what it held (restarted empty or flushed; a key the worker sets, with
  no expiry, is gone): every text of the last AFTER_LOSS, within a sweep of the database
  answering again;
- every RECENT_EVERY in any case, for the last RECENT: this finds a text that neither store
  could take while Redis kept its data (hung, or unreachable).
Each read is done by one worker at a time; until it succeeds (the database or Twilio away)
it is tried again at the next sweep.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlmodel import select

from hotline.infra import db
from hotline.infra.models import InboundMessage, Line, utcnow
from hotline.infra.twilio_api import client_for, recent_messages
from hotline.sms import intake

log = logging.getLogger(__name__)

KEPT_KEY = "hotline:redis-kept"  # set once read back; gone when Redis lost its data
DUE_KEY = "hotline:recovery-due"  # held while a periodic read is not due (or under way)
AFTER_LOSS = timedelta(hours=6)
RECENT = timedelta(minutes=30)
RECENT_EVERY = 300  # seconds


def recover() -> int:
    """Read back from Twilio the texts the line may have lost, when due; how many it stored."""
    redis = current_app.extensions.get("hotline.redis")
    client = client_for(current_app.config)
    if redis is None or client is None:  # development: no Twilio to read back from
        return 0
    lost = not redis.exists(KEPT_KEY)
    if not lost and not redis.set(DUE_KEY, 1, ex=RECENT_EVERY, nx=True):
        return 0
    try:
        stored = store_missing(client, AFTER_LOSS if lost else RECENT)
    except Exception:
        redis.delete(DUE_KEY)  # not done: the next sweep tries again
        raise
    redis.set(KEPT_KEY, 1)
    if stored:
        log.warning("stored %d texts found only at Twilio (%s)", stored,
                    "Redis had lost its data" if lost else "periodic check")
    return stored


def store_missing(client, window: timedelta) -> int:
    """Store every text to the line's numbers in Twilio's list for `window` that the line
    has not stored; how many were new. The line's own sids are read in one query a page, so
    a long window costs little when nothing is missing."""
    since = utcnow() - window
    with db.transaction() as session:
        numbers = list(session.exec(select(Line.number)))
    stored = 0
    for number in numbers:
        page: list = []
        for found in recent_messages(client, since=since, to=number, page_size=PAGE):
            if found.direction == "inbound":
                page.append(found)
            if len(page) >= PAGE:
                stored += _store_new(page)
                page = []
        stored += _store_new(page)
    return stored


PAGE = 1000


def _store_new(found: list) -> int:
    """Store the texts of `found` the line has not stored; how many."""
    if not found:
        return 0
    with db.transaction() as session:
        known = set(session.exec(select(InboundMessage.sid).where(
            InboundMessage.sid.in_([text.sid for text in found]))))
    stored = 0
    for text in found:
        if text.sid in known:
            continue
        form = {"MessageSid": text.sid, "From": text.from_, "To": text.to,
                "Body": text.body, "NumMedia": str(text.num_media)}
        try:
            if intake.receive(form) is not None:
                stored += 1
        except intake.BadText:
            log.info("a text at Twilio (%s) is not one the line can store", text.sid)
    return stored
