"""The records the line keeps: lines and their rosters, people, responders, cases, offers, texts.

Every inbound text is a row before the webhook answers; every outbound text is a row before a
job sends it (an outbox), so a lost job is found again and nothing is lost.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from hotline.infra.crypto import EncryptedJSON, EncryptedText


def utcnow() -> datetime:
    """Now, as an aware UTC datetime (how every timestamp is stored and read back)."""
    return datetime.now(UTC)


class Line(SQLModel, table=True):
    """A Twilio number and the roster that staffs it."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=20)
    name: str = Field(default="", max_length=100)  # as the console shows it; "" for the number
    origin: str | None = Field(default=None, max_length=300)  # where Twilio reached us last
    roster: dict = Field(default_factory=dict, sa_column=Column(EncryptedJSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class Responder(SQLModel, table=True):
    """A community responder on a line's roster, with what dispatch remembers of them."""

    __table_args__ = (UniqueConstraint("line_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True)
    name: str = Field(max_length=200)
    phone: str = Field(sa_column=Column(EncryptedText, nullable=False))
    phone_hash: str = Field(max_length=40, index=True)
    languages: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    taking_offers: bool = True
    opted_out: bool = False  # texted STOP: never texted again until START
    in_roster: bool = True
    last_offered_at: datetime | None = None


class Person(SQLModel, table=True):
    """Someone who texted or called the line."""

    __table_args__ = (UniqueConstraint("line_id", "phone_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True)
    phone: str = Field(sa_column=Column(EncryptedText, nullable=False))
    phone_hash: str = Field(max_length=40)
    language: str = Field(default="en", max_length=2)
    opted_out: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    erase_requested_at: datetime | None = None  # FORGET ME: set until the erasure is complete


class Case(SQLModel, table=True):
    """One person's need, from first text until a responder closes it."""

    __table_args__ = (
        UniqueConstraint("line_id", "open_code"),
        Index("ix_case_person_status", "person_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    code: str = Field(max_length=8)
    channel: str = Field(default="sms", max_length=8)  # sms|voice
    open_code: str | None = Field(default=None, max_length=8)  # unique while open, NULL once closed
    category: str | None = Field(default=None, max_length=32)
    urgent: bool = False
    language: str = Field(default="en", max_length=2)
    status: str = Field(default="triage", max_length=16)  # triage|offering|active|closed
    escalated: bool = False
    menus_sent: int = 0
    responder_id: int | None = Field(default=None, foreign_key="responder.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    accepted_at: datetime | None = None
    closed_at: datetime | None = None
    closed_reason: str | None = Field(default=None, max_length=32)
    followup_of: int | None = Field(default=None, foreign_key="case.id")
    consent: str | None = Field(default=None, max_length=8)  # any|evening|no|unsafe
    consent_asked_at: datetime | None = None
    recording_sid: str | None = Field(default=None, max_length=64)  # a voicemail at Twilio
    recording_url: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))


class Offer(SQLModel, table=True):
    """A case offered to one responder; open until accepted, declined, expired or taken."""

    __table_args__ = (Index("ix_offer_responder_status", "responder_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    responder_id: int = Field(foreign_key="responder.id")
    # open|accepted|declined|expired|taken|closed
    status: str = Field(default="open", max_length=16)
    stage: str = Field(default="on_call", max_length=16)  # on_call|backup|fallback|alert
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime | None = None  # None: an alert that stays open while the case is
    answered_at: datetime | None = None


class InboundMessage(SQLModel, table=True):
    """A text that reached the line, committed before Twilio is answered."""

    __tablename__ = "inbound_message"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int | None = Field(default=None, foreign_key="line.id")
    sid: str = Field(unique=True, max_length=64)
    from_number: str = Field(sa_column=Column(EncryptedText, nullable=False))
    from_hash: str = Field(max_length=40, index=True)
    to_number: str = Field(max_length=32)  # the line's own number
    body: str = Field(default="", sa_column=Column(EncryptedText, nullable=False))
    num_media: int = 0
    received_at: datetime = Field(default_factory=utcnow, index=True)
    purged: bool = False  # body removed after the roster's retention_days
    processed_at: datetime | None = Field(default=None, index=True)
    case_id: int | None = Field(default=None, foreign_key="case.id")


class OutboundMessage(SQLModel, table=True):
    """A text the line will send or sent; the row is written before the job that sends it."""

    __tablename__ = "outbound_message"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id")
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    responder_id: int | None = Field(default=None, foreign_key="responder.id")
    to_number: str = Field(sa_column=Column(EncryptedText, nullable=False))
    to_hash: str = Field(max_length=40, index=True)
    body: str = Field(sa_column=Column(EncryptedText, nullable=False))
    purpose: str = Field(default="relay", max_length=16)
    # queued|sending|sent|delivered|undelivered|failed|refused|cancelled|local
    status: str = Field(default="queued", max_length=16, index=True)
    sid: str | None = Field(default=None, unique=True, max_length=64)
    error_code: int | None = None
    attempts: int = 0
    purged: bool = False  # body removed after the roster's retention_days
    claimed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class VoiceCall(SQLModel, table=True):
    """One call leg: a person calling in, or the line calling a responder or a person."""

    __tablename__ = "voice_call"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id")
    sid: str | None = Field(default=None, unique=True, max_length=64)
    role: str = Field(max_length=16)  # caller|offer|bridge|callback
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    offer_id: int | None = Field(default=None, foreign_key="offer.id", index=True)
    responder_id: int | None = Field(default=None, foreign_key="responder.id")
    person_id: int | None = Field(default=None, foreign_key="person.id")
    to_number: str = Field(default="", sa_column=Column(EncryptedText, nullable=False))
    path: str = Field(default="", max_length=300)  # our TwiML for this leg, from PUBLIC_URL
    # queued|placing|placed|local|ringing|in-progress|completed|busy|no-answer|failed|canceled
    status: str = Field(default="queued", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None


class CheckIn(SQLModel, table=True):
    """A follow-up text a person said was welcome, due at a time inside their window."""

    __tablename__ = "check_in"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id")
    case_id: int = Field(foreign_key="case.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    responder_id: int | None = Field(default=None, foreign_key="responder.id")
    attempt: int = 1
    window: str = Field(max_length=8)  # any|evening
    due_at: datetime = Field(index=True)
    status: str = Field(default="scheduled", max_length=16)  # scheduled|sent|answered|cancelled
    sent_at: datetime | None = None
