"""`hotline keys rotate`: rewrite every encrypted value and lookup hash with the newest key.

Rotation, step by step: set DATA_KEY to `new,old` (both work from then on), run this
command, then set DATA_KEY to `new` alone.
"""

from __future__ import annotations

from sqlalchemy import Text, literal, select, type_coerce

from hotline.infra import crypto, db
from hotline.infra.models import InboundMessage, Line, OutboundMessage, Person, Responder, VoiceCall

ENCRYPTED = (
    (Line, ("roster",)),
    (Responder, ("phone",)),
    (Person, ("phone",)),
    (InboundMessage, ("from_number", "body")),
    (OutboundMessage, ("to_number", "body")),
    (VoiceCall, ("to_number",)),
)
HASHED = {Responder: ("phone", "phone_hash"), Person: ("phone", "phone_hash"),
          InboundMessage: ("from_number", "from_hash"), OutboundMessage: ("to_number", "to_hash")}


def rotate_all() -> dict[str, int]:
    """Re-encrypt every row with the newest key and recompute lookup hashes; counts by table."""
    counts: dict[str, int] = {}
    with db.engine().begin() as connection:
        for model, columns in ENCRYPTED:
            table = model.__table__
            raw = [type_coerce(table.c[name], Text).label(name) for name in columns]
            rows = connection.execute(select(table.c.id, *raw)).all()
            for row in rows:
                values = {name: literal(crypto.rotate(getattr(row, name)), Text)
                          for name in columns if getattr(row, name) is not None}
                if model in HASHED:
                    number_column, hash_column = HASHED[model]
                    number = crypto.decrypt(getattr(row, number_column))
                    if number:  # a forgotten person keeps no number to hash
                        values[hash_column] = crypto.phone_hash(number)
                connection.execute(table.update().where(table.c.id == row.id).values(values))
            counts[table.name] = len(rows)
    return counts
