"""Line hours: outside them a text or a call is told when the line opens, with the resources,
and no responder is woken; inside them the line works as always. The clock is set, not read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import Case
from tests.hotline.line import ANA, BEN, CY, DEE, roster, spoken

PERSON = "+15555550123"
CALLER = "+15555550177"
WEEKDAYS = [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:00"}]
NIGHTS = [{"days": ["fri", "sat"], "from": "20:00", "to": "08:00"}]


def local(when: str) -> datetime:
    """A wall-clock time on the line (America/Los_Angeles, the roster's timezone)."""
    return datetime.fromisoformat(when).replace(tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.mark.parametrize("hours, now, opens", [
    (WEEKDAYS, "2026-03-07T12:00", "Monday 09:00"),  # Saturday, the day before DST begins
    (WEEKDAYS, "2026-03-09T08:59", "Monday 09:00"),  # a minute early
    (WEEKDAYS, "2026-03-09T17:00", "Tuesday 09:00"),  # the minute it closes
    (WEEKDAYS, "2026-03-13T23:30", "Monday 09:00"),  # Friday night
    (NIGHTS, "2026-03-14T08:00", "Saturday 20:00"),  # overnight window just ended
])
def test_a_text_outside_line_hours_is_told_when_the_line_opens_and_wakes_no_one(
        line, hours, now, opens):
    line.load(roster(hours=hours))
    with time_machine.travel(local(now)):
        line.text(PERSON, "i relapsed and need help")
    [reply] = line.inbox(PERSON)
    assert f"opens {opens}." in reply
    assert "988" in reply
    assert [line.inbox(r) for r in (ANA, BEN, CY, DEE)] == [[], [], [], []]
    with transaction() as session:
        assert [c.status for c in session.exec(select(Case))] == ["closed"]


def test_a_spanish_text_outside_line_hours_hears_the_day_in_spanish(line):
    line.load(roster(hours=WEEKDAYS))
    with time_machine.travel(local("2026-03-13T23:30")):
        line.text(PERSON, "recaí y necesito ayuda, por favor")
    [reply] = line.inbox(PERSON)
    assert "Abre el lunes a las 09:00." in reply
    assert "Monday" not in reply


@pytest.mark.parametrize("hours, now", [
    (WEEKDAYS, "2026-03-09T09:00"), (WEEKDAYS, "2026-03-13T16:59"),
    (NIGHTS, "2026-03-14T07:59"), (NIGHTS, "2026-03-13T20:00"),
])
def test_a_text_inside_line_hours_is_answered_and_offered(line, hours, now):
    line.load(roster(hours=hours))
    with time_machine.travel(local(now)):
        line.text(PERSON, "i relapsed and need help")
    assert "confidential" in line.last(PERSON)
    assert "substance use" in line.last(BEN)


def test_a_call_outside_line_hours_hears_when_the_line_opens_and_the_resources(line):
    line.load(roster(hours=WEEKDAYS))
    with time_machine.travel(local("2026-03-07T12:00")):
        twiml = line.ring(CALLER, "CA" + "7" * 32)
    said = spoken(twiml)
    assert "opens Monday 09:00" in said and "988" in said
    assert twiml.find("Hangup") is not None
    assert line.twilio.calls == []
