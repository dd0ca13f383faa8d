"""Danger is never decided once: the danger word, danger read in a later text, a responder's
URGENT, and a menu nobody answers all still reach people, through the real queue and the
Twilio-compatible server."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import Case, utcnow
from hotline.infra.queue import queue
from hotline.worker.sweep import sweep
from tests.hotline.line import ANA, BEN, CY, DEE

PERSON = "+15555550123"
RESPONDERS = (ANA, BEN, CY, DEE)


def the_case() -> Case:
    with transaction() as session:
        [case] = session.exec(select(Case)).all()
        return case


def offered(line, key: str = "YES") -> list[str]:
    return [r for r in RESPONDERS if any(key in body for body in line.inbox(r))]


def test_the_first_answer_to_a_calm_text_names_the_danger_word(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    assert "Text RED" in line.last(PERSON)
    line.text("+15555550124", "me siento muy sola y triste")
    assert "ROJO" in line.last("+15555550124")


def test_danger_read_in_a_later_text_offers_the_case_to_everyone_at_once(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    assert offered(line) == [BEN]  # one at a time: mental health, Ben first
    line.text(PERSON, "i have the pills in my hand right now")
    assert the_case().urgent
    assert "URGENT" in line.last(BEN)  # the responder already holding the offer is told
    assert {ANA, DEE} <= set(offered(line, "URGENT"))  # the rest of on call, and backup
    assert "988" in line.last(PERSON)


def test_the_danger_word_while_waiting_does_the_same(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    line.text(PERSON, "red")
    assert the_case().urgent
    assert {ANA, BEN, DEE} <= set(offered(line, "URGENT"))


def test_the_danger_word_after_a_responder_took_the_case_alerts_them(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.text(PERSON, "RED")
    assert line.inbox(BEN)[-2] == f"[{code}] RED"  # the words still reach them
    assert line.last(BEN).startswith(f"URGENT: case {code}")
    assert the_case().urgent and the_case().status == "active"


def test_a_later_text_that_reads_as_danger_alerts_the_responder_who_has_the_case(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.text(PERSON, "i just took all my pills")
    assert line.last(BEN).startswith(f"URGENT: case {code}")


def test_urgent_from_the_responder_who_has_the_case_calls_everyone_on_call_for_backup(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.text(BEN, f"URGENT {code}")
    assert the_case().urgent
    assert "urgent" in line.last(BEN).lower()
    assert "Ben asked for backup" in line.last(ANA)
    assert "Ben asked for backup" in line.last(DEE)
    assert not any("backup" in body for body in line.inbox(PERSON))


def test_urgent_on_an_offer_one_at_a_time_offers_it_to_everyone(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(BEN, f"urgent {code}")
    assert the_case().urgent and the_case().status == "offering"
    assert {ANA, DEE} <= set(offered(line, "URGENT"))


def test_urgent_with_a_code_that_is_not_theirs_changes_nothing(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(CY, f"URGENT {code}")
    assert not the_case().urgent
    assert "no open case" in line.last(CY)
    assert offered(line) == [BEN]


def test_an_unanswered_menu_reaches_a_responder_on_call_for_any_need(line):
    line.load()
    line.text(PERSON, "hey")
    assert "1 mental health" in line.last(PERSON)
    assert offered(line) == []
    line.fire_timers()  # the minute passes
    case = the_case()
    assert case.status == "offering" and case.category is None
    [first] = offered(line)
    assert "need unclear" in line.last(first)
    assert "RED" in line.last(PERSON)


def test_an_answered_menu_is_not_offered_again_when_its_timer_fires(line):
    line.load()
    line.text(PERSON, "hey")
    line.text(PERSON, "2")
    line.fire_timers()
    assert the_case().category == "substance_use"
    assert sum("YES" in body for r in RESPONDERS for body in line.inbox(r)) >= 1
    assert all("need unclear" not in body for r in RESPONDERS for body in line.inbox(r))


def test_a_menu_timeout_lost_with_redis_is_found_by_the_sweep(line):
    line.load()
    line.text(PERSON, "hey")
    queue().connection.flushdb()  # the scheduled timeout is gone
    with transaction() as session:
        case = session.exec(select(Case)).one()
        case.created_at = utcnow() - timedelta(minutes=5)
    assert sweep()["menus"] == 1
    line.work()
    assert the_case().status == "offering"
    assert len(offered(line)) == 1


def test_the_danger_word_as_a_first_text_reaches_everyone_on_call_at_once(line):
    line.load()
    line.text(PERSON, "RED")
    case = the_case()
    assert case.urgent and case.status == "offering"
    assert set(offered(line, "URGENT")) == {ANA, BEN, CY, DEE}
