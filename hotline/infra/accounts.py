"""The console's records: accounts, their invitations and recovery codes, and the audit log.

Passwords are Argon2id hashes; invitation tokens and recovery codes are kept only as SHA-256
hashes (they are long random strings); a TOTP secret is encrypted with DATA_KEY. The audit log
is append-only and hash-chained: each entry carries the hash of the one before it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from hotline.infra.crypto import EncryptedText
from hotline.infra.models import utcnow

ROLES = ("responder", "coordinator", "admin")  # each may do what the ones before it may


class Account(SQLModel, table=True):
    """Someone who signs in to the console."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, max_length=254)
    role: str = Field(max_length=16)  # responder|coordinator|admin
    line_id: int | None = Field(default=None, foreign_key="line.id")  # None: every line
    # A responder's own entry on a roster (entries with the same phone on other lines are
    # theirs too); never shown, only followed.
    responder_id: int | None = Field(default=None, foreign_key="responder.id")
    password_hash: str | None = Field(default=None, max_length=200)  # None until invited sets it
    totp_secret: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    totp_last_step: int = 0  # the newest TOTP time step used, so no code works twice
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Invite(SQLModel, table=True):
    """A one-time link that lets an account set its password, valid for 24 hours."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    token_hash: str = Field(unique=True, max_length=64)
    expires_at: datetime
    used_at: datetime | None = None


class RecoveryCode(SQLModel, table=True):
    """A one-time code that stands in for a TOTP code when the phone is lost."""

    __tablename__ = "recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    code_hash: str = Field(max_length=64)
    used_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """One thing a person did, or tried, in the console or at the command line."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=254, index=True)
    kind: str = Field(max_length=40, index=True)
    subject: str = Field(default="", max_length=254)
    line_id: int | None = Field(default=None, index=True)  # detail["line"], for finding
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(unique=True, max_length=64)
