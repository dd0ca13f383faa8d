"""Cover from the console: a responder asks on their own page and a coordinator on a line's
Shifts page, and the same texts go out as for a texted COVER; the first TAKE wins and the
pages show it; the Shifts page lists the line's gaps. The clock is set to a Friday evening."""

from __future__ import annotations

import html
import re

import pytest
import time_machine
from sqlmodel import select

from hotline.cases import rosters
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Line
from hotline.infra.shift_records import CoverRequest
from routing.oncall import on_call
from scripts.harness.roster import OTHER_LINE, other_line_roster
from tests.hotline.console_client import HTML, join, post
from tests.hotline.line import ANA, BEN, CY, DEE
from tests.hotline.test_shifts import COLE, local, roster_with_a_hole, shift_roster

FRIDAY = "2026-03-06T21:00"  # Ana is on call; Ben's next turn is Saturday 20:00
SATURDAY = "Sat 2026-03-07 20:00"
SATURDAY_TEXT = "Sat Mar 7, 20:00 – Sun Mar 8, 20:00"


@pytest.fixture
def friday():
    with time_machine.travel(local(FRIDAY), tick=False):
        yield


def responder_id(name: str) -> int:
    with transaction() as session:
        return rosters.responders_by_name(session, rosters.line_for(session))[name].id


def line_id(number: str | None = None) -> int:
    with transaction() as session:
        return rosters.line_for(session, number).id


def ben(app, line):
    """Ben, signed in to the console; Cole, the coordinator, has a phone too."""
    line.load(shift_roster())
    line.phones.add(COLE)
    client = app.test_client()
    join(client, "ben@example.org", "responder", responder_id=responder_id("Ben Ortiz"))
    return client


def coordinator(app, number: str | None = None):
    client = app.test_client()
    join(client, "bea@example.org" if number else "coord@example.org", "coordinator", number)
    client.get("/console/recovery-codes", headers=HTML)
    return client


def shift_token(page: str, start: str) -> str:
    """The hidden shift value of the cover form under the shift that starts at `start`."""
    return re.search(re.escape(start) + r' – .*?name="shift" value="([^"]+)"', page,
                     re.S).group(1)


def field_problem(page: str, key: str, field: str) -> str | None:
    found = re.search(rf'id="cover-{re.escape(key)}-{field}-notes">.*?<p class="error">'
                      r"Problem: ([^<]*)</p>", page, re.S)
    return html.unescape(found.group(1)) if found else None


def code_in(text: str) -> str:
    return text.rsplit(" ", 1)[1]


def assert_no_number(page: str) -> None:
    flat = re.sub(r"\D", "", page)
    for number in (ANA, BEN, CY, DEE, COLE):
        assert re.sub(r"\D", "", number)[-7:] not in flat, number


def audited(kind: str) -> list[AuditEntry]:
    with transaction() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.kind == kind)))


def test_a_responder_asks_for_cover_on_their_page_and_the_first_take_wins(app, line, friday):
    client = ben(app, line)
    page = client.get("/console/me", headers=HTML).text
    answer = post(client, "/console/me/cover", {"shift": shift_token(page, SATURDAY)},
                  page="/console/me")
    assert answer.status_code == 302
    line.work()
    code = code_in(line.last(DEE))
    asked = f"Can you cover {SATURDAY_TEXT} (mental health)? Reply TAKE {code}"
    assert line.last(DEE) == asked and line.last(ANA) == asked
    assert line.inbox(CY) == []  # substance use only: not asked
    assert line.last(BEN) == (f"We asked 2 of the team to cover your shift {SATURDAY_TEXT}. "
                              f"We'll tell you who takes it. Text CANCEL {code} to keep it.")
    page = client.get("/console/me", headers=HTML).text
    assert f"Request {code}: texted to everyone who could take it (2)." in page
    assert "open: nobody has taken it yet" in page and f"Cancel request {code}" in page
    line.text(DEE, f"TAKE {code}")
    assert line.last(DEE).startswith("It's yours")
    with transaction() as session:
        roster_now = rosters.roster_of(session.exec(select(Line)).one())
    assert on_call(roster_now, "mental_health", local("2026-03-08T03:00")) == ["Dee Park"]
    page = client.get("/console/me", headers=HTML).text
    assert "taken by Dee Park" in page and f"Cancel request {code}" not in page
    assert_no_number(page)
    [entry] = audited("shift_cover_requested")
    assert (entry.actor, entry.subject) == ("ben@example.org", f"cover {code}")


