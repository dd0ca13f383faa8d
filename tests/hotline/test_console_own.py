"""A responder's own page: their shifts on every line for 14 days, their ON/OFF and languages,
and nothing else; and invitations made from the console."""

from __future__ import annotations

import re

import yaml
from sqlmodel import select

from hotline.cases import rosters
from hotline.cli import cli
from hotline.infra.accounts import Account, AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Responder
from scripts.harness.roster import OTHER_LINE, other_line_roster
from tests.hotline.console_client import HTML, PASSWORD, join, post
from tests.hotline.line import ANA, BEN, CY, DEE

PERSON = "+15555550123"


def ana_on_both_lines(line) -> None:
    """Line A: the sample roster. Line B: Eve and Fay, and Ana again (the same phone)."""
    line.load()
    doc = other_line_roster()
    doc["responders"].append({"name": "Ana Reyes", "phone": ANA, "languages": ["en"],
                              "categories": ["mental_health"]})
    doc["rotations"][0]["members"] = ["Eve Soto", "Ana Reyes"]
    line.load(doc, number=OTHER_LINE)


def entry(name: str, number: str | None = None) -> Responder:
    with transaction() as session:
        return rosters.responders_by_name(session, rosters.line_for(session, number))[name]


def ana(app, line):
    ana_on_both_lines(line)
    client = app.test_client()
    assert join(client, "ana@example.org", "responder",
                responder_id=entry("Ana Reyes").id) is None
    return client


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_a_responder_sees_their_own_shifts_on_every_line_and_no_number(app, line):
    client = ana(app, line)
    page = client.get("/console/me", headers=HTML)
    assert page.status_code == 200
    sections = page.text.split("<section")[1:]
    assert len(sections) == 2  # line A and line B
    assert all("mental health" in s for s in sections)
    assert "safety planning" in sections[0] and "safety planning" not in sections[1]
    assert "Times in America/Los_Angeles" in sections[0]
    assert "Times in America/Chicago" in sections[1]
    for number in (ANA, BEN, CY, DEE, "+15105550201", "+15105550202"):
        assert digits(number)[-7:] not in digits(page.text)
    assert "Ben Ortiz" not in page.text and "Eve Soto" not in page.text


def test_a_responder_turns_off_on_one_line_and_is_not_offered_there(app, line):
    client = ana(app, line)
    a_entry = entry("Ana Reyes")
    answer = post(client, f"/console/me/{a_entry.id}/offers", {"taking": "off"},
                  page="/console/me")
    assert answer.status_code == 302
    assert "You are OFF" in client.get("/console/me", headers=HTML).text
    assert not entry("Ana Reyes").taking_offers
    assert entry("Ana Reyes", OTHER_LINE).taking_offers  # line B unchanged
    with transaction() as session:
        changed = session.exec(select(AuditEntry).where(
            AuditEntry.kind == "responder_settings_changed")).one()
    assert changed.actor == "ana@example.org" and changed.detail["taking_offers"] is False
    line.text(PERSON, "i feel hopeless and alone tonight")
    line.fire_timers()
    assert not any(re.search(r"\b\d{4}\b", text) for text in line.inbox(ANA))
    assert any(line.inbox(r) for r in (BEN, DEE))


def test_a_responder_changes_their_languages_and_the_roster_keeps_them(app, line):
    client = ana(app, line)
    a_entry = entry("Ana Reyes")
    post(client, f"/console/me/{a_entry.id}/languages", {"languages": ["es"]},
         page="/console/me")
    assert entry("Ana Reyes").languages == ["es"]
    with transaction() as session:
        exported = yaml.safe_load(rosters.export_roster(session))
    assert next(r for r in exported["responders"]
                if r["name"] == "Ana Reyes")["languages"] == ["es"]
    refused = post(client, f"/console/me/{a_entry.id}/languages", {}, page="/console/me")
    assert "Choose at least one language." in client.get(refused.location, headers=HTML).text
    assert entry("Ana Reyes").languages == ["es"]


def test_a_responder_may_change_nothing_but_their_own(app, line):
    client = ana(app, line)
    ben = entry("Ben Ortiz")
    for path, form in ((f"/console/me/{ben.id}/offers", {"taking": "off"}),
                       (f"/console/me/{ben.id}/languages", {"languages": ["es"]})):
        assert post(client, path, form, page="/console/me").status_code == 404
    assert entry("Ben Ortiz").taking_offers and entry("Ben Ortiz").languages == ["en"]
    with transaction() as session:
        line_id = rosters.line_for(session).id
    for path in ("/console/audit", "/console/invitations", "/console/users",
                 f"/console/lines/{line_id}/now"):
        assert client.get(path, headers=HTML).status_code == 403, path


