"""The queue's jobs: module-level functions taking ids, each safe to run twice.

A job runs inside the current app when there is one (tests, the embedded queue), else inside
an app built from the environment once per worker process (`rq worker` or `hotline worker`).
"""

from __future__ import annotations

import functools
import json
import logging
from datetime import timedelta

from flask import Flask, current_app, has_app_context
from sqlmodel import select

from hotline import (
    checkins,
    dispatcher,
    forgetting,
    inbound,
    outbound,
    phone_calls,
    queue,
    retention,
    rosters,
)
from hotline.models import InboundMessage, Offer, OutboundMessage, utcnow

log = logging.getLogger(__name__)

_worker_app: Flask | None = None


def worker_app() -> Flask:
    """The app a worker process runs jobs in, built once from the environment."""
    global _worker_app
    if _worker_app is None:
        from hotline import create_app

        _worker_app = create_app()
    return _worker_app


def in_app(func):
    """Run the job inside an app context."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return func(*args, **kwargs)
        with worker_app().app_context():
            return func(*args, **kwargs)

    return wrapper


@in_app
def process_inbound(message_id: int) -> None:
    """Act on an inbound text (and any earlier ones from the same phone)."""
    inbound.process(message_id)


@in_app
def drain_intake() -> None:
    """Move every handed-in text onto the queue (where no `hotline worker` forwards them)."""
    queue.forward_intake(process_inbound)


@in_app
def send_message(message_id: int) -> None:
    """Send one outbound text; a passing failure raises so the queue retries it."""
    outbound.deliver(message_id)


@in_app
def expire_offer(offer_id: int) -> None:
    """An offer's timeout: move its case on unless it was answered already."""
    with outbound.unit_of_work() as uow:
        dispatcher.expire(uow, offer_id)


SWEEP_EVERY = 15  # seconds
LATE = timedelta(seconds=20)


@in_app
def sweep() -> dict[str, int]:
    """Find work the queue lost (Redis down or flushed) and enqueue it again."""
    from hotline.db import transaction

    now = utcnow()
    with transaction() as session:
        unprocessed = session.exec(select(InboundMessage.id).where(
            InboundMessage.processed_at.is_(None),
            InboundMessage.received_at < now - LATE)).all()
        unsent = session.exec(select(OutboundMessage.id).where(
            OutboundMessage.status.in_(("queued", "sending")),
            OutboundMessage.created_at < now - LATE)).all()
        overdue = session.exec(select(Offer.id).where(
            Offer.status == "open", Offer.expires_at.is_not(None),
            Offer.expires_at < now - timedelta(seconds=5))).all()
        due = checkins.due_ids(session)
    with transaction() as session:
        rosters.publish_resources(session)
    parked = store_parked_texts()
    if retention.due_today():
        queue.try_enqueue(purge_old_messages)
    for message_id in unprocessed:
        queue.try_enqueue(process_inbound, message_id)
    for message_id in unsent:
        queue.try_enqueue(send_message, message_id, retries=outbound.MAX_ATTEMPTS - 1)
    for offer_id in overdue:
        queue.try_enqueue(expire_offer, offer_id)
    for checkin_id in due:
        queue.try_enqueue(send_checkin, checkin_id)
    found = {"parked": parked, "inbound": len(unprocessed), "outbound": len(unsent),
             "offers": len(overdue), "checkins": len(due)}
    if any(found.values()):
        log.info("sweep re-enqueued %s", found)
    return found


def store_parked_texts() -> int:
    """Store texts the fallback parked in Redis while the database was away."""
    from hotline.webhooks import FALLBACK_KEY

    redis = current_app.extensions.get("hotline.redis")
    if redis is None:
        return 0
    stored = 0
    while (raw := redis.lindex(FALLBACK_KEY, 0)) is not None:
        inbound.receive(json.loads(raw))
        redis.lpop(FALLBACK_KEY)
        stored += 1
    return stored


@in_app
def place_call(call_id: int) -> None:
    """Dial an outbound call leg."""
    phone_calls.place(call_id)


@in_app
def end_call(call_id: int) -> None:
    """Hang up a call leg."""
    phone_calls.hang_up(call_id)


@in_app
def redirect_call(call_id: int, path: str) -> None:
    """Point a live call leg at new TwiML."""
    phone_calls.redirect(call_id, path)


@in_app
def send_checkin(checkin_id: int) -> None:
    """Send a due check-in, if it is still wanted and inside its window."""
    checkins.send(checkin_id)


@in_app
def forget_person(person_id: int, tries: int = 0) -> None:
    """Erase a person who texted FORGET ME, once the confirmation has gone out."""
    if not forgetting.erase(person_id) and tries < 30:
        queue.try_enqueue(forget_person, person_id, tries + 1, delay=forgetting.WAIT_FOR_SENDS)


@in_app
def purge_old_messages() -> int:
    """The daily retention run: bodies older than the roster's retention_days are blanked."""
    return retention.purge()


@in_app
def redact_at_twilio(sids: list[str]) -> None:
    """Blank purged messages' bodies at Twilio."""
    retention.redact(sids)