def test_a_responder_asks_for_part_of_a_shift_and_cancels_it_from_the_page(app, line, friday):
    client = ben(app, line)
    page = client.get("/console/me", headers=HTML).text
    monday = shift_token(page, "Mon 2026-03-09 20:00")
    post(client, "/console/me/cover", {"shift": monday, "from": "2026-03-09T22:00",
                                       "to": "2026-03-10T02:00"}, page="/console/me")
    line.work()
    code = code_in(line.last(ANA))
    assert line.last(ANA) == ("Can you cover Mon Mar 9, 22:00–02:00 (mental health)? "
                              f"Reply TAKE {code}")
    [request] = client.get("/console/me", headers=HTML).text.split(f'id="cover-{code}"')[1:]
    action = re.search(r'action="([^"]+/cancel)"', request).group(1)
    answer = post(client, action, {}, page="/console/me")
    line.work()
    page = client.get(answer.location, headers=HTML).text
    assert f"Request {code} is withdrawn: the shift stays yours." in page
    assert f'id="cover-{code}"' not in page
    assert line.last(BEN).startswith(f"Your request {code} is withdrawn")
    line.text(ANA, f"TAKE {code}")
    assert line.last(ANA) == f"There is no open cover request {code}."
    [cancelled] = audited("shift_cover_cancelled")
    assert cancelled.actor == "ben@example.org" and cancelled.detail["responder"] == "Ben Ortiz"


def test_a_malformed_span_is_explained_beside_its_field_and_asks_nobody(app, line, friday):
    client = ben(app, line)
    page = client.get("/console/me", headers=HTML).text
    token = shift_token(page, SATURDAY)
    key = token.replace(".", "-")
    inside = "Choose times inside the shift: from Sat 2026-03-07 20:00 until Sun 2026-03-08 20:00."
    for form, field, problem in (
        ({"from": "saturday night"}, "from", "Write a date and time, like 2026-03-07 20:00."),
        ({"from": "2026-03-08T02:00", "to": "2026-03-08T01:00"}, "to",
         "The end must be after the start."),
        ({"from": "2026-03-06T20:00"}, "from", "That time has passed. Choose a later start."),
        ({"from": "2026-03-07T18:00"}, "from", inside),
        ({"to": "2026-03-09 01:00"}, "to", inside),
    ):
        answer = post(client, "/console/me/cover", {"shift": token, **form}, page="/console/me")
        assert answer.status_code == 422, form
        assert "The request was not made." in answer.text
        assert field_problem(answer.text, key, field) == problem, form
    ana_turn = token.replace(f"{responder_id('Ben Ortiz')}.", f"{responder_id('Ana Reyes')}.", 1)
    assert post(client, "/console/me/cover", {"shift": ana_turn},
                page="/console/me").status_code == 404
    line.work()
    with transaction() as session:
        assert session.exec(select(CoverRequest)).all() == []
    assert line.inbox(ANA) == [] and line.inbox(DEE) == [] and line.inbox(BEN) == []
    assert audited("shift_cover_requested") == []


