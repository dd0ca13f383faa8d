"""Shifts that look after themselves: a reminder a responder confirms by text, a coordinator
told of a shift nobody confirmed, cover by text where the first TAKE wins, and the daily gap
summary. The clock is set; the jobs run through the real queue and worker paths."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from sqlmodel import select

from hotline.cases import rosters
from hotline.cases.work import unit_of_work
from hotline.infra import queue
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Line, Responder
from hotline.infra.queue import Task
from hotline.infra.shift_records import CoverRequest, ShiftReminder
from hotline.shifts import cover
from hotline.worker import sweep
from routing.oncall import on_call
from tests.hotline.line import ANA, BEN, CY, DEE, roster

COLE = "+15105550199"  # the line's coordinator
ZONE = ZoneInfo("America/Los_Angeles")


def shift_roster(**changes) -> dict:
    """Mental health nights: Ben and Ana take turns, a day each from 20:00; Cy does substance
    use. Cole coordinates. DST begins on Sunday 2026-03-08 at 02:00."""
    doc = roster(
        rotations=[
            {"name": "MH nights", "category": "mental_health", "every": "daily",
             "start": "2026-03-01T20:00", "members": ["Ben Ortiz", "Ana Reyes"]},
            {"name": "SU", "category": "substance_use", "every": "weekly",
             "start": "2026-02-02T09:00", "members": ["Cy Lam"]},
        ],
        coordinators=[{"name": "Cole Ruiz", "phone": COLE, "languages": ["en"]}],
    )
    doc.update(changes)
    return doc


def local(when: str) -> datetime:
    return datetime.fromisoformat(when).replace(tzinfo=ZONE)


def plan(line) -> None:
    """The worker's planning job, as the sweep asks for it."""
    queue.enqueue(Task.PLAN_SHIFTS)
    line.work()


def reminded_ben(line) -> None:
    """Friday 21:00: Ben's Saturday night shift is 23 hours away; he is reminded."""
    line.load(shift_roster())
    line.phones.add(COLE)
    with time_machine.travel(local("2026-03-06T21:00"), tick=False):
        plan(line)


def test_a_responder_is_reminded_of_a_shift_in_the_line_timezone_and_confirms_with_ok(line):
    reminded_ben(line)
    assert line.inbox(BEN) == [
        "Shift reminder: you're on call for mental health Sat Mar 7, 20:00 – Sun Mar 8, 20:00. "
        "Reply OK to confirm or COVER to ask for cover."]
    assert line.inbox(ANA) == []  # her shift is Sunday: not yet
    with time_machine.travel(local("2026-03-06T21:05"), tick=False):
        line.text(BEN, "ok")
        assert "is confirmed" in line.last(BEN)
    with time_machine.travel(local("2026-03-07T16:30"), tick=False):
        line.run_timers_now()
        sweep.sweep()
        line.work()
    assert line.inbox(COLE) == []  # confirmed: nobody is alerted


def test_a_reminder_in_spanish_for_a_responder_who_reads_spanish_first(line):
    doc = shift_roster(rotations=[
        {"name": "MH nights", "category": "mental_health", "every": "daily",
         "start": "2026-03-01T20:00", "members": ["Dee Park", "Ana Reyes"]}])
    doc["responders"][3]["languages"] = ["es", "en"]
    line.load(doc)
    line.phones.add(COLE)
    with time_machine.travel(local("2026-03-06T21:00"), tick=False):
        plan(line)
    [text] = line.inbox(DEE)
    assert text.startswith("Recordatorio: estás de turno para salud mental sáb 7 mar, 20:00")
    assert "Responde OK para confirmar o COVER" in text


def test_an_unconfirmed_shift_alerts_the_coordinator_hours_before_it_starts(line):
    reminded_ben(line)
    with time_machine.travel(local("2026-03-07T15:00"), tick=False):
        sweep.sweep()  # before the alert time: nothing
        line.work()
    assert line.inbox(COLE) == []
    with time_machine.travel(local("2026-03-07T16:01"), tick=False):
        line.run_timers_now()
    assert line.inbox(COLE) == [
        "Shift not confirmed: Ben Ortiz, mental health, Sat Mar 7, 20:00 – Sun Mar 8, 20:00. "
        "They were reminded and have not replied."]


def test_a_reminder_whose_job_was_lost_is_sent_by_the_sweep_once(line, app):
    line.load(shift_roster())
    with time_machine.travel(local("2026-03-06T21:00"), tick=False):
        plan(line)
        app.extensions["hotline.redis"].flushdb()  # Redis lost every job
        with transaction() as session:  # and the reminder had not gone yet
            session.exec(select(ShiftReminder)).one().status = "planned"
        before = len(line.inbox(BEN))
    with time_machine.travel(local("2026-03-06T21:01"), tick=False):
        sweep.sweep()
        line.work()
        sweep.sweep()
        line.work()
    assert len(line.inbox(BEN)) == before + 1


