"""Outbound texts: written as rows by a unit of work, sent through Twilio by a job after it.

`deliver` claims its row before calling Twilio, so a job that runs twice sends once; a row
left `queued` or `sending` (Redis lost the job) is found again by `lost_work`. A row claimed
again with no sid after an earlier attempt (the worker died between Twilio's answer and the
row's update, or the answer never came) is first looked for in Twilio's Messages list: found
there, its sid is recorded and it is not sent a second time.

A time-bound text goes with a ValidityPeriod, so Twilio drops it rather than deliver it late:
an offer lives no longer than the offer, a "taken" notice a few minutes. One whose time ran
out before it could be sent is not sent (`expired`). When Twilio reports 30001 (it dropped a
text it could not send in time, or its queue overflowed), a text that is not time-bound is
sent again after a backoff.

A bulk text (a check-in) is handed to Twilio only when its number's queue there is empty, else
held until its turn (`infra.pacing`), so urgent texts never wait behind a batch at Twilio.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import or_, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from hotline.cases.work import SEND_ATTEMPTS
from hotline.infra import db, pacing, queue
from hotline.infra.models import Line, Offer, OutboundMessage, Person, utcnow
from hotline.infra.queue import BULK_PURPOSES, Work, send_task
from hotline.infra.twilio_api import (
    QUEUE_OVERFLOW,
    TransientTwilioError,
    client_for,
    mask_phone,
    recent_messages,
    send_sms,
)

log = logging.getLogger(__name__)

# A claim this old is another worker's to take. The one who claimed it would be waiting on
# Twilio at most the client's timeout (10 s); past that it died, and the next worker finds
# out from Twilio's Messages list whether its text went before sending it.
CLAIM_SECONDS = 30
FINAL = ("sent", "delivered", "undelivered", "failed", "refused", "cancelled", "expired",
         "local", "read")
TAKEN_LIFE = 300  # seconds a "taken" notice is worth sending at all
TIME_BOUND = ("offer", "taken")
OVERFLOW_BACKOFF = 30  # seconds before the first send again after 30001; doubles each time
MAX_BACKOFF = 900
STATUS_RANK = {"queued": 0, "sending": 1, "accepted": 1, "sent": 2, "delivered": 3, "read": 4}


def _claim(session: Session, message_id: int) -> OutboundMessage | None:
    """Take the row for sending, unless it is sent, refused, or another job holds it."""
    now = utcnow()
    stale = now - timedelta(seconds=CLAIM_SECONDS)
    return session.execute(  # the claimed row comes back with the claim: one round trip
        update(OutboundMessage)
        .where(OutboundMessage.id == message_id)
        .where(or_(OutboundMessage.status == "queued",
                   (OutboundMessage.status == "sending") & (OutboundMessage.claimed_at < stale)))
        .values(status="sending", claimed_at=now, attempts=OutboundMessage.attempts + 1)
        .returning(OutboundMessage)
    ).scalars().first()


def _line_number(session: Session, line_id: int) -> str:
    """The number a line sends from. A line's number never changes, so each app reads it
    once, not once per text."""
    known = current_app.extensions.setdefault("hotline.line_numbers", {})
    if line_id not in known:
        known[line_id] = session.get(Line, line_id).number
    return known[line_id]


def deliver(message_id: int) -> None:
    """Send one queued text through Twilio (or keep it locally in development)."""
    config = current_app.config
    with db.transaction() as session:
        message = _claim(session, message_id)
        if message is None:
            return
        person = session.get(Person, message.person_id) if message.person_id else None
        from_number = _line_number(session, message.line_id)
        validity = lifetime(session, message)
        stop = ("cancelled" if person is not None and person.opted_out
                else "expired" if validity is not None and validity < 1 else None)
        # An earlier attempt with no answer recorded may have reached Twilio: it is looked
        # for below before the text is given up, so the record never misses a text Twilio has.
        unsure = message.attempts > 1 and message.sid is None
        if stop and not unsure:
            _give_up(message, stop)
            return
        wait = 0.0
        if not stop:
            sender = config.get("TWILIO_MESSAGING_SERVICE_SID") or from_number
            wait = pacing.turn(sender, message.body, bulk=message.purpose in BULK_PURPOSES)
        if wait > 0:  # held, as claimed until its turn, so no sweep sends it sooner
            message.attempts -= 1
            message.claimed_at = utcnow() - timedelta(seconds=CLAIM_SECONDS - wait)
    if wait > 0:
        log.info("message %s (%s) waits %.0fs for its turn at Twilio", message_id,
                 message.purpose, wait)
        queue.try_enqueue(send_task(message.purpose), message_id, delay=wait,
                          retries=SEND_ATTEMPTS - 1)
        return
    if stop:
        client = client_for(config)
        service = config.get("TWILIO_MESSAGING_SERVICE_SID")
        try:
            sid = (_already_at_twilio(client, message, from_number, service)
                   if client is not None else None)
        except TransientTwilioError:
            sid = None  # Twilio unreachable: the row says what the line knows
        if sid is not None:
            _record_sent(message_id, status="sent", sid=sid, sent_at=utcnow())
        else:
            with db.transaction() as session:
                _give_up(session.get(OutboundMessage, message_id), stop)
        return
    client = client_for(config)
    if client is None:  # development: delivered locally, shown on the simulator
        _finish(message_id, status="local")
        return
    callback = f"{config['PUBLIC_URL']}/twilio/sms/status" if config.get("PUBLIC_URL") else None
    service = config.get("TWILIO_MESSAGING_SERVICE_SID")
    try:
        if message.attempts > 1 and message.sid is None:
            sid = _already_at_twilio(client, message, from_number, service)
            if sid is not None:
                _record_sent(message_id, status="sent", sid=sid, sent_at=utcnow())
                log.warning("message %s was already at Twilio (%s): recorded, not sent again",
                            message_id, sid)
                return
        result = send_sms(client, to=message.to_number, from_=from_number, body=message.body,
                          status_callback=callback, validity=validity,
                          messaging_service_sid=service)
    except TransientTwilioError:
        attempts = message.attempts
        final = attempts >= SEND_ATTEMPTS
        _finish(message_id, status="failed" if final else "queued", claimed_at=None)
        log.warning("send %s to %s failed (attempt %d)", message_id,
                    mask_phone(message.to_number), attempts)
        if not final:
            raise
        return
    if result.ok:
        _record_sent(message_id, status="sent", sid=result.sid, sent_at=utcnow())
        return
    _record_sent(message_id, status="refused", error_code=result.error_code)
    log.warning("Twilio refused message %s to %s: %s", message_id,
                mask_phone(message.to_number), result.error_code)
    if result.error_code == 21610 and message.person_id:
        with db.transaction() as session:
            session.get(Person, message.person_id).opted_out = True


def _give_up(message: OutboundMessage, status: str) -> None:
    """Not sent: the person opted out (`cancelled`), or its time ran out (`expired`)."""
    message.status = status
    if status == "expired":
        log.info("message %s (%s) not sent: its time ran out", message.id, message.purpose)


FOUND_SLACK = timedelta(minutes=5)  # clocks of the line and Twilio may differ this much


def _already_at_twilio(client, message: OutboundMessage, from_number: str,
                       service: str | None) -> str | None:
    """The sid of this text if an earlier attempt reached Twilio after all, else None.

    An attempt that ended without a recorded sid (the worker died, or the answer never came)
    may have been accepted. Twilio's Messages list to the same number since the row was
    written is read for an outbound text with the same sender (or Messaging Service) and
    body whose sid the line has not recorded for another row: that one is this text. One
    Twilio failed or could not deliver does not count: the text is sent again.
    """
    created = message.created_at
    since = (created if created.tzinfo else created.replace(tzinfo=UTC)) - FOUND_SLACK
    candidates = [
        found for found in recent_messages(client, since=since, to=message.to_number,
                                           from_=None if service else from_number)
        if found.direction.startswith("outbound") and found.body == message.body
        and found.status not in ("failed", "undelivered")  # dropped: it must go again
        and (found.messaging_service_sid == service if service else True)]
    if not candidates:
        return None
    with db.transaction() as session:
        recorded = set(session.exec(select(OutboundMessage.sid).where(
            OutboundMessage.sid.in_([found.sid for found in candidates]))))
    unrecorded = [found.sid for found in candidates if found.sid not in recorded]
    return unrecorded[-1] if unrecorded else None  # the oldest: the first attempt


def lifetime(session: Session, message: OutboundMessage) -> int | None:
    """Whole seconds a time-bound text is still worth delivering (0 or less: too late), or
    None for a text that is worth delivering whenever it arrives."""
    now = utcnow()
    if message.purpose == "taken":
        return math.floor(TAKEN_LIFE - (now - message.created_at).total_seconds())
    if message.purpose != "offer" or message.responder_id is None:
        return None
    expires_at = session.exec(
        select(Offer.expires_at).where(Offer.case_id == message.case_id,
                                       Offer.responder_id == message.responder_id,
                                       Offer.expires_at.is_not(None))
        .order_by(Offer.id.desc()).limit(1)).first()
    if expires_at is None:
        return None
    return math.floor((expires_at - now).total_seconds())


RECORD_FOR = 60  # seconds a send Twilio took is retried into its row


def _record_sent(message_id: int, **values) -> None:
    """Record what Twilio did with a text, retrying while the database is away: a row left
    `sending` is claimed again once stale, and looked for at Twilio before it is sent."""
    deadline, pause = time.monotonic() + RECORD_FOR, 0.5
    while True:
        try:
            _finish(message_id, **values)
            return
        except OperationalError as error:
            if time.monotonic() > deadline:
                raise
            log.warning("message %s sent, not yet recorded (%s); trying again",
                        message_id, type(error).__name__)
            time.sleep(pause)
            pause = min(pause * 2, 5)


def _finish(message_id: int, **values) -> None:
    table = OutboundMessage.__table__  # a plain UPDATE: no session objects to keep in step
    with db.transaction() as session:
        session.execute(update(table).where(table.c.id == message_id).values(**values))


def record_status(sid: str, status: str, error_code: int | None) -> None:
    """Record a status callback; a status never moves back (delivered stays delivered)."""
    with db.transaction() as session:
        message = session.exec(
            select(OutboundMessage).where(OutboundMessage.sid == sid)
            .with_for_update(key_share=True)
        ).one_or_none()
        if message is None:
            return
        if message.status in ("sending", "queued"):  # to go again (after 30001, or after
            return  # a refused retry): news of the try before must not take its next try
        if STATUS_RANK.get(status, 5) < STATUS_RANK.get(message.status, 5):
            return  # an unranked status (failed, undelivered) is final too
        message.status = status[:16]
        if error_code:
            message.error_code = error_code
        again = _overflowed(message, status, error_code)
    if again is not None:
        queue.try_enqueue(send_task(again[1]), again[0], delay=_backoff(again[2]))


def _backoff(attempts: int) -> float:
    return min(OVERFLOW_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def _overflowed(message: OutboundMessage, status: str,
                error_code: int | None) -> tuple[int, str, int] | None:
    """A text Twilio dropped with 30001 that is worth sending again: held as claimed until its
    backoff ends (so no sweep sends it sooner); (id, purpose, attempts). A time-bound one
    stays failed: by now it would arrive too late."""
    if error_code != QUEUE_OVERFLOW or status not in ("failed", "undelivered"):
        return None
    if message.purpose in TIME_BOUND or message.attempts >= SEND_ATTEMPTS:
        return None
    backoff = _backoff(message.attempts)
    message.status = "sending"  # claimed, and stale (claimable) once the backoff ends
    message.claimed_at = utcnow() - timedelta(seconds=CLAIM_SECONDS - backoff + 1)
    log.warning("message %s dropped by Twilio (30001); sending again in %ds", message.id,
                backoff)
    return message.id, message.purpose, message.attempts


LATE = timedelta(seconds=20)


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Texts decided but not sent a while later: their jobs were lost."""
    unsent = session.exec(select(OutboundMessage.id, OutboundMessage.purpose).where(
        OutboundMessage.status.in_(("queued", "sending")),
        OutboundMessage.created_at < now - LATE)).all()
    return [Work(send_task(purpose), (message_id,), SEND_ATTEMPTS - 1)
            for message_id, purpose in unsent]