def test_a_coordinator_asks_for_cover_for_a_responder_and_it_is_audited(app, line, friday):
    line.load(shift_roster())
    line.phones.add(COLE)
    client = coordinator(app)
    shifts = f"/console/lines/{line_id()}/shifts"
    page = client.get(shifts, headers=HTML).text
    choice = re.search(r'<option value="([^"]+)">Ben Ortiz · mental health · '
                       + re.escape(SATURDAY), page).group(1)
    answer = post(client, f"{shifts}/cover", {"shift": choice}, page=shifts)
    assert answer.status_code == 302
    line.work()
    code = code_in(line.last(ANA))
    assert line.last(DEE).endswith(f"Reply TAKE {code}") and line.inbox(CY) == []
    assert line.last(BEN) == (f"Your coordinator asked 2 of the team to cover your shift "
                              f"{SATURDAY_TEXT}. We'll tell you who takes it. Text CANCEL "
                              f"{code} to keep it.")
    [entry] = audited("shift_cover_requested")
    assert (entry.actor, entry.subject) == ("coord@example.org", f"cover {code}")
    assert entry.detail["responder"] == "Ben Ortiz" and entry.line_id == line_id()
    page = client.get(shifts, headers=HTML).text
    assert (f"Request {code} for Ben Ortiz: texted to everyone who could take it (2), and to "
            "Ben Ortiz.") in page
    row = page.split(f'id="cover-{code}"')[1]
    assert "Ben Ortiz" in row.split("</tr>")[0]
    assert "open: nobody has taken it yet" in row.split("</tr>")[0]
    line.text(ANA, f"TAKE {code}")
    page = client.get(shifts, headers=HTML).text
    assert "taken by Ana Reyes" in page.split(f'id="cover-{code}"')[1].split("</tr>")[0]
    assert_no_number(page)


def test_a_coordinator_of_another_line_can_neither_see_nor_ask(app, line, friday):
    line.load(shift_roster())
    line.load(other_line_roster(), number=OTHER_LINE)
    ours = coordinator(app)
    page = ours.get(f"/console/lines/{line_id()}/shifts", headers=HTML).text
    choice = re.search(r'<option value="([^"]+)">Ben Ortiz', page).group(1)
    theirs = coordinator(app, OTHER_LINE)
    own_page = f"/console/lines/{line_id(OTHER_LINE)}/shifts"
    assert theirs.get(f"/console/lines/{line_id()}/shifts", headers=HTML).status_code == 403
    refused = post(theirs, f"/console/lines/{line_id()}/shifts/cover", {"shift": choice},
                   page=own_page)
    assert refused.status_code == 403
    wrong_line = post(theirs, f"{own_page}/cover", {"shift": choice}, page=own_page)
    assert wrong_line.status_code == 422 and "Choose one of the shifts listed" in wrong_line.text
    line.work()
    with transaction() as session:
        assert session.exec(select(CoverRequest)).all() == []
    assert line.inbox(ANA) == [] and line.inbox(BEN) == []


def test_the_shifts_page_lists_a_hole_at_three_in_the_morning_and_not_closed_hours(app, line):
    line.load(roster_with_a_hole())
    with time_machine.travel(local("2026-03-10T12:00"), tick=False):
        client = coordinator(app)
        page = client.get(f"/console/lines/{line_id()}/shifts", headers=HTML).text
        home = client.get("/console/", headers=HTML).text
    table = page.split('<table id="gaps">')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table)
    assert rows == [("substance use", "Tue 2026-03-10 20:00", "Wed 2026-03-11 04:00")]
    assert f'href="/console/lines/{line_id()}/shifts"' in home


def test_a_shift_under_way_can_be_covered_for_a_part_still_to_come(app, line):
    """On a small team someone may be on call for days on end: tonight is asked for in part."""
    client = ben(app, line)
    with time_machine.travel(local("2026-03-07T21:00"), tick=False):  # Ben's turn is under way
        page = client.get("/console/me", headers=HTML).text
        shift = shift_token(page, "Sat 2026-03-07 21:00")  # from now
        key = shift.replace(".", "-")
        assert "Sat 2026-03-07 21:00 – Sun 2026-03-08 20:00" in page and "On call now." in page
        whole = post(client, "/console/me/cover", {"shift": shift, "from": "", "to": ""},
                     page="/console/me")
        assert whole.status_code == 422
        assert field_problem(whole.text, key, "from").startswith("This shift has started")
        made = post(client, "/console/me/cover",
                    {"shift": shift, "from": "2026-03-07T23:00", "to": "2026-03-08T07:00"},
                    page="/console/me")
        assert made.status_code == 302
        line.work()
    code = code_in(line.last(DEE))
    asked = f"Can you cover Sat Mar 7, 23:00–07:00 (mental health)? Reply TAKE {code}"
    assert line.last(DEE) == asked
