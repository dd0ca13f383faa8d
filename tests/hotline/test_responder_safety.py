"""Only current responders act for the line, only on cases that were theirs, and nothing is
done in a responder's name without their phone hearing of it."""

from __future__ import annotations

from datetime import timedelta

import yaml
from sqlalchemy import update
from sqlmodel import select

from hotline.cli import cli
from hotline.infra.db import transaction
from hotline.infra.models import Case, utcnow
from tests.hotline.line import BEN, CY, DEE, action, roster

PERSON = "+15555550123"
CALLER = "+15555550177"
SID = "CA" + "7" * 32


def without_ben() -> dict:
    doc = roster()
    doc["responders"] = [r for r in doc["responders"] if r["phone"] != BEN]
    for rotation in doc["rotations"]:
        rotation["members"] = [m for m in rotation["members"] if m != "Ben Ortiz"]
        rotation["per_shift"] = len(rotation["members"])
    return doc


def import_roster(app, tmp_path, doc) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(yaml.safe_dump(doc))
    result = app.test_cli_runner().invoke(cli, ["roster", "import", str(path)])
    assert result.exit_code == 0, result.output


def test_a_responder_taken_off_the_roster_loses_their_cases_and_they_are_offered_again(
        line, app, tmp_path):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    import_roster(app, tmp_path, without_ben())
    line.work()
    assert code in line.last(CY)  # the case is offered again to who is on call
    line.text(BEN, "hey, still there? it's me")
    assert "still there" not in line.last(PERSON)
    line.text(CY, f"YES {code}")
    assert any("i relapsed" in body for body in line.inbox(CY))
    line.text(CY, "I'm here with you now")
    assert line.last(PERSON) == "I'm here with you now"


def voicemail(line) -> str:
    """A caller chooses safety planning, nobody takes it, they leave a voicemail."""
    greeting = line.ring(CALLER, SID)
    menu = line.voice(greeting.find("Redirect").text, CallSid=SID)
    waiting = line.voice(action(menu), CallSid=SID, To=line.number, Digits="3")
    line.work()
    queued = line.voice(waiting.find("Enqueue").get("action"), CallSid=SID, QueueResult="leave")
    line.work()
    line.voice(action(queued, "Record"), CallSid=SID, RecordingSid="RE" + "1" * 32,
               RecordingUrl="https://api.twilio.com/recordings/RE1")
    line.work()
    with transaction() as session:
        return session.exec(select(Case)).one().code


def test_call_works_only_for_a_responder_who_was_offered_or_alerted_and_only_for_a_while(line):
    line.load()
    code = voicemail(line)
    line.text(BEN, f"CALL {code}")  # never offered this case, never alerted
    assert line.calls_to(BEN) == []
    assert "no call case" in line.last(BEN)
    line.text(DEE, f"CALL {code}")  # the backup list got the voicemail alert
    assert len(line.calls_to(DEE)) == 1
    with transaction() as session:
        session.execute(update(Case).values(created_at=utcnow() - timedelta(days=4)))
    line.text(DEE, f"CALL {code}")
    assert len(line.calls_to(DEE)) == 1
    assert "no call case" in line.last(DEE)


def test_a_relay_is_echoed_to_the_responder_it_was_sent_in_the_name_of(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.text(BEN, "Where are you right now? Are you somewhere safe tonight?")  # or a spoofer
    assert line.last(PERSON) == "Where are you right now? Are you somewhere safe tonight?"
    echo = line.last(BEN)
    assert echo.startswith(f"[{code}] sent: Where are you right now?")
    assert "not you?" in echo
