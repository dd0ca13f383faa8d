"""`hotline keys rotate`: rewrite every encrypted value and lookup hash with the newest key.

Rotation, step by step: set DATA_KEY to `new,old` (both work from then on), run this
command, then set DATA_KEY to `new` alone.

The line keeps running meanwhile, so rotation never writes back what it read if the row
changed since: rows are read in batches, re-encrypted outside any transaction, and each is
written only where every encrypted column still holds the token that was read. A row changed
in between (a FORGET ME, the retention purge, a new message) was written with the newest key
already, so it is left as it is; an erasure is never undone.
"""

from __future__ import annotations

from sqlalchemy import Text, and_, literal, select, type_coerce

from hotline.infra import crypto, db
from hotline.infra.accounts import Account
from hotline.infra.models import (
    Case,
    InboundMessage,
    Line,
    OutboundMessage,
    Person,
    Responder,
    VoiceCall,
)

ENCRYPTED = (
    (Line, ("roster",)),
    (Responder, ("phone",)),
    (Person, ("phone",)),
    (Case, ("recording_url",)),
    (InboundMessage, ("from_number", "body")),
    (OutboundMessage, ("to_number", "body")),
    (VoiceCall, ("to_number",)),
    (Account, ("totp_secret",)),
)
HASHED = {Responder: ("phone", "phone_hash"), Person: ("phone", "phone_hash"),
          InboundMessage: ("from_number", "from_hash"), OutboundMessage: ("to_number", "to_hash")}
BATCH = 500


def _rotated(model, columns, row) -> dict:
    values = {name: literal(crypto.rotate(getattr(row, name)), Text)
              for name in columns if getattr(row, name) is not None}
    if model in HASHED:
        number_column, hash_column = HASHED[model]
        number = crypto.decrypt(getattr(row, number_column))
        if number:  # a forgotten person keeps no number to hash
            values[hash_column] = crypto.phone_hash(number)
    return values


def rotate_table(model, columns) -> int:
    """Rotate one table in batches; how many rows were rewritten."""
    table = model.__table__
    raw = {name: type_coerce(table.c[name], Text) for name in columns}
    done, after = 0, 0
    while True:
        with db.engine().connect() as connection:
            rows = connection.execute(
                select(table.c.id, *(raw[n].label(n) for n in columns))
                .where(table.c.id > after).order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            return done
        after = rows[-1].id
        changes = [(row, _rotated(model, columns, row)) for row in rows]
        with db.engine().begin() as connection:
            for row, values in changes:
                if not values:
                    continue
                unchanged = and_(*(raw[n] == getattr(row, n) if getattr(row, n) is not None
                                   else table.c[n].is_(None) for n in columns))
                done += connection.execute(table.update().where(
                    table.c.id == row.id, unchanged).values(values)).rowcount


def rotate_all() -> dict[str, int]:
    """Re-encrypt every row with the newest key and recompute lookup hashes; counts by table."""
    return {model.__table__.name: rotate_table(model, columns) for model, columns in ENCRYPTED}
