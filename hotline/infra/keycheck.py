"""Proof that DATA_KEY opens what is stored: a wrong key must stop the line, not let it take
texts it can never read.

A few stored values are decrypted: every line's roster, and the first and newest number and
text. An empty or not yet migrated database proves nothing and passes; a database that does
not answer is left to the readiness check.
"""

from __future__ import annotations

import logging

from cryptography.fernet import InvalidToken
from sqlalchemy import Text, select, type_coerce
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from hotline.infra import crypto
from hotline.infra.models import InboundMessage, Line, Person

log = logging.getLogger(__name__)

WRONG_KEY = ("DATA_KEY does not decrypt the data already stored (a wrong key, or an old key "
             "removed before `hotline keys rotate` ran)")


def _samples(engine: Engine) -> list[str]:
    tokens: list[str] = []
    with engine.connect() as connection:
        line = Line.__table__
        tokens += connection.execute(select(type_coerce(line.c.roster, Text))).scalars().all()
        for model, column in ((Person, "phone"), (InboundMessage, "body")):
            table = model.__table__
            raw = type_coerce(table.c[column], Text)
            for order in (table.c.id.asc(), table.c.id.desc()):
                token = connection.execute(select(raw).order_by(order).limit(1)).scalar()
                if token:
                    tokens.append(token)
    return tokens


def problem(engine: Engine) -> str | None:
    """Why the configured DATA_KEY cannot be used with this database, or None."""
    try:
        tokens = _samples(engine)
    except DBAPIError as error:  # no tables yet, or the database is away
        log.info("data key not checked: %s", type(error).__name__)
        return None
    for token in tokens:
        try:
            crypto.decrypt(token)
        except (InvalidToken, ValueError):
            return WRONG_KEY
    return None
