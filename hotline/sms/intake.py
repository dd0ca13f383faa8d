"""Inbound texts: stored at once (the webhook's only work), then acted on by a job.

`receive` commits the text under its unique MessageSid, so Twilio's retries and concurrent
repeats are one row, and enqueues `process`. `process` takes the sender's row lock and acts on
every text of theirs not yet acted on, in the order they arrived, so a person's texts are never
handled twice or out of order, whichever worker runs first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.parties import person_for
from hotline.cases.work import unit_of_work
from hotline.infra import db, handoff
from hotline.infra.crypto import phone_hash, phone_hashes
from hotline.infra.models import InboundMessage, Responder, utcnow
from hotline.infra.queue import Task, Work
from hotline.sms import people, responders

log = logging.getLogger(__name__)

MAX_BODY = 1600  # Twilio delivers at most this many characters in one text
MAX_MEDIA = 10  # and at most this many pictures or files
ANSWERABLE = re.compile(r"\+[1-9]\d{6,14}")  # a phone number a text can go back to (E.164)


class BadText(ValueError):
    """A form that is no text Twilio would send: it is refused (400), nothing is stored."""


def receive(form: Mapping[str, str]) -> int | None:
    """Store one inbound text; returns its id, or None when this MessageSid was seen before."""
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    sender = form.get("From") or ""
    if not sid or not sender:
        raise BadText("MessageSid and From are required")
    if len(sid) > 64 or len(sender) > 32 or not sid.isprintable():
        raise BadText("MessageSid or From is not one Twilio sends")
    values = {
        "sid": sid,
        "from_number": sender,
        "from_hash": phone_hash(sender),
        "to_number": (form.get("To") or "")[:32],
        "body": (form.get("Body") or "")[:MAX_BODY],
        "num_media": min(_int(form.get("NumMedia")), MAX_MEDIA),
        "received_at": utcnow(),
    }
    with db.engine().begin() as connection:
        statement = _STORE[connection.dialect.name == "postgresql"]
        message_id = connection.execute(statement, values).scalar_one_or_none()
    if message_id is not None:
        handoff.hand_in(message_id)
    return message_id


# Built once: the webhook's one statement, insert-unless-this-MessageSid-is-stored.
_STORE = {
    postgres: (insert(InboundMessage.__table__)
               .on_conflict_do_nothing(index_elements=["sid"])
               .returning(InboundMessage.__table__.c.id))
    for postgres, insert in ((True, pg_insert), (False, sqlite_insert))
}


def _int(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def process(message_id: int) -> None:
    """Act on a stored text and any earlier unprocessed ones from the same phone."""
    with unit_of_work() as uow:
        session = uow.session
        message = session.get(InboundMessage, message_id)
        if message is None or message.processed_at is not None:
            return
        if not ANSWERABLE.fullmatch(message.from_number):
            # anonymous, a short code, `client:`: nobody can answer it, so no case is opened
            log.warning("text %s from a sender the line cannot answer: kept, not acted on",
                        message.id)
            message.processed_at = utcnow()
            return
        line = rosters.line_for(session, message.to_number or None)
        responder = rosters.responder_by_phone(session, line, message.from_number)
        if responder is not None:
            party = db.locked(session, Responder, responder.id)
        else:
            party = person_for(session, line.id, message.from_number)
        # Locked, and read afresh (populate_existing): another worker may have acted on one
        # of these texts between the first read above and this lock.
        pending = session.exec(_PENDING, params={
            "hashes": phone_hashes(message.from_number), "upto": message_id}).all()
        for text in pending:
            if text.processed_at is not None:
                continue
            if responder is not None:
                responders.handle(uow, party, text)
            else:
                people.handle(uow, line, party, text)
            text.line_id, text.processed_at = line.id, utcnow()  # one UPDATE, not two
            session.flush()


# Built once: the statements every text runs (building one costs about what running it does).
_PENDING = (select(InboundMessage)
            .where(InboundMessage.from_hash.in_(bindparam("hashes", expanding=True)),
                   InboundMessage.processed_at.is_(None),
                   InboundMessage.id <= bindparam("upto"))
            .order_by(InboundMessage.id).with_for_update(key_share=True)
            .execution_options(populate_existing=True))

LATE = timedelta(seconds=20)


def lost_work(session: Session, now: datetime) -> list[Work]:
    """Texts stored a while ago and not yet acted on: their jobs were lost."""
    unprocessed = session.exec(select(InboundMessage.id).where(
        InboundMessage.processed_at.is_(None),
        InboundMessage.received_at < now - LATE)).all()
    return [Work(Task.PROCESS_INBOUND, (message_id,)) for message_id in unprocessed]