def test_a_responder_who_texted_stop_is_never_reminded(line):
    line.load(shift_roster())
    line.text(BEN, "STOP")
    with time_machine.travel(local("2026-03-06T21:00"), tick=False):
        plan(line)
    assert line.inbox(BEN) == []


def test_cover_reaches_the_eligible_and_the_first_take_wins(line):
    reminded_ben(line)
    with time_machine.travel(local("2026-03-06T21:10"), tick=False):
        line.text(BEN, "COVER")
        assert "We asked 2 of the team to cover your shift" in line.last(BEN)
        ask = line.last(DEE)
        code = ask.rsplit(" ", 1)[1]
        assert ask == ("Can you cover Sat Mar 7, 20:00 – Sun Mar 8, 20:00 (mental health)? "
                       f"Reply TAKE {code}")
        assert line.last(ANA).endswith(f"Reply TAKE {code}")
        assert line.inbox(CY) == []  # not on the mental health roster
        line.text(DEE, f"take {code}")
        line.text(ANA, f"TAKE {code}")
    assert line.last(DEE).startswith("It's yours")
    assert line.last(ANA) == f"Cover {code} was already taken by someone else. Thank you."
    assert line.last(BEN).startswith("Dee Park is covering your shift")
    assert line.last(COLE).startswith(f"Cover {code}: Dee Park takes Ben Ortiz's shift")
    with transaction() as session:
        row = session.exec(select(Line)).one()
        roster_now = rosters.roster_of(row)
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.kind == "shift_covered"))
        assert entry.subject == f"cover {code}" and entry.detail["responder"] == "Dee Park"
    assert on_call(roster_now, "mental_health", local("2026-03-08T03:00")) == ["Dee Park"]
    assert on_call(roster_now, "mental_health", local("2026-03-08T21:00")) == ["Ana Reyes"]


def test_a_take_read_before_another_won_loses_and_changes_nothing(line):
    reminded_ben(line)
    with time_machine.travel(local("2026-03-06T21:10"), tick=False):
        line.text(BEN, "COVER")
        code = line.last(DEE).rsplit(" ", 1)[1]
        line.text(DEE, f"TAKE {code}")
        # Ana's TAKE was read while the request was open; it reaches the database second.
        with unit_of_work() as uow:
            ana = uow.session.exec(select(Responder).where(Responder.name == "Ana Reyes")).one()
            won = cover.take(uow, ana, code)
        line.work()
    assert won is False
    assert "already taken" in line.last(ANA)
    with transaction() as session:
        request = session.exec(select(CoverRequest)).one()
        assert session.get(Responder, request.taker_id).name == "Dee Park"
        overrides = session.exec(select(Line)).one().roster["overrides"]
    assert [o["responder"] for o in overrides] == ["Dee Park"]