def test_an_account_linked_to_nobody_is_told_so(app, line):
    line.load()
    client = app.test_client()
    join(client, "new@example.org", "responder")
    assert "not linked to a roster entry" in client.get("/console/me", headers=HTML).text


def test_the_cli_links_a_responder_account_by_roster_name(app, line):
    line.load()
    runner = app.test_cli_runner()
    made = runner.invoke(cli, ["users", "invite", "ben@example.org", "--role", "responder",
                               "--responder", "Ben Ortiz"])
    assert made.exit_code == 0, made.output
    wrong = runner.invoke(cli, ["users", "invite", "x@example.org", "--role", "responder",
                                "--responder", "Nobody Here"])
    assert wrong.exit_code == 1 and "--responder" in wrong.output
    with transaction() as session:
        account = session.exec(select(Account).where(Account.email == "ben@example.org")).one()
    assert account.responder_id == entry("Ben Ortiz").id


# Invitations from the console


def signed_in(app, email, role, number=None):
    client = app.test_client()
    join(client, email, role, number)
    client.get("/console/recovery-codes", headers=HTML)
    return client


def link_in(page: str) -> str:
    return re.search(r'<code id="invite-link">[^<]*(/console/invite/[^<]+)</code>',
                     page).group(1)


def test_an_admin_invites_a_coordinator_of_line_b_from_the_console(app, line):
    ana_on_both_lines(line)
    admin = signed_in(app, "admin@example.org", "admin")
    with transaction() as session:
        b = rosters.line_for(session, OTHER_LINE).id
    page = post(admin, "/console/invitations", {"email": "bea@example.org",
                                                 "role": "coordinator", "line": str(b)})
    assert page.status_code == 200 and "Invitation for bea@example.org" in page.text
    bea = app.test_client()
    accepted = post(bea, link_in(page.text), {"password": PASSWORD, "again": PASSWORD})
    assert accepted.location.endswith("/console/enrol")
    with transaction() as session:
        account = session.exec(select(Account).where(Account.email == "bea@example.org")).one()
        made = session.exec(select(AuditEntry).where(AuditEntry.kind == "invite_created")).all()
    assert (account.role, account.line_id) == ("coordinator", b)
    assert [(e.actor, e.subject, e.line_id) for e in made][-1] == (
        "admin@example.org", "bea@example.org", b)


def test_a_coordinator_invites_a_responder_of_their_own_line_only(app, line):
    ana_on_both_lines(line)
    coord = signed_in(app, "coord@example.org", "coordinator")
    with transaction() as session:
        a, b = rosters.line_for(session).id, rosters.line_for(session, OTHER_LINE).id
    form = coord.get("/console/invitations", headers=HTML).text
    assert 'value="admin"' not in form and OTHER_LINE not in form
    assert "Eve Soto" not in form and "Cy Lam" in form
    cy = entry("Cy Lam")
    page = post(coord, "/console/invitations", {"email": "cy@example.org", "role": "responder",
                                                 "line": str(a), "responder": str(cy.id)})
    assert page.status_code == 200
    cy_client = app.test_client()
    post(cy_client, link_in(page.text), {"password": PASSWORD, "again": PASSWORD})
    assert "substance use" in cy_client.get("/console/me", headers=HTML).text
    for refused in ({"role": "admin", "line": "0"}, {"role": "responder", "line": str(b)},
                    {"role": "responder", "line": str(a),
                     "responder": str(entry("Eve Soto", OTHER_LINE).id)}):
        answer = post(coord, "/console/invitations", {"email": "z@example.org", **refused})
        assert answer.status_code == 400, refused
    mismatch = post(coord, "/console/invitations", {"email": "z@example.org",
                                                     "role": "coordinator", "line": str(a),
                                                     "responder": str(cy.id)})
    assert mismatch.status_code == 422 and "goes with the responder role" in mismatch.text
    with transaction() as session:
        assert session.exec(select(Account).where(Account.email == "z@example.org")).first() \
            is None


def test_a_coordinator_cannot_take_over_an_admin_invitation(app, line):
    line.load()
    admin = signed_in(app, "admin@example.org", "admin")
    first = post(admin, "/console/invitations", {"email": "boss@example.org", "role": "admin",
                                                  "line": "0"})
    coord = signed_in(app, "coord@example.org", "coordinator")
    with transaction() as session:
        a = rosters.line_for(session).id
    again = post(coord, "/console/invitations", {"email": "boss@example.org",
                                                  "role": "responder", "line": str(a)})
    assert again.status_code == 422 and "not yours to invite" in again.text
    boss = app.test_client()
    answer = post(boss, link_in(first.text), {"password": PASSWORD, "again": PASSWORD})
    assert answer.location.endswith("/console/enrol")  # the admin's link still works
