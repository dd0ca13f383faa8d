"""Retention: after the roster's `retention_days` (default 30), once a day, message bodies
are purged here and at Twilio, voicemail recordings and pictures are deleted at Twilio, and
the phone numbers of people with nothing open are cleared. Cases keep only what aggregate
reports need (category, urgency, language, times, outcome), never words or numbers.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, update
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.infra import db, queue
from hotline.infra.models import (
    Case,
    CheckIn,
    InboundMessage,
    Line,
    OutboundMessage,
    Person,
    VoiceCall,
    utcnow,
)
from hotline.infra.queue import Task, Work
from hotline.infra.twilio_api import client_for, delete_media, delete_recording, redact_message

log = logging.getLogger(__name__)

DAY = 86400
LOCK = "hotline:retention-ran"
_last_run = {"at": 0.0}  # the embedded queue's memory of the last run


def purge() -> int:
    """Blank every body older than its line's retention; returns how many were purged."""
    sids: list[str] = []
    recordings: list[str] = []
    media_of: list[str] = []
    with db.transaction() as session:
        for line in session.exec(select(Line)).all():
            cutoff = utcnow() - timedelta(days=rosters.roster_of(line).retention_days)
            recordings += _old_recordings(session, line, cutoff)
            media_of += _old_media(session, line, cutoff)
            _forget_numbers(session, line, cutoff)
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
    for start in range(0, max(len(recordings), len(media_of)), 100):
        queue.try_enqueue(Task.DELETE_AT_TWILIO, recordings[start:start + 100],
                          media_of[start:start + 100], retries=3)
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


def _old_recordings(session: Session, line: Line, cutoff: datetime) -> list[str]:
    """Voicemails older than the cutoff: forgotten here, their ids kept to delete at Twilio."""
    cases = session.exec(select(Case).where(
        Case.line_id == line.id, Case.created_at < cutoff,
        or_(Case.recording_sid.is_not(None), Case.recording_url.is_not(None)))).all()
    sids = [case.recording_sid for case in cases if case.recording_sid]
    for case in cases:
        case.recording_sid = case.recording_url = None
    return sids


def _old_media(session: Session, line: Line, cutoff: datetime) -> list[str]:
    """Messages older than the cutoff that came with pictures or files, not yet cleared."""
    return list(session.exec(select(InboundMessage.sid).where(
        InboundMessage.line_id == line.id, InboundMessage.received_at < cutoff,
        InboundMessage.num_media > 0, InboundMessage.purged == False)))  # noqa: E712


def _forget_numbers(session: Session, line: Line, cutoff: datetime) -> None:
    """Numbers older than the cutoff: on old messages and call legs, and of people with no
    case open or active since the cutoff and no check-in pending."""
    recent = select(Case.person_id).where(or_(
        Case.status != "closed", Case.created_at >= cutoff, Case.closed_at >= cutoff))
    pending = select(CheckIn.person_id).where(CheckIn.status == "scheduled")
    people = session.exec(select(Person).where(
        Person.line_id == line.id, Person.created_at < cutoff,
        Person.erase_requested_at.is_(None), Person.phone_hash.not_like("%-%"),
        Person.id.not_in(recent), Person.id.not_in(pending))).all()
    for person in people:
        person.phone, person.phone_hash = "", f"retired-{person.id}"
    session.execute(update(InboundMessage).where(
        InboundMessage.line_id == line.id, InboundMessage.received_at < cutoff,
        InboundMessage.processed_at.is_not(None), InboundMessage.from_hash != "")
        .values(from_number="", from_hash=""))
    session.execute(update(OutboundMessage).where(
        OutboundMessage.line_id == line.id, OutboundMessage.created_at < cutoff,
        OutboundMessage.status.not_in(("queued", "sending")), OutboundMessage.to_hash != "")
        .values(to_number="", to_hash=""))
    session.execute(update(VoiceCall).where(
        VoiceCall.line_id == line.id, VoiceCall.created_at < cutoff).values(to_number=""))


def delete_at_twilio(recordings: list[str], media_of: list[str]) -> None:
    """Delete old voicemail recordings, and the pictures of old messages, at Twilio."""
    client = client_for(current_app.config)
    if client is None:
        return
    for sid in recordings:
        try:
            delete_recording(client, sid)
        except Exception as error:
            log.warning("recording %s not deleted at Twilio: %s", sid, type(error).__name__)
    for sid in media_of:
        try:
            delete_media(client, sid)
        except Exception as error:
            log.warning("media of %s not deleted at Twilio: %s", sid, type(error).__name__)


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
