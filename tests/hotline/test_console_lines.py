"""Several lines in one deployment: `hotline lines add`, a text to line B offered only to line
B's responders (through the webhooks and the worker), and line A's coordinator kept out of
line B: its pages, its cases and its audit entries."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from hotline.cli import cli
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Case, Line
from scripts.harness.roster import OTHER_LINE, other_line_roster
from tests.hotline.conftest import HOTLINE
from tests.hotline.console_client import HTML, join, post
from tests.hotline.line import ANA, BEN, CY, DEE

EVE, FAY = "+15105550201", "+15105550202"
PERSON = "+15555550123"
OTHER_PERSON = "+15555550177"
WORDS = "i relapsed and need help"


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(cli, list(args))


@pytest.fixture
def two_lines(run, line):
    """Line A (HOTLINE_NUMBER, the sample roster) and line B (Eve and Fay), added by the CLI."""
    assert run("lines", "add", HOTLINE, "--name", "Eastside", "--timezone",
               "America/Los_Angeles").exit_code == 0
    added = run("lines", "add", OTHER_LINE, "--name", "Westside", "--timezone",
                "America/Chicago")
    assert added.exit_code == 0, added.output
    line.load()
    line.load(other_line_roster(), number=OTHER_LINE)
    with transaction() as session:
        ids = {row.number: row.id for row in session.exec(select(Line))}
    return ids[HOTLINE], ids[OTHER_LINE]


def test_lines_are_added_named_and_listed(run, app):
    assert run("lines", "add", OTHER_LINE, "--name", "Westside", "--timezone",
               "America/Chicago").output.startswith("line added: +15005550007  Westside")
    listed = run("lines", "list").output
    assert re.search(r"\+15005550007  Westside  America/Chicago  0 responders", listed)
    renamed = run("lines", "add", OTHER_LINE, "--name", "West side", "--timezone",
                  "America/Denver")
    assert renamed.output.startswith("line updated")
    assert "West side  America/Denver" in run("lines", "list").output
    with transaction() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.kind == "line_added")).all()
    assert [e.subject for e in entries] == ["Westside", "West side"]


@pytest.mark.parametrize("args, problem", [
    (("5550100", "--name", "X", "--timezone", "UTC"), "not a phone number"),
    ((OTHER_LINE, "--name", "X", "--timezone", "Mars/Base"), "not a time zone"),
    ((OTHER_LINE, "--name", " ", "--timezone", "UTC"), "give the line a name"),
])
def test_a_bad_line_is_refused_with_a_reason_and_nothing_added(run, args, problem):
    result = run("lines", "add", *args)
    assert result.exit_code == 1 and problem in result.output
    assert OTHER_LINE not in run("lines", "list").output


def test_a_text_to_line_b_is_offered_only_to_line_b_responders(two_lines, line, twilio):
    line.text(OTHER_PERSON, WORDS, to=OTHER_LINE)
    offered = {m["to"] for m in twilio.messages if re.search(r"\b\d{4}\b", m["body"])}
    assert offered and offered <= {EVE, FAY}
    for responder in (ANA, BEN, CY, DEE):
        assert line.inbox(responder) == []
    assert {m["from_"] for m in twilio.messages} == {OTHER_LINE}  # B speaks as B
    with transaction() as session:
        case = session.exec(select(Case)).one()
    assert case.line_id == two_lines[1]
    taker = next(iter(offered))
    before = len(line.inbox(OTHER_PERSON))
    line.text(taker, f"YES {case.code}", to=OTHER_LINE)
    with transaction() as session:
        assert session.get(Case, case.id).status == "active"
    assert len(line.inbox(OTHER_PERSON)) > before  # told someone is with them, from B
    # and a text to line A still goes to A's people only
    line.text(PERSON, WORDS)
    a_offers = {m["to"] for m in twilio.messages
                if m["from_"] == HOTLINE and re.search(r"\b\d{4}\b", m["body"])}
    assert a_offers and a_offers <= {ANA, BEN, CY, DEE}


def test_line_a_coordinator_cannot_see_line_b(app, two_lines, line):
    a, b = two_lines
    line.text(OTHER_PERSON, WORDS, to=OTHER_LINE)
    with transaction() as session:
        case_b = session.exec(select(Case)).one()
    coord_a, coord_b = app.test_client(), app.test_client()
    join(coord_a, "a@example.org", "coordinator")
    join(coord_b, "b@example.org", "coordinator", number=OTHER_LINE)
    for client in (coord_a, coord_b):
        client.get("/console/recovery-codes", headers=HTML)

    home = coord_a.get("/console/", headers=HTML).text
    assert "Now on line Eastside" in home and "Westside" not in home
    assert coord_a.get(f"/console/lines/{b}/now", headers=HTML).status_code == 403
    assert coord_a.get(f"/console/lines/{b}/now.json").status_code == 403
    for action in ("urgent", "offer-again"):
        answer = post(coord_a, f"/console/cases/{case_b.id}/{action}", {},
                      page=f"/console/lines/{a}/now")
        assert answer.status_code == 404
    with transaction() as session:
        assert not session.get(Case, case_b.id).urgent

    page_b = coord_b.get(f"/console/lines/{b}/now", headers=HTML)
    assert "Now on line Westside" in page_b.text and f"Case {case_b.code}" in page_b.text
    assert "times in America/Chicago" in page_b.text
    assert post(coord_b, f"/console/cases/{case_b.id}/urgent", {},
                page=f"/console/lines/{b}/now").status_code == 302

    # The audit log: A's coordinator sees A's people and A's cases, nothing of B.
    log_a = coord_a.get("/console/audit", headers=HTML).text
    assert "a@example.org" in log_a
    assert "b@example.org" not in log_a and f"case {case_b.code}" not in log_a
    only_b = coord_a.get("/console/audit?actor=b%40example.org", headers=HTML).text
    assert "Nothing matches." in only_b
    log_b = coord_b.get("/console/audit?kind=case_made_urgent", headers=HTML).text
    assert f"case {case_b.code}" in log_b and "a@example.org" not in log_b

    admin = app.test_client()
    join(admin, "admin@example.org", "admin")
    admin.get("/console/recovery-codes", headers=HTML)
    everything = admin.get("/console/audit", headers=HTML).text
    assert "a@example.org" in everything and f"case {case_b.code}" in everything
    both = admin.get("/console/", headers=HTML).text
    assert "Eastside" in both and "Westside" in both


def test_an_audit_entry_moved_to_another_line_is_caught(app, two_lines):
    from hotline.infra import audit

    with transaction() as session:
        entry = audit.record(session, "someone@example.org", "case_made_urgent",
                             subject="case 1234", line=two_lines[0])
        entry_id = entry.id
    postgres = app.extensions["hotline.engine"].dialect.name == "postgresql"
    with transaction() as session:  # someone with the database's rights goes around it
        run_sql = session.connection().exec_driver_sql
        run_sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only" if postgres
                else "DROP TRIGGER IF EXISTS audit_entry_no_update")
        run_sql(f"UPDATE audit_entry SET line_id = {two_lines[1]} WHERE id = {entry_id}")
        if postgres:  # the schema outlives this test there
            run_sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
    with transaction() as session:
        assert audit.verify(session) == [f"entry {entry_id}: its line was changed"]


def test_a_coordinator_with_no_line_sees_no_line(app, two_lines):
    from hotline.console import accounts

    with transaction() as session:
        _, token = accounts.invite(session, "lost@example.org", "coordinator", None)
    client = app.test_client()
    post(client, f"/console/invite/{token}", {"password": "correct horse battery staple",
                                              "again": "correct horse battery staple"})
    import pyotp

    page = client.get("/console/enrol", headers=HTML)
    secret = re.search(r'<code id="secret">([^<]+)</code>', page.text).group(1).replace(" ", "")
    post(client, "/console/enrol", {"code": pyotp.TOTP(secret).now()})
    home = client.get("/console/", headers=HTML).text
    assert "Eastside" not in home and "Westside" not in home
    for line_id in two_lines:
        assert client.get(f"/console/lines/{line_id}/now", headers=HTML).status_code == 403
