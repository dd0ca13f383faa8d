"""Outbound texts: written as rows inside the deciding transaction, sent by jobs after it.

`UnitOfWork` is how every service changes the world: state and the texts it causes commit
together, then jobs are enqueued. If Redis is away at that moment the rows wait as `queued`
and the sweep enqueues them again, so a decided text is never lost. `send_message` claims its
row before calling Twilio, so a job that runs twice sends once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, update
from sqlmodel import Session, select

from hotline import db, queue
from hotline.crypto import phone_hash
from hotline.models import OutboundMessage, Person, VoiceCall, utcnow
from hotline.twilio_api import TransientTwilioError, client_for, mask_phone, send_sms

log = logging.getLogger(__name__)

MAX_BODY = 1600  # Twilio's limit for one message
MAX_ATTEMPTS = 6
CLAIM_SECONDS = 120
FINAL = ("sent", "delivered", "undelivered", "failed", "refused", "cancelled", "local", "read")
STATUS_RANK = {"queued": 0, "sending": 1, "accepted": 1, "sent": 2, "delivered": 3, "read": 4}


def split_body(body: str) -> list[str]:
    """Pieces of at most Twilio's length, so a long text passes through whole."""
    if len(body) <= MAX_BODY:
        return [body]
    return [body[i : i + MAX_BODY] for i in range(0, len(body), MAX_BODY)]


@dataclass
class UnitOfWork:
    """One transaction's session plus the texts and timers to start once it commits."""

    session: Session
    line_number: str = ""
    message_ids: list[int] = field(default_factory=list)
    timers: list[tuple[float, Callable, tuple]] = field(default_factory=list)

    def text(self, to_number: str, body: str, *, purpose: str, line_id: int,
             case_id: int | None = None, person_id: int | None = None,
             responder_id: int | None = None) -> None:
        """Queue a text to one phone, sent after the transaction commits."""
        for piece in split_body(body):
            message = OutboundMessage(
                line_id=line_id, case_id=case_id, person_id=person_id,
                responder_id=responder_id, to_number=to_number, to_hash=phone_hash(to_number),
                body=piece, purpose=purpose,
            )
            self.session.add(message)
            self.session.flush()
            self.message_ids.append(message.id)

    def call(self, call: VoiceCall) -> None:
        """Place an outbound call leg after the transaction commits."""
        from hotline.jobs import place_call

        self.session.add(call)
        self.session.flush()
        self.timers.append((0, place_call, (call.id,)))

    def later(self, seconds: float, func: Callable, *args) -> None:
        """Run a job after the transaction commits, `seconds` from now."""
        self.timers.append((seconds, func, args))

    def start_jobs(self) -> None:
        """Enqueue the sends and timers this unit decided (after commit)."""
        from hotline.jobs import send_message

        for message_id in self.message_ids:
            queue.try_enqueue(send_message, message_id, retries=MAX_ATTEMPTS - 1)
        for seconds, func, args in self.timers:
            queue.try_enqueue(func, *args, delay=seconds, retries=3)


class unit_of_work:  # noqa: N801  (used as a context manager, like `open`)
    """`with unit_of_work() as uow:` a transaction whose texts and timers start on commit."""

    def __enter__(self) -> UnitOfWork:
        self._transaction = db.transaction()
        self.uow = UnitOfWork(self._transaction.__enter__())
        return self.uow

    def __exit__(self, *exc_info) -> bool:
        self._transaction.__exit__(*exc_info)
        if exc_info[0] is None:
            self.uow.start_jobs()
        return False


def _claim(session: Session, message_id: int) -> OutboundMessage | None:
    """Take the row for sending, unless it is sent, refused, or another job holds it."""
    now = utcnow()
    stale = now - timedelta(seconds=CLAIM_SECONDS)
    claimed = session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == message_id)
        .where(or_(OutboundMessage.status == "queued",
                   (OutboundMessage.status == "sending") & (OutboundMessage.claimed_at < stale)))
        .values(status="sending", claimed_at=now, attempts=OutboundMessage.attempts + 1)
    ).rowcount
    if not claimed:
        return None
    return session.get(OutboundMessage, message_id)


def deliver(message_id: int) -> None:
    """Send one queued text through Twilio (or keep it locally in development)."""
    config = current_app.config
    with db.transaction() as session:
        message = _claim(session, message_id)
        if message is None:
            return
        person = session.get(Person, message.person_id) if message.person_id else None
        if person is not None and person.opted_out:
            message.status = "cancelled"
            return
        from hotline.models import Line

        from_number = session.get(Line, message.line_id).number
    client = client_for(config)
    if client is None:  # development: delivered locally, shown on the simulator
        _finish(message_id, status="local")
        return
    callback = f"{config['PUBLIC_URL']}/twilio/sms/status" if config.get("PUBLIC_URL") else None
    try:
        result = send_sms(client, to=message.to_number, from_=from_number, body=message.body,
                          status_callback=callback)
    except TransientTwilioError:
        attempts = message.attempts
        final = attempts >= MAX_ATTEMPTS
        _finish(message_id, status="failed" if final else "queued", claimed_at=None)
        log.warning("send %s to %s failed (attempt %d)", message_id,
                    mask_phone(message.to_number), attempts)
        if not final:
            raise
        return
    if result.ok:
        _finish(message_id, status="sent", sid=result.sid, sent_at=utcnow())
        return
    _finish(message_id, status="refused", error_code=result.error_code)
    log.warning("Twilio refused message %s to %s: %s", message_id,
                mask_phone(message.to_number), result.error_code)
    if result.error_code == 21610 and message.person_id:
        with db.transaction() as session:
            session.get(Person, message.person_id).opted_out = True


def _finish(message_id: int, **values) -> None:
    with db.transaction() as session:
        session.execute(
            update(OutboundMessage).where(OutboundMessage.id == message_id).values(**values)
        )


def record_status(sid: str, status: str, error_code: int | None) -> None:
    """Record a status callback; a status never moves back (delivered stays delivered)."""
    with db.transaction() as session:
        message = session.exec(
            select(OutboundMessage).where(OutboundMessage.sid == sid)
            .with_for_update(key_share=True)
        ).one_or_none()
        if message is None:
            return
        if STATUS_RANK.get(status, 5) < STATUS_RANK.get(message.status, 0):
            return
        message.status = status[:16]
        if error_code:
            message.error_code = error_code


def cancel_pending(session: Session, person_id: int) -> int:
    """Cancel every text still waiting to go to a person; returns how many."""
    return session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.person_id == person_id)
        .where(OutboundMessage.status == "queued")
        .values(status="cancelled")
    ).rowcount
