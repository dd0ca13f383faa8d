"""The audit log: hash-chained, verified by `hotline audit verify`, filtered on its page,
holding no phone number; and `hotline users invite` from the command line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlmodel import select

from hotline.cli import cli
from hotline.infra import audit
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import engine, transaction
from tests.hotline.console_client import HTML, PASSWORD, join, post


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def test_invite_prints_a_one_time_link_and_is_audited(app):
    result = run(app, "users", "invite", "Ana@Example.org", "--role", "coordinator")
    assert result.exit_code == 0
    link = result.stdout.strip()
    assert link.startswith("https://line.example.org/console/invite/")
    client = app.test_client()
    path = link.removeprefix("https://line.example.org")
    assert client.get(path, headers=HTML).status_code == 200
    assert run(app, "users", "invite", "not-an-email", "--role", "admin").exit_code == 1
    listed = run(app, "users", "list").stdout
    assert "ana@example.org  coordinator  +15550100000  invited" in listed
    with transaction() as session:
        entry = session.exec(select(AuditEntry)).one()
    assert (entry.actor, entry.kind, entry.subject) == (
        "command line", "invite_created", "ana@example.org")


def test_verify_passes_a_whole_log_and_names_an_edited_or_removed_entry(app):
    client = app.test_client()
    join(client, "ben@example.org", "responder")
    post(client, "/console/sign-out", {}, page="/console/")
    post(client, "/console/sign-in", {"email": "ben@example.org", "password": "wrong!"})
    result = run(app, "audit", "verify")
    assert result.exit_code == 0 and "intact: 4 entries" in result.stdout
    with engine().begin() as connection:  # the database itself refuses edits
        with pytest.raises(Exception, match="append-only"):
            connection.execute(text("UPDATE audit_entry SET actor = 'x' WHERE id = 2"))
    with _triggers_off():
        with engine().begin() as connection:
            connection.execute(text("UPDATE audit_entry SET actor = 'someone@else.org' "
                                    "WHERE id = 2"))
        result = run(app, "audit", "verify")
        assert result.exit_code == 1 and "entry 2: its contents were changed" in result.stderr
        with engine().begin() as connection:
            connection.execute(text("DELETE FROM audit_entry WHERE id = 3"))
        assert "entry 4: the entry before it was removed" in run(app, "audit", "verify").stderr


@contextmanager
def _triggers_off() -> Iterator[None]:
    """What someone with the database's owner rights could do before editing a row. On
    PostgreSQL the schema outlives the test, so the guard is put back afterwards."""
    with engine().begin() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER "
                                    "audit_entry_append_only"))
        else:
            connection.execute(text("DROP TRIGGER audit_entry_no_update"))
            connection.execute(text("DROP TRIGGER audit_entry_no_delete"))
    try:
        yield
    finally:
        if postgres:
            with engine().begin() as connection:
                connection.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER "
                                        "audit_entry_append_only"))


def test_no_number_goes_into_the_log(app):
    with transaction() as session:
        entry = audit.record(session, "5105550101@vtext.com", "sign_in_failed",
                             subject="+1 (510) 555-0199", ip="not an address",
                             note="call 510.555.0100")
    text_of = f"{entry.actor} {entry.subject} {entry.detail}"
    assert "5550101" not in text_of and "5550199" not in text_of and "5550100" not in text_of
    assert "ip" not in entry.detail
    with pytest.raises(ValueError):
        with transaction() as session:
            audit.record(session, "x", "made_up_kind")


def test_dates_in_the_log_stay_readable_while_numbers_are_cut(app):
    """A covered shift's span is what a coordinator reads the entry for."""
    with transaction() as session:
        entry = audit.record(session, "responder Dee Park", "shift_covered", "cover 512",
                             start="2026-03-07T20:00:00+00:00", end="2026-03-08 20:00",
                             note="her number is 510 555 0199")
    assert entry.detail["start"] == "2026-03-07T20:00:00+00:00"
    assert entry.detail["end"] == "2026-03-08 20:00"
    assert entry.detail["note"] == "her number is …99"


def test_the_audit_page_filters_by_actor_kind_and_date(app):
    client = app.test_client()
    join(client, "root@example.org", "admin")
    client.get("/console/recovery-codes", headers=HTML)
    post(app.test_client(), "/console/sign-in", {"email": "zed@example.org",
                                                 "password": PASSWORD})
    page = client.get("/console/audit?kind=sign_in_failed", headers=HTML)
    assert "unknown account" in page.text and "root@example.org</td>" not in page.text
    page = client.get("/console/audit?actor=root", headers=HTML)
    assert "added authenticator" in page.text and "unknown account" not in page.text
    page = client.get("/console/audit?day_from=2000-01-01&day_to=2000-01-02", headers=HTML)
    assert "Nothing matches." in page.text
