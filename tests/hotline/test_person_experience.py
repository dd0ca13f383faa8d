"""The line as people live it: the right advice for the need, no silence while waiting, an
accidental STOP that breaks nothing, and no text that says something untrue. End to end:
signed webhooks, the worker, and the texts at the Twilio-compatible server."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import Case, utcnow
from tests.hotline.line import ANA, BEN, CY, DEE, roster

PERSON = "+15555550123"
GENERAL = "Call or text 988 if you are in danger."
OVERDOSE = "Not breathing? Call 911, give naloxone, do rescue breaths, stay with them."
RESOURCES = {"en": GENERAL, "es": "Llama o textea al 988 si estás en peligro.",
             "urgent": {"substance_use": {"en": OVERDOSE}}}


def the_case() -> Case:
    with transaction() as session:
        return session.exec(select(Case).order_by(Case.id.desc())).first()


def test_an_overdose_under_way_gets_the_teams_medical_advice_not_the_general_text(line):
    line.load(roster(resources=RESOURCES))
    line.text(PERSON, "my friend is not breathing, i think she overdosed")
    assert OVERDOSE in line.inbox(PERSON)
    assert GENERAL not in line.inbox(PERSON)


def test_a_calm_case_nobody_takes_gets_the_general_text(line):
    line.load(roster(resources=RESOURCES, rotations=[], backup=["Dee Park"]))
    line.text(PERSON, "i relapsed and need help")
    line.fire_timers()  # Dee, the backup, lets it pass
    assert any(GENERAL in body for body in line.inbox(PERSON))
    assert not any(OVERDOSE in body for body in line.inbox(PERSON))


def test_the_fallback_which_knows_no_case_gives_the_general_text(line):
    line.load(roster(resources=RESOURCES))
    from hotline.cases import rosters

    with transaction() as session:
        rosters.publish_resources(session)
    form = {"MessageSid": "SM" + "8" * 32, "From": PERSON, "To": line.number,
            "Body": "he's not breathing"}
    answer = line.post("/twilio/fallback", form).get_data(as_text=True)
    assert GENERAL in answer and OVERDOSE not in answer


def test_a_person_still_waiting_hears_once_that_the_line_is_still_looking(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    still = "We're still here, still finding someone for you."
    assert still not in line.inbox(PERSON)
    line.fire_timers()  # the waiting time passes (and the offer moves on to Cy)
    assert line.last(PERSON) == still
    line.fire_timers()
    line.fire_timers()
    assert line.inbox(PERSON).count(still) == 1  # at most once a case


def test_the_still_here_text_is_in_spanish_for_a_spanish_speaker(line):
    line.load()
    line.text(PERSON, "necesito ayuda para dejar las drogas")
    line.fire_timers()
    assert "Seguimos aquí, buscando a alguien para ti." in line.inbox(PERSON)


def test_a_person_whose_responder_already_came_hears_no_still_here(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    line.fire_timers()
    assert not any("still here" in body for body in line.inbox(PERSON))


def test_start_soon_after_an_accidental_stop_reopens_the_case_with_the_same_responder(line):
    line.load()
    line.text(PERSON, "my friend took too many pills and won't wake up")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    line.twilio.opted_out.add(PERSON)
    line.text(PERSON, "STOP")
    assert "STOP" in line.last(BEN)
    line.twilio.opted_out.discard(PERSON)
    line.text(PERSON, "START")
    assert "START again" in line.last(BEN) and code in line.last(BEN)
    line.text(PERSON, "sorry i pressed stop by accident. ambulance is here")
    assert line.last(BEN) == f"[{code}] sorry i pressed stop by accident. ambulance is here"
    assert not any("1 mental health" in body for body in line.inbox(PERSON))
    line.text(BEN, "good. stay with her, i'm here")
    assert line.last(PERSON) == "good. stay with her, i'm here"
    assert the_case().status == "active" and the_case().code == code


def test_start_soon_after_a_stop_while_still_offered_offers_the_case_again(line):
    line.load()
    line.text(PERSON, "my friend took too many pills and won't wake up")
    code = line.code_in(BEN)
    offered = [r for r in (ANA, BEN, CY, DEE) if any(f"YES {code}" in b for b in line.inbox(r))]
    assert {BEN, CY} <= set(offered)  # the urgent fan-out
    line.twilio.opted_out.add(PERSON)
    line.text(PERSON, "STOP")
    line.twilio.opted_out.discard(PERSON)
    seen = {r: len(line.inbox(r)) for r in (ANA, BEN, CY, DEE)}
    line.text(PERSON, "START")
    for responder in offered:  # asked again, not skipped as "already offered"
        assert any(f"YES {code}" in b for b in line.inbox(responder)[seen[responder]:])
    assert not any("couldn't reach" in body for body in line.inbox(PERSON))  # not given up on
    line.text(BEN, f"YES {code}")
    assert the_case().status == "active"
    assert "crisis team" in line.last(PERSON)


def test_start_long_after_a_stop_begins_afresh(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    line.text(PERSON, "STOP")
    with transaction() as session:
        case = session.exec(select(Case)).one()
        case.closed_at = utcnow() - timedelta(hours=2)
    line.text(PERSON, "START")
    assert not any("START again" in body for body in line.inbox(BEN))
    assert the_case().status == "closed"


def test_after_answering_the_menu_the_person_is_not_welcomed_a_second_time(line):
    line.load()
    line.text(PERSON, "hi")
    assert "You reached the crisis line" in line.last(PERSON)
    line.text(PERSON, "2")
    assert "You reached" not in line.last(PERSON)
    assert "finding someone" in line.last(PERSON) and "RED" in line.last(PERSON)


def test_the_backup_whose_offer_ran_out_gets_one_true_text_not_two(line):
    line.load(roster(rotations=[]))  # nobody on call: Dee, the backup, is offered first
    line.text(PERSON, "i relapsed and need help")
    assert "YES" in line.last(DEE)
    offered = len(line.inbox(DEE))
    line.fire_timers()
    after = line.inbox(DEE)[offered:]
    assert len(after) == 1, after
    assert "No one has taken" in after[0] and "YES" in after[0]


def test_help_lists_every_command_a_responder_has(line):
    line.load()
    line.text(CY, "HELP")
    for command in ("YES", "NO", "DONE", "URGENT", "CALL", "ON/OFF"):
        assert command in line.last(CY)


def test_a_call_offer_reads_as_one_sentence(line):
    line.load()
    greeting = line.ring("+15555550177", "CA" + "7" * 32)
    from tests.hotline.line import action

    menu = line.voice(greeting.find("Redirect").text, CallSid="CA" + "7" * 32)
    line.voice(action(menu), CallSid="CA" + "7" * 32, To=line.number, Digits="1")
    line.work()
    assert "mental health, not urgent, English" in line.last(BEN)
    assert all(line.inbox(r) == [] for r in (ANA,))
