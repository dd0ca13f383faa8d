"""Calendar feeds: a responder's secret URL shows exactly the hours `hotline oncall` puts them on
call, overrides and line hours applied, hour by hour across a change of clocks; a line's team
feed shows everyone; a revoked URL stops working; only a hash of the token is kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
import yaml
from icalendar import Calendar
from sqlmodel import select

from hotline.cli import cli
from hotline.infra.db import transaction
from hotline.infra.shift_records import CalendarFeed
from tests.hotline.line import roster

PUBLIC = "https://line.example.org"


def feed_roster() -> dict:
    """Nights only; Ben and Ana alternate a day each from 20:00, Cy does substance use a week
    at a time; Dee covers part of Ben's night as the clocks go back (2026-11-01 02:00 PDT)."""
    return roster(
        hours=[{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "from": "18:00", "to": "09:00"}],
        rotations=[
            {"name": "MH nights", "category": "mental_health", "every": "daily",
             "start": "2026-10-01T20:00", "members": ["Ben Ortiz", "Ana Reyes"]},
            {"name": "SU", "category": "substance_use", "every": "weekly",
             "start": "2026-10-05T09:00", "members": ["Cy Lam", "Ben Ortiz"]},
        ],
        overrides=[{"rotation": "MH nights", "responder": "Dee Park", "replaces": "Ben Ortiz",
                    "from": "2026-10-31T23:00", "to": "2026-11-01T04:00"}],
    )


@pytest.fixture
def run(app, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "roster.yaml"
    path.write_text(yaml.safe_dump(feed_roster()))
    assert runner.invoke(cli, ["roster", "import", str(path)]).exit_code == 0

    def invoke(*args):
        result = runner.invoke(cli, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def fetch(app, url: str):
    return app.test_client().get(url.removeprefix(PUBLIC))


def events(body: bytes) -> list[tuple[str, datetime, datetime]]:
    """(summary, start, end) of each event, as a standard parser reads the feed."""
    calendar = Calendar.from_ical(body)
    found = []
    for event in calendar.walk("VEVENT"):
        assert str(event["TRANSP"]) == "TRANSPARENT"  # free: a calendar blocks nothing
        found.append((str(event["SUMMARY"]), event.decoded("DTSTART"), event.decoded("DTEND")))
    return found


def on_call_by_cli(run, category: str, at: datetime) -> list[str]:
    return json.loads(run("oncall", "--category", category, "--at", at.isoformat()))["on_call"]


def test_a_responders_feed_matches_hotline_oncall_every_hour_across_the_change_of_clocks(
        app, run):
    with time_machine.travel(datetime(2026, 10, 30, 19, 0, tzinfo=UTC), tick=False):
        url = run("feeds", "issue", "--responder", "Ben Ortiz").strip()
        team_url = run("feeds", "issue", "--team").strip()
        mine = fetch(app, url)
        team = fetch(app, team_url)
    assert mine.status_code == 200 and mine.mimetype == "text/calendar"
    ben = events(mine.data)
    everyone = events(team.data)
    assert {summary for summary, _, _ in ben} == {"On call: mental health",
                                                  "On call: substance use"}
    hour = datetime(2026, 10, 30, 0, 0, tzinfo=UTC)
    checked = 0
    while hour < datetime(2026, 11, 3, 0, 0, tzinfo=UTC):
        at = hour + timedelta(minutes=30)
        for category, label in (("mental_health", "mental health"),
                                ("substance_use", "substance use")):
            expected = on_call_by_cli(run, category, at)
            in_team = sorted(summary.split(": ")[0] for summary, start, end in everyone
                             if summary.endswith(label) and start <= at < end)
            assert in_team == sorted(expected), (at, category)
            in_mine = any(summary.endswith(label) and start <= at < end
                          for summary, start, end in ben)
            assert in_mine == ("Ben Ortiz" in expected), (at, category)
            checked += 1
        hour += timedelta(hours=1)
    assert checked == 2 * 96
    # The override shows: Dee has Ben's night from 23:00 PDT until 04:00 PST.
    dee = [(s, e) for summary, s, e in everyone if summary == "Dee Park: mental health"]
    assert dee == [(datetime(2026, 11, 1, 6, 0, tzinfo=UTC), datetime(2026, 11, 1, 12, 0,
                                                                       tzinfo=UTC))]


def test_a_revoked_feed_stops_working_and_no_token_is_stored(app, run):
    url = run("feeds", "issue", "--responder", "Ana Reyes").strip()
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert fetch(app, url).status_code == 200
    with transaction() as session:
        stored = [f.token_hash for f in session.exec(select(CalendarFeed))]
    assert token not in stored and len(stored) == 1
    assert "1 feed(s) revoked" in run("feeds", "revoke", "--responder", "Ana Reyes")
    assert fetch(app, url).status_code == 404
    assert fetch(app, "/calendar/not-a-token.ics").status_code == 404


def test_issuing_a_feed_for_someone_not_on_the_roster_is_a_clear_error(app):
    result = app.test_cli_runner().invoke(cli, ["feeds", "issue", "--responder", "Nobody"])
    assert result.exit_code == 2
    assert 'no responder named "Nobody"' in result.output
