"""The parties to a case: the person (found or made from a phone number) and the responders,
what language each reads, and silencing everything still waiting to go to a person.
"""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlmodel import Session, select

from hotline.infra import db
from hotline.infra.crypto import phone_hashes
from hotline.infra.models import Case, CheckIn, OutboundMessage, Person, Responder, utcnow


def person_for(session: Session, line_id: int, phone: str) -> Person:
    """The person with this phone on the line (made on first contact), locked."""
    hashes = phone_hashes(phone)
    mine = {"line_id": line_id, "hashes": hashes}
    person = session.exec(_PERSON, params=mine).first()
    if person is None:  # first contact: made here, and held until this transaction ends
        person = db.insert_returning(session, Person, line_id=line_id, phone=phone,
                                     phone_hash=hashes[0], language="en", opted_out=False,
                                     created_at=utcnow())
    if person is None:  # another worker made them a moment ago
        person = session.exec(_PERSON, params=mine).one()
    return person


_PERSON = (select(Person)
           .where(Person.line_id == bindparam("line_id"),
                  Person.phone_hash.in_(bindparam("hashes", expanding=True)))
           .order_by(Person.id).limit(1).with_for_update(key_share=True)
           .execution_options(populate_existing=True))


def responder_language(responder: Responder) -> str:
    """The language a responder reads the line's texts in."""
    return (responder.languages or ["en"])[0]


def active_cases(session: Session, responder: Responder) -> list[Case]:
    """The cases a responder is helping with now, oldest first."""
    return list(session.exec(
        select(Case).where(Case.responder_id == responder.id, Case.status == "active")
        .order_by(Case.accepted_at)))


def cancel_pending(session: Session, person_id: int) -> int:
    """Cancel every text still waiting to go to a person that was never tried; returns how
    many. One tried before without a recorded answer may be at Twilio already: it stays
    queued, and its next turn sees the opt-out, looks for it in Twilio's Messages list and
    records it there, or gives it up as cancelled, without sending it."""
    return session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.person_id == person_id)
        .where(OutboundMessage.status == "queued")
        .where(OutboundMessage.attempts == 0)
        .values(status="cancelled")
    ).rowcount


def cancel_checkins(session: Session, person_id: int) -> int:
    """Cancel every check-in still waiting for this person; returns how many."""
    return session.execute(
        update(CheckIn).where(CheckIn.person_id == person_id, CheckIn.status == "scheduled")
        .values(status="cancelled")).rowcount


def silence(session: Session, person_id: int) -> None:
    """Nothing more goes to this person: queued texts and scheduled check-ins are cancelled."""
    cancel_pending(session, person_id)
    cancel_checkins(session, person_id)
