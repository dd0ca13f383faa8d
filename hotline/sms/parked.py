"""Texts that reached only the fallback URL (the database was away): parked in Redis by the
fallback webhook, stored by the worker once the database answers again.

A parked text is encrypted with DATA_KEY (Redis holds no number or word in the clear) and the
list expires long after any outage worth waiting out. A text leaves the list only once it is
stored: storing is idempotent (a MessageSid is stored once), so two workers storing the same
text at the same moment store it once and lose nothing. A text that can never be stored
(malformed) moves to a dead-letter list with a log line, instead of blocking the ones behind it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from cryptography.fernet import InvalidToken
from flask import current_app
from sqlalchemy.exc import DBAPIError

from hotline.infra import crypto
from hotline.sms import intake

log = logging.getLogger(__name__)

FALLBACK_KEY = "hotline:fallback-inbound"
DEAD_KEY = "hotline:fallback-dead"
KEEP_SECONDS = 14 * 86400  # parked texts outlive any outage the line expects to ride out


def park(form: Mapping[str, str]) -> bool:
    """Keep a text the fallback answered in Redis, for the worker to store; False if not."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is None or not form.get("MessageSid"):
        return False
    fields = form.to_dict() if hasattr(form, "to_dict") else dict(form)  # first values
    try:
        with redis.pipeline() as pipe:
            pipe.rpush(FALLBACK_KEY, crypto.encrypt(json.dumps(fields)))
            pipe.expire(FALLBACK_KEY, KEEP_SECONDS)
            pipe.execute()
        return True
    except Exception as error:
        log.error("fallback text %s could not be parked: %s", form.get("MessageSid"),
                  type(error).__name__)
        return False


def _fields(raw: bytes) -> dict[str, str]:
    """A parked text's form; ValueError when it can never be read."""
    try:
        return json.loads(crypto.decrypt(raw.decode("ascii")))
    except (InvalidToken, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"unreadable ({type(error).__name__})") from None


def store_parked() -> int:
    """Store every parked text, each once; how many left the list.

    Each text is read, stored, and only then removed (by value, so a second worker that
    stored it too removes nothing more). A database error stops this round; the texts wait.
    """
    redis = current_app.extensions.get("hotline.redis")
    if redis is None:
        return 0
    done = 0
    while (raw := redis.lindex(FALLBACK_KEY, 0)) is not None:
        try:
            intake.receive(_fields(raw))
        except (ValueError, DBAPIError) as error:
            if isinstance(error, DBAPIError) and not _bad_data(error):
                raise  # the database is away: the text stays parked for the next round
            with redis.pipeline() as pipe:
                pipe.lrem(FALLBACK_KEY, 1, raw)
                pipe.rpush(DEAD_KEY, raw)
                pipe.execute()
            log.error("a parked text could not be stored and was set aside in %s: %s",
                      DEAD_KEY, type(error).__name__)
            continue
        redis.lrem(FALLBACK_KEY, 1, raw)
        done += 1
    return done


def _bad_data(error: DBAPIError) -> bool:
    """Whether the database refused the text itself (too long, wrong type), not the moment."""
    return not error.connection_invalidated and type(error).__name__ in (
        "DataError", "IntegrityError", "ProgrammingError")
