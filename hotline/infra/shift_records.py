"""The records that keep a line's shifts looked after: reminders and their answers, cover
requests, and calendar feeds.

PostgreSQL is the record of this scheduled work: a reminder is a row before any job sends it,
so the sweep finds what the queue lost. Feed tokens are kept only as SHA-256 hashes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from hotline.infra.models import utcnow


class ShiftReminder(SQLModel, table=True):
    """One responder's turn on call, from being planned to being confirmed (or handed on)."""

    __tablename__ = "shift_reminder"
    __table_args__ = (
        UniqueConstraint("line_id", "responder_id", "category", "starts_at"),
        Index("ix_shift_reminder_status_remind_at", "status", "remind_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True)
    responder_id: int = Field(foreign_key="responder.id")
    category: str = Field(max_length=32)
    starts_at: datetime
    ends_at: datetime
    remind_at: datetime  # when the reminder is due
    alert_at: datetime  # still unconfirmed then: the coordinators are told
    # planned|sent|confirmed|covering|gone (the shift changed or the responder left)
    status: str = Field(default="planned", max_length=16)
    sent_at: datetime | None = None
    confirmed_at: datetime | None = None
    alerted_at: datetime | None = None


class CoverRequest(SQLModel, table=True):
    """A responder asking someone to take (a span of) their shift; the first TAKE wins."""

    __tablename__ = "cover_request"
    __table_args__ = (UniqueConstraint("line_id", "open_code"),)

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True)
    code: str = Field(max_length=8)
    open_code: str | None = Field(default=None, max_length=8)  # unique while open or taken
    requester_id: int = Field(foreign_key="responder.id")
    taker_id: int | None = Field(default=None, foreign_key="responder.id")
    reminder_id: int | None = Field(default=None, foreign_key="shift_reminder.id")
    rotation: str = Field(max_length=200)
    category: str = Field(max_length=32)
    starts_at: datetime
    ends_at: datetime
    status: str = Field(default="open", max_length=16, index=True)  # open|taken|cancelled
    alert_at: datetime  # still open then: the coordinators are told
    alerted_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    taken_at: datetime | None = None


class CalendarFeed(SQLModel, table=True):
    """A secret calendar URL: one responder's shifts, or (no responder) the whole line's."""

    __tablename__ = "calendar_feed"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="line.id", index=True)
    responder_id: int | None = Field(default=None, foreign_key="responder.id")
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
