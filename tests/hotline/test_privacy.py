"""Privacy that holds up: erasure on request, nothing readable in a dump, nothing in logs."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from hotline.infra.db import engine
from tests.hotline.line import ANA, BEN, CY, DEE, shows_part_of

PERSON = "+15555550123"
WORDS = "my sister keeps hiding pills in her room"
REPLY = "Thank you for telling me about your sister"


def dump() -> str:
    """Every value of every table, as text: what a database dump would show."""
    rows = []
    with engine().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(text(f'SELECT * FROM "{table.name}"')):
                rows.append(" ".join(str(value) for value in row))
    return "\n".join(rows)


def conversation(line) -> str:
    line.load()
    line.text(PERSON, WORDS)
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.text(PERSON, "she says she is fine 😟")
    line.text(BEN, REPLY)
    return code


def digits(number: str) -> str:
    return number.removeprefix("+1")


def test_a_database_dump_holds_no_plaintext_number_or_message_body(line):
    conversation(line)
    contents = dump()
    assert contents  # the conversation is in there, encrypted
    for secret in (PERSON, digits(PERSON), ANA, BEN, digits(BEN), CY, DEE, WORDS, REPLY,
                   "she says she is fine"):
        assert secret not in contents


def test_forget_me_erases_the_number_and_words_here_and_at_twilio(line):
    conversation(line)
    sids = [m["sid"] for m in line.twilio.messages]
    theirs = {m["sid"] for m in line.twilio.inbound if m["from_"] == PERSON}
    replies = {m["sid"] for m in line.twilio.inbound if m["body"] == REPLY}
    assert len(theirs) == 2 and len(replies) == 1
    line.text(PERSON, "FORGET ME")
    assert "will be erased" in line.last(PERSON)
    assert "erase their data" in line.last(BEN)
    line.fire_timers()
    redacted = set(line.twilio.redactions)
    assert set(sids) <= redacted  # every text the line sent in the conversation
    assert theirs | replies <= redacted  # and every text they, and Ben to them, sent in
    assert theirs | replies <= set(line.twilio.deletions)
    from sqlmodel import select

    from hotline.infra.db import transaction
    from hotline.infra.models import InboundMessage, OutboundMessage, Person

    with transaction() as session:
        people = session.exec(select(Person)).all()
        assert [p.phone for p in people] == [""]
        texts = [m.body for m in session.exec(select(InboundMessage))]
        texts += [m.body for m in session.exec(select(OutboundMessage))]
    assert not any(WORDS in t or REPLY in t or "fine" in t for t in texts)
    assert not any(PERSON in t for t in texts)


def test_borrar_erases_a_spanish_speaker_s_number_and_words_here_and_at_twilio(line):
    from sqlmodel import select

    from hotline.infra.db import transaction
    from hotline.infra.models import InboundMessage, Person

    line.load()
    line.text(PERSON, "me siento muy triste")
    line.text(PERSON, "borrar")
    assert "borrarán" in line.last(PERSON)
    line.fire_timers()
    theirs = {m["sid"] for m in line.twilio.inbound}
    sent = {m["sid"] for m in line.twilio.messages}
    assert theirs | sent <= set(line.twilio.redactions)
    assert theirs <= set(line.twilio.deletions)
    with transaction() as session:
        assert [p.phone for p in session.exec(select(Person))] == [""]
        assert session.exec(select(InboundMessage)).all() == []
    assert "triste" not in dump()


def test_logs_of_a_whole_conversation_hold_no_body_and_no_full_number(line, caplog):
    caplog.set_level(logging.DEBUG)
    code = conversation(line)
    line.text(BEN, f"DONE {code}")
    line.text(PERSON, "1")
    line.twilio.opted_out.add(PERSON)
    line.text(PERSON, "STOP")
    ours = [r for r in caplog.records if r.name.startswith("hotline")]
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in ours)
    assert "…23" in logged  # the person is logged, by the last two digits at most
    for secret in (WORDS, REPLY, "she says"):
        assert secret not in logged
    sids_and_codes = re.compile(rf"\b(?:(?:SM|CA|MM|RE|AC)[0-9a-f]{{32}}|{code})\b")
    for number in (PERSON, BEN):
        assert not shows_part_of(sids_and_codes.sub("#", logged), number)


@pytest.fixture(autouse=True)
def _quiet_sql():
    """SQL statement logs are not ours to judge here (their parameters are encrypted)."""
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
