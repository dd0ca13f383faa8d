"""A person's own data: `FORGET ME` (or `BORRAR`) erases their number and every message of
their conversations, here and at Twilio, with their voicemails and pictures. Cases keep only
what aggregate reports need.

The request is a mark on the person's row, written with the answer that says it *will* be
erased. The erasure job waits until nothing is left to send them, then redacts and deletes
each message at Twilio (pictures first), deletes recordings, and removes the rows; the mark is
cleared last. While it stands, the worker's sweep starts the erasure again, so a Twilio
outage delays it and never cancels it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, update
from sqlmodel import Session, select

from hotline.cases.lifecycle import close_case
from hotline.cases.parties import responder_language, silence
from hotline.cases.work import UnitOfWork
from hotline.dispatch import offers
from hotline.infra import db
from hotline.infra.crypto import phone_hashes
from hotline.infra.models import (
    Case,
    CheckIn,
    InboundMessage,
    OutboundMessage,
    Person,
    Responder,
    VoiceCall,
    utcnow,
)
from hotline.infra.queue import Task, Work
from hotline.infra.twilio_api import (
    TransientTwilioError,
    client_for,
    delete_media,
    delete_message,
    delete_recording,
    redact_message,
)
from hotline.infra.words import say

log = logging.getLogger(__name__)

WAIT_FOR_SENDS = 10  # seconds between looks at the confirmation still being sent


def request(uow: UnitOfWork, person: Person, open_case: Case | None) -> None:
    """Close what is open, confirm, and erase once the confirmation is out."""
    silence(uow.session, person.id)
    if open_case is not None:
        if open_case.status == "active":
            responder = uow.session.get(Responder, open_case.responder_id)
            uow.text(responder.phone, say("person_forgot", responder_language(
                responder), code=open_case.code), purpose="notice", line_id=open_case.line_id,
                case_id=open_case.id, responder_id=responder.id)
        offers.close_offers(uow, open_case)
        close_case(open_case, "forgotten")
    person.erase_requested_at = person.erase_requested_at or utcnow()
    uow.text(person.phone, say("forgotten", person.language), purpose="notice",
             line_id=person.line_id, person_id=person.id)
    uow.later(2, Task.FORGET_PERSON, person.id)


def erase(person_id: int) -> bool:
    """Erase the person's data; False (try again later) while a text to them is still going."""
    with db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.phone == "":
            return True
        hashes = phone_hashes(person.phone)
        case_ids = list(session.exec(select(Case.id).where(Case.person_id == person_id)))
        outbound = or_(OutboundMessage.person_id == person_id,
                       OutboundMessage.to_hash.in_(hashes),
                       OutboundMessage.case_id.in_(case_ids))
        inbound = or_(InboundMessage.from_hash.in_(hashes), InboundMessage.case_id.in_(case_ids))
        sending = session.exec(select(OutboundMessage.id).where(
            outbound, OutboundMessage.status.in_(("queued", "sending")))).first()
        if sending is not None:
            return False
        sids = [s for s in session.exec(select(OutboundMessage.sid).where(outbound)) if s]
        sids += [s for s in session.exec(select(InboundMessage.sid).where(inbound))]
        media = list(session.exec(select(InboundMessage.sid).where(
            inbound, InboundMessage.num_media > 0)))
        recordings = [s for s in session.exec(select(Case.recording_sid).where(
            Case.id.in_(case_ids))) if s]
    _erase_at_twilio(sids, media, recordings)
    with db.transaction() as session:
        session.execute(delete(OutboundMessage).where(outbound))
        session.execute(delete(InboundMessage).where(inbound))
        session.execute(delete(CheckIn).where(CheckIn.person_id == person_id))
        session.execute(update(VoiceCall).where(VoiceCall.person_id == person_id)
                        .values(to_number=""))
        session.execute(update(Case).where(Case.person_id == person_id)
                        .values(recording_sid=None, recording_url=None))
        person = session.get(Person, person_id)
        person.phone, person.phone_hash, person.opted_out = "", f"forgotten-{person_id}", True
        person.erase_requested_at = None
    log.info("person %s forgotten: %d messages erased", person_id, len(sids))
    return True


def _erase_at_twilio(sids: list[str], media: list[str], recordings: list[str]) -> None:
    """Delete recordings and pictures, then redact and delete each message, at Twilio
    (nothing to do in development). A passing failure raises: the erasure is tried again."""
    client = client_for(current_app.config)
    if client is None:
        return
    for sid in recordings:
        delete_recording(client, sid)
    for sid in media:
        if not sid.startswith("SMsim"):
            delete_media(client, sid)
    for sid in sids:
        if sid.startswith("SMsim"):
            continue
        try:
            redact_message(client, sid)
            delete_message(client, sid)
        except TransientTwilioError:
            raise
        except Exception as error:  # e.g. still being delivered: redaction alone must do
            log.warning("message %s not deleted at Twilio: %s", sid, type(error).__name__)


RETRY_AFTER = timedelta(minutes=1)


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Erasures asked for a while ago and not complete: their jobs failed or were lost."""
    waiting = session.exec(select(Person.id).where(
        Person.erase_requested_at.is_not(None),
        Person.erase_requested_at < now - RETRY_AFTER)).all()
    return [Work(Task.FORGET_PERSON, (person_id,)) for person_id in waiting]
