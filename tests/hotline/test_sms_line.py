"""The SMS line end to end: signed webhook → database → RQ worker → Twilio-compatible server."""

from __future__ import annotations

import threading

from sqlmodel import select

from hotline.infra.crypto import phone_hash
from hotline.infra.db import transaction
from hotline.infra.models import Case, InboundMessage, OutboundMessage
from tests.hotline.line import ANA, BEN, CY, DEE

PERSON = "+15555550123"
OTHER = "+15555550199"
RESPONDERS = (ANA, BEN, CY, DEE)


def cases() -> list[Case]:
    with transaction() as session:
        return list(session.exec(select(Case).order_by(Case.id)))


def test_a_clear_first_text_is_acknowledged_and_offered_to_one_responder(line):
    line.load()
    response = line.text(PERSON, "i relapsed and need help")
    assert response.status_code == 200
    assert "confidential" in line.last(PERSON).lower()
    assert "STOP" in line.last(PERSON)
    offered = [r for r in RESPONDERS if line.inbox(r)]
    assert offered == [BEN]  # substance use: Ben and Cy on call, Ben listed first
    offer = line.last(BEN)
    assert "substance use" in offer and "YES" in offer
    [case] = cases()
    assert case.category == "substance_use" and case.status == "offering"


def test_yes_with_the_code_connects_and_texts_relay_both_ways(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    assert "Ben" in line.last(PERSON)
    assert any("i relapsed and need help" in body for body in line.inbox(BEN))
    line.text(PERSON, "thank you, I'm at home 🙏")
    assert line.last(BEN) == f"[{code}] thank you, I'm at home 🙏"
    line.text(BEN, "I'm here. Are you safe right now?")
    assert line.last(PERSON) == "I'm here. Are you safe right now?"


def test_no_text_ever_shows_a_number_to_the_other_side(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(BEN, f"yes {code}")
    line.text(PERSON, "my number is not for you")
    line.text(BEN, "ok")
    for message in line.twilio.messages:
        assert message["from_"] == line.number
        if message["to"] in RESPONDERS:
            assert PERSON not in message["body"] and PERSON[2:] not in message["body"]
        else:
            assert not any(r in message["body"] or r[2:] in message["body"] for r in RESPONDERS)


def test_a_forged_or_unsigned_webhook_gets_403_and_changes_nothing(line):
    line.load()
    form = {"MessageSid": "SM" + "f" * 32, "From": PERSON, "To": line.number, "Body": "hi"}
    assert line.post("/twilio/sms", form, signature="forged").status_code == 403
    assert line.client.post("/twilio/sms", data=form).status_code == 403
    line.work()
    assert line.twilio.messages == []
    with transaction() as session:
        assert session.exec(select(InboundMessage)).all() == []


def test_a_repeated_message_sid_is_one_case_and_one_offer(line):
    line.load()
    for _ in range(5):
        assert line.text(PERSON, "i relapsed", sid="SM" + "a" * 32, work=False).status_code == 200
    line.work()
    assert len(cases()) == 1
    assert len(line.inbox(BEN)) == 1
    assert len(line.inbox(PERSON)) == 1


def test_an_offer_moves_on_after_the_timeout_and_a_late_yes_connects_nothing(line):
    line.load()
    line.text(PERSON, "i feel hopeless and can't get out of bed")
    code = line.code_in(BEN)
    assert line.inbox(ANA) == []
    assert line.fire_timers() == 2  # the offer's timeout, and the person's "still here"
    assert "ended" in line.last(BEN)
    assert code in line.last(ANA)
    line.text(BEN, f"YES {code}")
    assert "ended" in line.last(BEN) or "taken" in line.last(BEN)
    assert cases()[0].status == "offering"
    line.text(ANA, f"YES {code}")
    [case] = cases()
    assert case.status == "active"
    assert "Ana" in line.last(PERSON)


def test_no_moves_the_offer_on_at_once(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    code = line.code_in(BEN)
    line.text(BEN, f"NO {code}")
    assert code in line.last(ANA)


def test_after_on_call_and_backup_the_person_gets_resources_and_backup_is_alerted(line):
    line.load()
    line.text(PERSON, "my anxiety is really bad tonight")
    line.fire_timers()  # Ben → Ana
    line.fire_timers()  # Ana → Dee (backup)
    assert line.code_in(DEE)
    line.fire_timers()  # Dee → escalate
    assert "988" in line.last(PERSON)
    alert = line.last(DEE)
    assert "No one has taken" in alert
    code = line.code_in(DEE)
    line.text(DEE, f"YES {code}")
    assert cases()[0].status == "active"


def test_an_urgent_text_reaches_every_on_call_and_backup_responder_and_one_yes_wins(line):
    line.load()
    line.text(PERSON, "my friend OD'd and isn't breathing")
    code = line.code_in(BEN)
    for phone in (BEN, CY, DEE):
        assert "URGENT" in line.last(phone)
    assert line.inbox(ANA) == []  # not on call for substance use, not backup
    assert "988" in " ".join(line.inbox(PERSON))
    line.text(CY, f"YES {code}", work=False)
    line.text(BEN, f"YES {code}", work=False)
    line.work()
    [case] = cases()
    assert case.status == "active"
    assert "taken" in line.last(BEN) and "taken" in line.last(DEE)
    assert any("is yours" in body for body in line.inbox(CY))


def test_a_bare_help_gets_the_menu_and_2_routes_to_substance_use(line):
    line.load()
    line.text(PERSON, "help")
    assert "1 mental health" in line.last(PERSON)
    line.text(PERSON, "2")
    assert cases()[0].category == "substance_use"
    assert "substance use" in line.last(BEN)


def test_a_spanish_text_is_answered_in_spanish_and_offered_to_a_spanish_speaker_first(line):
    line.load()
    line.text(PERSON, "me siento muy triste y sin esperanza")
    assert "confidencial" in line.last(PERSON)
    assert line.inbox(BEN) == []
    assert "Spanish" in line.last(ANA) or "español" in line.last(ANA)


def test_after_stop_nothing_more_goes_to_the_person_and_their_responder_is_told(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(BEN, f"YES {code}")
    sent_before = len(line.inbox(PERSON))
    line.text(PERSON, "STOP")
    assert "STOP" in line.last(BEN)
    line.text(BEN, "are you still there?")
    assert len(line.inbox(PERSON)) == sent_before
    line.text(PERSON, "START")
    assert "back in touch" in line.last(PERSON)


def test_a_21610_refusal_is_recorded_and_never_retried(line):
    line.load()
    line.twilio.opted_out.add(PERSON)
    line.text(PERSON, "i relapsed and need help")
    line.work()
    line.fire_timers()
    with transaction() as session:
        refused = session.exec(select(OutboundMessage).where(
            OutboundMessage.to_hash == phone_hash(PERSON))).all()
    assert refused and all(m.status == "refused" and m.error_code == 21610 for m in refused)
    attempts = [r for r in line.twilio.requests if r["form"].get("To") == PERSON]
    assert len(attempts) == 1


def test_an_empty_or_picture_only_text_gets_a_kind_answer(line):
    line.load()
    line.text(PERSON, "", media=1)
    assert "only words" in line.last(PERSON)
    assert cases() == []


def test_a_busy_responder_is_offered_last_and_with_two_cases_is_asked_for_the_code(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    first = line.code_in(BEN)
    line.text(BEN, f"YES {first}")
    line.text(OTHER, "i can't stop drinking")
    second = line.code_in(CY)
    line.text(CY, f"NO {second}")
    line.text(DEE, f"NO {second}")  # backup passes too: only busy Ben is left
    assert second in line.last(BEN)
    line.text(BEN, f"YES {second}")
    assert any("start each reply" in body for body in line.inbox(BEN))
    line.text(BEN, "hello")
    assert "Start your reply with the case code" in line.last(BEN)
    line.text(BEN, f"{second} hi, I'm Ben")
    assert line.last(OTHER) == "hi, I'm Ben"


def test_done_closes_the_case_and_the_person_is_asked_once_about_a_check_in(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    line.text(BEN, "done")
    assert cases()[0].status == "closed"
    assert "check-in" in line.last(PERSON) and "4 it's not safe" in line.last(PERSON)


def test_a_responder_who_texts_stop_gets_no_more_offers_and_nothing_is_relayed(line):
    line.load()
    line.text(BEN, "STOP")
    line.text(PERSON, "i relapsed and need help")
    assert line.inbox(BEN) == []
    assert "substance use" in line.last(CY)


def test_a_stale_timeout_after_acceptance_does_nothing(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    sent = len(line.twilio.messages)
    assert line.fire_timers() == 2  # the offer's timeout, and the person's "still here"
    assert len(line.twilio.messages) == sent  # neither has anything left to say
    assert cases()[0].responder_id is not None and cases()[0].status == "active"


def test_a_responder_who_is_off_is_skipped_and_on_brings_offers_back(line):
    line.load()
    line.text(BEN, "off")
    assert "OFF" in line.last(BEN)
    line.text(PERSON, "i relapsed and need help")
    assert "substance use" in line.last(CY)
    line.text(BEN, "On")
    line.text(OTHER, "i can't stop drinking")
    assert "substance use" in line.last(BEN)


def test_a_person_texting_while_waiting_is_told_and_their_words_reach_the_responder(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    line.text(PERSON, "please hurry")
    assert "still finding someone" in line.last(PERSON)
    line.text(BEN, f"YES {line.code_in(BEN)}")
    assert any("please hurry" in body for body in line.inbox(BEN))


def test_danger_while_waiting_makes_the_case_urgent_and_reaches_everyone(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    assert line.inbox(CY) == []
    line.text(PERSON, "he shot up and now he's unresponsive")
    assert "URGENT" in line.last(CY) and "URGENT" in line.last(DEE)


def test_after_stop_a_new_text_opens_no_case_and_wakes_no_responder(line):
    line.load()
    line.text(PERSON, "STOP")
    line.text(PERSON, "i relapsed and need help")
    line.text(PERSON, "please answer")
    assert cases() == []
    assert [line.inbox(r) for r in RESPONDERS] == [[], [], [], []]
    assert line.inbox(PERSON) == []
    line.text(PERSON, "START")
    assert "back in touch" in line.last(PERSON)


def test_a_text_left_half_sent_by_a_dead_worker_is_not_sent_after_the_person_texts_stop(line):
    from datetime import timedelta

    from sqlalchemy import update

    from hotline.infra.handoff import INTAKE_KEY
    from hotline.infra.models import utcnow
    from hotline.infra.queue import queue, queues
    from hotline.worker.sweep import sweep
    from hotline.worker.tasks import process_inbound

    line.load()
    line.text(PERSON, "i relapsed and need help", work=False)
    with transaction() as session:
        [inbound] = session.exec(select(InboundMessage.id)).all()
    queue().connection.delete(INTAKE_KEY)
    process_inbound(inbound)  # the acknowledgement is decided; a worker claims it, then dies
    for q in queues():
        q.empty()
    long_ago = utcnow() - timedelta(minutes=10)
    with transaction() as session:
        session.execute(update(OutboundMessage)
                        .where(OutboundMessage.to_hash == phone_hash(PERSON))
                        .values(status="sending", claimed_at=long_ago, created_at=long_ago))
    line.text(PERSON, "STOP")
    assert sweep()["outbound"] >= 1  # the half-sent text is found again
    line.work()
    assert line.inbox(PERSON) == []
    with transaction() as session:
        statuses = session.exec(select(OutboundMessage.status).where(
            OutboundMessage.to_hash == phone_hash(PERSON))).all()
    assert statuses and set(statuses) == {"cancelled"}


def test_a_text_acted_on_while_its_case_is_being_taken_still_reaches_the_responder(
        line, app, monkeypatch):
    """The person's job reads the case as still offered, and the responder's YES commits
    before that job does: the text must reach the responder all the same (found by
    scripts/chaos: a text kept for the responder's history after the history was sent)."""
    from hotline.sms import intake, people

    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(PERSON, "thank you for answering", sid="SM" + "7" * 32, work=False)
    line.text(BEN, f"YES {code}", sid="SM" + "8" * 32, work=False)
    with transaction() as session:
        ids = {m.sid: m.id for m in session.exec(select(InboundMessage))}
    read, accepted = threading.Event(), threading.Event()
    original = people.open_case

    def open_case_then_pause(session, person):
        case = original(session, person)
        if threading.current_thread().name == "person" and not read.is_set():
            read.set()
            accepted.wait(2)  # on SQLite the YES waits for this transaction instead
        return case

    monkeypatch.setattr(people, "open_case", open_case_then_pause)

    def person_job():
        with app.app_context():
            intake.process(ids["SM" + "7" * 32])

    def responder_job():
        with app.app_context():
            intake.process(ids["SM" + "8" * 32])
        accepted.set()

    person = threading.Thread(target=person_job, name="person")
    person.start()
    assert read.wait(10)
    responder = threading.Thread(target=responder_job)
    responder.start()
    responder.join(30)
    person.join(30)
    line.work()
    assert any("Ben" in body for body in line.inbox(PERSON))
    assert sum("thank you for answering" in body for body in line.inbox(BEN)) == 1
