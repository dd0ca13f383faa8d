"""Case codes: four digits a responder types (`YES 4821`), never shared by two open cases of
the line. The draw is steered through the standard library's `secrets.randbelow`."""

from __future__ import annotations

import secrets

import pytest
from sqlmodel import select

from hotline.cases.lifecycle import new_case
from hotline.cases.parties import person_for
from hotline.cases.rosters import line_for
from hotline.infra.db import transaction
from hotline.infra.models import Case
from tests.hotline.line import BEN, CY, DEE

PERSON, OTHER = "+15555550123", "+15555550199"


def draws(monkeypatch, *picks):
    """secrets.randbelow answers these, in turn, each read as "the highest" (-1) or a value."""
    answers = iter(picks)

    def randbelow(n: int) -> int:
        pick = next(answers)
        return n - 1 if pick == -1 else pick

    monkeypatch.setattr(secrets, "randbelow", randbelow)


def codes() -> list[str]:
    with transaction() as session:
        return [c.code for c in session.exec(select(Case).order_by(Case.id))]


def test_codes_run_from_1000_to_9999_and_reach_the_responder_whole(line, monkeypatch):
    line.load()
    draws(monkeypatch, -1, 0)
    line.text(PERSON, "i relapsed and need help")
    line.text(OTHER, "i can't stop drinking")
    assert codes() == ["9999", "1000"]
    assert "YES 9999" in line.inbox(BEN)[0]


def test_a_code_an_open_case_holds_is_drawn_again_and_the_yes_reaches_the_right_case(
        line, monkeypatch):
    line.load()
    draws(monkeypatch, 3821, 3821, 3821, 5821)
    line.text(PERSON, "i relapsed and need help")
    line.text(OTHER, "i can't stop drinking")
    assert codes() == ["4821", "6821"]
    [offered] = [r for r in (BEN, CY, DEE) if any("YES 6821" in t for t in line.inbox(r))]
    line.text(offered, "YES 6821")
    assert "is here with you" in line.last(OTHER)
    assert not any("is here with you" in t for t in line.inbox(PERSON))


def test_with_every_code_taken_the_case_is_refused_rather_than_shared(line, monkeypatch):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    taken = int(codes()[0]) - 1000
    monkeypatch.setattr(secrets, "randbelow", lambda n: taken)
    with transaction() as session:
        the_line = line_for(session)
        other = person_for(session, the_line.id, OTHER)
        with pytest.raises(RuntimeError, match="no free case code"):
            new_case(session, the_line, other, "en")