def test_two_takes_processed_at_the_same_instant_give_the_shift_one_taker(line, app):
    from hotline.infra.models import InboundMessage
    from hotline.worker.tasks import process_inbound

    reminded_ben(line)
    with time_machine.travel(local("2026-03-06T21:10"), tick=False):
        line.text(BEN, "COVER")
        code = line.last(DEE).rsplit(" ", 1)[1]
        for phone in (ANA, DEE):
            line.text(phone, f"TAKE {code}", work=False)
        with transaction() as session:
            ids = session.exec(select(InboundMessage.id).where(
                InboundMessage.processed_at.is_(None))).all()
        start = threading.Barrier(len(ids))

        def take(message_id):
            with app.app_context():  # the clock set above holds in every thread
                start.wait()
                process_inbound(message_id)

        threads = [threading.Thread(target=take, args=(i,)) for i in ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        line.work()
    winners = [p for p in (ANA, DEE) if line.last(p).startswith("It's yours")]
    assert len(winners) == 1
    [loser] = {ANA, DEE} - set(winners)
    assert line.last(loser) == f"Cover {code} was already taken by someone else. Thank you."
    with transaction() as session:
        overrides = session.exec(select(Line)).one().roster["overrides"]
        entries = session.exec(select(AuditEntry).where(AuditEntry.kind == "shift_covered"))
        assert len(entries.all()) == 1
    assert len(overrides) == 1


def test_the_requester_can_cancel_and_the_taker_can_give_it_back(line):
    reminded_ben(line)
    with time_machine.travel(local("2026-03-06T21:10"), tick=False):
        line.text(BEN, "COVER")
        code = line.last(DEE).rsplit(" ", 1)[1]
        line.text(DEE, f"TAKE {code}")
        line.text(BEN, f"CANCEL {code}")
        assert "Ask them to text UNTAKE" in line.last(BEN)
        line.text(DEE, f"UNTAKE {code}")
        assert line.last(DEE).startswith(f"You gave back cover {code}")
        assert "can no longer cover your shift" in line.last(BEN)
        assert line.last(ANA).endswith(f"Reply TAKE {code}")  # asked again
        with transaction() as session:
            roster_now = rosters.roster_of(session.exec(select(Line)).one())
        assert on_call(roster_now, "mental_health", local("2026-03-08T03:00")) == ["Ben Ortiz"]
        line.text(BEN, f"CANCEL {code}")
        assert line.last(BEN).startswith(f"Your request {code} is withdrawn")
        for asked in (ANA, DEE):  # told, so nobody takes a turn that is no longer free
            assert line.last(asked).startswith(f"Cover {code} for ")
            assert line.last(asked).endswith("is no longer needed. Thank you.")
        line.text(ANA, f"TAKE {code}")
        assert line.last(ANA) == f"There is no open cover request {code}."
    with transaction() as session:
        kinds = [e.kind for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert kinds == ["shift_covered", "shift_cover_dropped"]


def test_a_cover_request_nobody_takes_alerts_the_coordinators_before_the_shift(line):
    reminded_ben(line)
    with time_machine.travel(local("2026-03-06T21:10"), tick=False):
        line.text(BEN, "COVER")
        code = line.last(DEE).rsplit(" ", 1)[1]
    assert line.inbox(COLE) == []
    with time_machine.travel(local("2026-03-07T16:01"), tick=False):
        line.run_timers_now()
    assert line.inbox(COLE) == [
        f"Nobody has taken cover {code}: Ben Ortiz's shift, mental health "
        "Sat Mar 7, 20:00 – Sun Mar 8, 20:00."]


def test_unknown_words_still_get_the_help_reply_and_case_codes_still_work(line):
    line.load(shift_roster())
    line.text(BEN, "COVER")
    assert line.last(BEN).startswith("You have no upcoming shift reminder")
    line.text(BEN, "HELP")
    assert line.last(BEN).startswith("YES/NO [code]")
    assert "COVER asks for cover, TAKE [3-digit code] covers" in line.last(BEN)
    line.text(BEN, "SWAP")
    assert line.last(BEN).endswith("Text HELP for commands.")
    line.text(BEN, "TAKE 123")
    assert line.last(BEN) == "There is no open cover request 123."


def roster_with_a_hole() -> dict:
    """Nights only (20:00 to 08:00); the substance use rotation begins on Wednesday
    2026-03-11 at 04:00, so Tuesday night from 20:00 until then nobody is on call for it."""
    return shift_roster(
        hours=[{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "from": "20:00", "to": "08:00"}],
        rotations=[
            {"name": "MH nights", "category": "mental_health", "every": "daily",
             "start": "2026-03-01T20:00", "members": ["Ben Ortiz", "Ana Reyes"]},
            {"name": "SU", "category": "substance_use", "every": "daily",
             "start": "2026-03-11T04:00", "members": ["Cy Lam"]},
        ])


def test_the_gap_watch_sends_one_short_summary_of_a_hole_at_three_in_the_morning(line):
    line.load(roster_with_a_hole())
    line.phones.add(COLE)
    with time_machine.travel(local("2026-03-10T12:00"), tick=False):
        queue.enqueue(Task.WATCH_GAPS)
        line.work()
    assert line.inbox(COLE) == [
        "Gaps in the next 14 days (nobody on call): substance use Tue Mar 10, 20:00–04:00."]


def test_a_schedule_saved_in_the_console_keeps_the_coordinators_and_shift_settings(app, line):
    from tests.hotline.schedule_page import Editor, row_named
    from tests.hotline.test_console_now import coordinator

    line.load(shift_roster(shift_reminder_hours=12, shift_confirm_hours=2))
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    row = row_named(editor.form, "rotations", "name", "MH nights")
    editor.preview(**{f"rotations-{row}-start": "2026-03-02T20:00"})
    assert editor.save().status_code == 302
    with transaction() as session:
        saved = rosters.roster_of(session.exec(select(Line)).one())
    assert saved.rotations[0].start == datetime(2026, 3, 2, 20, 0)  # the edit was saved
    assert [c.phone for c in saved.coordinators] == [COLE]
    assert (saved.remind_hours, saved.confirm_hours) == (12, 2)
