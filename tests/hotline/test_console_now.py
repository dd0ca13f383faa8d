"""The Now page: a live case shown by code and state, never a number or words; a coordinator
makes it urgent or offers it again, and both land in the audit log."""

from __future__ import annotations

import re

from sqlmodel import select

from hotline.cases import rosters
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Case, Offer
from tests.hotline.console_client import HTML, join, post
from tests.hotline.line import ANA, BEN, CY, DEE

PERSON = "+15555550123"
WORDS = "i relapsed and need help"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def assert_no_number(text: str) -> None:
    flat = digits(text)
    for number in (PERSON, ANA, BEN, CY, DEE):
        assert digits(number)[-7:] not in flat, number
    assert WORDS not in text


def coordinator(app):
    client = app.test_client()
    join(client, "coord@example.org", "coordinator")
    client.get("/console/recovery-codes", headers=HTML)
    with transaction() as session:
        line_id = rosters.line_for(session).id
    return client, line_id


def test_the_now_page_shows_a_live_case_by_state_never_by_number(app, line):
    line.load()
    client, line_id = coordinator(app)
    line.text(PERSON, WORDS)
    page = client.get(f"/console/lines/{line_id}/now", headers=HTML)
    assert page.status_code == 200
    with transaction() as session:
        case = session.exec(select(Case)).one()
    assert f"Case {case.code}" in page.text and "substance use" in page.text
    assert re.search(r"offering to \w+, \d+ s left", page.text)
    assert "The line is open." in page.text and "Backup" in page.text
    assert 'src="/console/static/now.js"' in page.text
    assert_no_number(page.text)
    board = client.get(f"/console/lines/{line_id}/now.json").json
    assert board["cases"][0]["code"] == case.code and board["csrf"]
    assert {row["category"] for row in board["on_call"]} == {
        "mental health", "substance use", "safety planning"}
    assert_no_number(str(board))
    accepter = next(r for r in (ANA, BEN, CY, DEE) if line.inbox(r))
    line.text(accepter, f"YES {case.code}")
    board = client.get(f"/console/lines/{line_id}/now.json").json
    assert board["cases"][0]["state"].startswith("with ")
    assert_no_number(str(board))


def test_a_coordinator_makes_a_case_urgent_and_offers_it_again(app, line):
    line.load()
    client, line_id = coordinator(app)
    line.text(PERSON, WORDS)
    with transaction() as session:
        case = session.exec(select(Case)).one()
    answer = post(client, f"/console/cases/{case.id}/urgent", {},
                  page=f"/console/lines/{line_id}/now")
    assert answer.status_code == 302
    line.work()
    with transaction() as session:
        assert session.get(Case, case.id).urgent
        offered = session.exec(select(Offer).where(Offer.case_id == case.id)).all()
    assert len(offered) > 1  # everyone on call at once
    answer = post(client, f"/console/cases/{case.id}/offer-again", {},
                  page=f"/console/lines/{line_id}/now")
    assert answer.status_code == 302
    with transaction() as session:
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        again = session.exec(select(Offer).where(Offer.case_id == case.id,
                                                 Offer.status == "open")).all()
    assert len(again) >= 1
    acted = [e for e in entries if e.kind.startswith("case_")]
    assert [e.kind for e in acted] == ["case_made_urgent", "case_offered_again"]
    assert all(e.actor == "coord@example.org" and e.subject == f"case {case.code}"
               for e in acted)
    assert_no_number(str([(e.actor, e.subject, e.detail) for e in entries]))


def test_a_coordinator_of_one_line_cannot_see_another(app, line):
    line.load()
    client, line_id = coordinator(app)
    with transaction() as session:
        other = rosters.line_numbered(session, "+15550109999").id
    assert client.get(f"/console/lines/{other}/now", headers=HTML).status_code == 403
