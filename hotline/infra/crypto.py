"""Phone numbers and message bodies encrypted at rest with DATA_KEY, found by keyed hash.

A database dump holds Fernet tokens, never a number or a text. Numbers are looked up by an
HMAC of the number, so equal numbers can be found without storing them in the clear.

DATA_KEY may list several secrets, newest first (`new,old`): everything decrypts with any of
them, new values are written with the first, and `hotline keys rotate` rewrites old rows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

_fernet: MultiFernet | None = None
_hash_keys: list[bytes] = []


def _derive(secret: str, purpose: str) -> bytes:
    return hashlib.sha256(f"hotline:{purpose}:{secret}".encode()).digest()


def configure(data_key: str) -> None:
    """Use these secrets (comma-separated, newest first) from now on."""
    global _fernet, _hash_keys
    secrets = [s.strip() for s in data_key.split(",") if s.strip()]
    if not secrets:
        raise ValueError("DATA_KEY is empty")
    _fernet = MultiFernet(
        [Fernet(base64.urlsafe_b64encode(_derive(s, "encrypt"))) for s in secrets])
    _hash_keys = [_derive(s, "lookup") for s in secrets]


def _box() -> MultiFernet:
    if _fernet is None:
        raise RuntimeError("hotline.crypto is not configured: create_app() sets DATA_KEY")
    return _fernet


def encrypt(text: str) -> str:
    """A token for the text."""
    return _box().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The text of a token written with any of the configured secrets."""
    return _box().decrypt(token.encode("ascii")).decode()


def rotate(token: str) -> str:
    """The same text, encrypted again with the newest secret."""
    return _box().rotate(token.encode("ascii")).decode("ascii")


def phone_hash(number: str) -> str:
    """The lookup key of a phone number under the newest secret."""
    return phone_hashes(number)[0]


def phone_hashes(number: str) -> list[str]:
    """Its lookup keys under every configured secret (a rotation may be under way)."""
    if not _hash_keys:
        raise RuntimeError("hotline.crypto is not configured: create_app() sets DATA_KEY")
    data = (number or "").strip().encode()
    return [hmac.new(key, data, hashlib.sha256).hexdigest()[:40] for key in _hash_keys]


class EncryptedText(TypeDecorator):
    """Text stored as a Fernet token."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(str(value))

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)


class EncryptedJSON(TypeDecorator):
    """A JSON document stored as a Fernet token."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(decrypt(value))
