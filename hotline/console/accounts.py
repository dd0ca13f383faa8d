"""Accounts: invitations, passwords (Argon2id), TOTP with one-time recovery codes, and the
lockout after repeated failures, counted per account and per address in the console store."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from hotline.console.store import store
from hotline.infra.accounts import ROLES, Account, Invite, RecoveryCode
from hotline.infra.models import utcnow

INVITE_HOURS = 24
MIN_PASSWORD = 12
MAX_FAILURES = 10
LOCK_SECONDS = 15 * 60  # a lock lifts 15 minutes after the last failed attempt
RECOVERY_CODES = 10
ISSUER = "Crisis line console"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

hasher = PasswordHasher()  # Argon2id, argon2-cffi's RFC 9106 low-memory profile
_DUMMY_HASH = hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """Something asked of an account that cannot be done; the message says what."""


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def needs_totp(account: Account) -> bool:
    """Admins and coordinators must sign in with a second factor."""
    return account.role in ("admin", "coordinator")


def rank(role: str) -> int:
    return ROLES.index(role)


def invite(session: Session, email: str, role: str, line_id: int | None,
           responder_id: int | None = None) -> tuple[Account, str]:
    """An account (new, or one not yet set up) and a fresh one-time token valid for 24 h; a
    responder's account may be linked to their roster entry."""
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError(f"not an email address: {email!r}")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    account = session.exec(select(Account).where(Account.email == email)).one_or_none()
    if account is not None and account.password_hash is not None:
        raise AccountError(f"{email} already has an account")
    if account is None:
        account = Account(email=email, role=role, line_id=line_id)
        session.add(account)
    account.role, account.line_id, account.active = role, line_id, True
    account.responder_id = responder_id
    session.flush()
    for old in session.exec(select(Invite).where(Invite.account_id == account.id,
                                                 Invite.used_at.is_(None))):
        old.used_at = utcnow()  # only the newest link works
    token = secrets.token_urlsafe(32)
    session.add(Invite(account_id=account.id, token_hash=_sha(token),
                       expires_at=utcnow() + timedelta(hours=INVITE_HOURS)))
    return account, token


def demo_account(session: Session, email: str, line_id: int) -> tuple[Account, str]:
    """The demo's coordinator, set up at once with a fresh password and TOTP key (so the
    console can be tried without an invitation); the password. Development only."""
    account = session.exec(select(Account).where(Account.email == email)).one_or_none()
    if account is None:
        account = Account(email=email, role="coordinator", line_id=line_id)
    password = secrets.token_urlsafe(12)
    account.role, account.line_id, account.active = "coordinator", line_id, True
    account.password_hash = hasher.hash(password)
    account.totp_secret, account.totp_last_step = new_totp_secret(), 0
    session.add(account)
    session.flush()
    return account, password


def fresh_code(account: Account) -> str:
    """A TOTP code the account has not used yet: this step's, or the next one's."""
    totp, now = pyotp.TOTP(account.totp_secret), utcnow()
    if totp.timecode(now) > account.totp_last_step:
        return totp.at(now)
    return totp.at(now + timedelta(seconds=30))


def invitation(session: Session, token: str) -> tuple[Invite, Account] | None:
    """The unused, unexpired invitation of a token, and its account."""
    found = session.exec(select(Invite).where(Invite.token_hash == _sha(token))).one_or_none()
    if found is None or found.used_at is not None or found.expires_at <= utcnow():
        return None
    return found, session.get(Account, found.account_id)


def accept(session: Session, token: str, password: str) -> Account:
    """Set the invited account's password; the link then works no more."""
    found = invitation(session, token)
    if found is None:
        raise AccountError("invite_invalid")
    if len(password) < MIN_PASSWORD:
        raise AccountError("password_short")
    invite_row, account = found
    invite_row.used_at = utcnow()
    account.password_hash = hasher.hash(password)
    return account


def check_password(account: Account | None, password: str) -> bool:
    """True when the password is the account's; the same work is done for no account."""
    try:
        if account is None or account.password_hash is None or not account.active:
            hasher.verify(_DUMMY_HASH, password + "x")
            return False
        return hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG markup, drawn here (nothing fetched)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff",
                                                   svgclass="qr", title="QR code")


def totp_step(secret: str, code: str, after: int = 0) -> int | None:
    """The time step a TOTP code belongs to (now, or 30 s either side), if it is newer than
    `after`; None for a wrong or reused code."""
    code = re.sub(r"\s", "", code)
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=30 * offset)
        step = totp.timecode(moment)
        if step > after and secrets.compare_digest(totp.at(moment), code):
            return step
    return None


def enrol(account: Account, secret: str, code: str) -> bool:
    """Keep the secret once a code from it is right."""
    step = totp_step(secret, code)
    if step is None:
        return False
    account.totp_secret, account.totp_last_step = secret, step
    return True


def second_factor(session: Session, account: Account, code: str) -> str | None:
    """"totp" or "recovery" when the code is a current TOTP code or an unused recovery code
    (each then spent), else None."""
    if account.totp_secret:
        step = totp_step(account.totp_secret, code, after=account.totp_last_step)
        if step is not None:
            account.totp_last_step = step
            return "totp"
    typed = re.sub(r"[\s-]", "", code).lower()
    if len(typed) != 10:
        return None
    for row in session.exec(select(RecoveryCode).where(RecoveryCode.account_id == account.id,
                                                       RecoveryCode.used_at.is_(None))):
        if secrets.compare_digest(row.code_hash, _sha(typed)):
            row.used_at = utcnow()
            return "recovery"
    return None


def new_recovery_codes(session: Session, account: Account) -> list[str]:
    """Ten fresh one-time codes (the old ones stop working), shown once as xxxxx-xxxxx."""
    for old in session.exec(select(RecoveryCode).where(RecoveryCode.account_id == account.id)):
        session.delete(old)
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = ["".join(secrets.choice(alphabet) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    for code in codes:
        session.add(RecoveryCode(account_id=account.id, code_hash=_sha(code)))
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _fail_keys(account: Account | None, address: str) -> list[str]:
    keys = [f"fail:ip:{address}"]
    if account is not None:
        keys.append(f"fail:account:{account.id}")
    return keys


def locked(account: Account | None, address: str) -> bool:
    """Ten failures from this address, or against this account, lock it for a while."""
    return any(store().counted(key) >= MAX_FAILURES for key in _fail_keys(account, address))


def failed(account: Account | None, address: str) -> None:
    """Count one failed attempt against the address and the account."""
    for key in _fail_keys(account, address):
        store().count(key, LOCK_SECONDS)


def succeeded(account: Account) -> None:
    """A full sign-in clears the account's count (not the address's)."""
    store().delete(f"fail:account:{account.id}")
