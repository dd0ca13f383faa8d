"""Rotating DATA_KEY keeps every number and text readable and findable."""

from __future__ import annotations

from sqlalchemy import Text, select, type_coerce

from hotline.cli import cli
from hotline.infra import crypto
from hotline.infra.db import engine
from hotline.infra.models import Person
from tests.hotline.line import BEN

PERSON = "+15555550123"


def raw_phones() -> list[str]:
    with engine().connect() as connection:
        return list(connection.execute(select(type_coerce(Person.__table__.c.phone, Text))
                                       ).scalars())


def test_after_rotation_only_the_new_key_is_needed_and_the_conversation_goes_on(line, app):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    old_key = app.config["DATA_KEY"]
    before = raw_phones()
    crypto.configure(f"a-brand-new-key,{old_key}")
    result = app.test_cli_runner().invoke(cli, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "re-encrypted" in result.output
    assert raw_phones() != before
    crypto.configure("a-brand-new-key")
    try:
        line.text(PERSON, "are you still there?")
        assert line.last(BEN) == f"[{code}] are you still there?"
        line.text(BEN, "yes, I'm here")
        assert line.last(PERSON) == "yes, I'm here"
    finally:
        crypto.configure(old_key)
