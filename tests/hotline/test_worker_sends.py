"""`hotline worker` acts on each inbound text as it comes and sends the urgent texts it decides
itself, at once: a person's first answer and the offer leave without waiting in Redis behind
other people's work. Urgent work already queued still goes first, and a send that fails is
tried again from the queue and arrives once."""

from __future__ import annotations

import pytest
from rq import Queue

from hotline.infra import handoff
from hotline.infra.queue import RUNNER, URGENT, queue, queues
from hotline.worker import tasks
from hotline.worker.sender import Sender
from tests.hotline.line import BEN

PERSON = "+15555550123"
OTHER = "+15555550456"
SAD = "i feel hopeless and can't get out of bed"  # mental health: offered to Ben first


@pytest.fixture
def sender(app):
    """The sender `hotline worker` installs on its app; closed (its texts all out) after."""
    sender = app.extensions[RUNNER] = Sender(app)
    yield sender
    app.extensions.pop(RUNNER, None)
    sender.close()


def waiting_on(name: str) -> int:
    return Queue(name, connection=queue().connection).count


def queued_sends() -> list[str]:
    """The send jobs waiting on any queue (the webhook may also have queued a drain_intake,
    as it does when no `hotline worker` announced itself)."""
    return [job.func_name for q in queues() for job in q.jobs if ".send_" in job.func_name]


def first_answers(line, phone: str) -> list[str]:
    """The line's first answer to a person ("we're finding someone ... Text RED")."""
    return [body for body in line.inbox(phone) if "Text RED" in body]


def queued(task: str) -> int:
    return sum(job.func_name.endswith("." + task) for q in queues() for job in q.jobs)


def test_the_worker_acts_on_a_text_and_sends_its_answer_and_offer_itself(line, sender):
    line.load()
    line.text(PERSON, SAD, work=False)
    assert handoff.Intake(tasks.process_inbound, wait=1).next() is not None
    sender.close()  # every text it took is out
    assert len(first_answers(line, PERSON)) == 1
    assert "YES" in line.last(BEN)
    assert queued_sends() == []  # nothing went through Redis
    line.work()  # and nothing is left to send twice
    assert len(first_answers(line, PERSON)) == 1
    assert len([body for body in line.inbox(BEN) if "YES" in body]) == 1


def test_a_send_twilio_refuses_for_now_is_tried_again_from_the_queue_and_arrives_once(
        line, twilio, sender):
    line.load()
    twilio.fail_next(1, status=503)
    line.text(PERSON, SAD, work=False)
    handoff.Intake(tasks.process_inbound, wait=1).next()
    sender.close()
    assert len(line.inbox(PERSON)) + len(line.inbox(BEN)) == 1  # one of the two failed
    assert line.run_timers_now() >= 1  # its second try, queued for a moment later
    assert len(first_answers(line, PERSON)) == 1
    assert len([body for body in line.inbox(BEN) if "YES" in body]) == 1


def test_a_new_text_waits_its_turn_while_urgent_work_is_queued(line):
    """Without the worker's own sender (plain RQ), the first person's answer and offer wait
    on the urgent queue; the next person's text is not acted on ahead of them."""
    line.load()
    intake = handoff.Intake(tasks.process_inbound, wait=1)
    line.text(PERSON, SAD, work=False)
    intake.next()
    assert waiting_on(URGENT) == 2  # the answer and the offer, not yet sent
    line.text(OTHER, SAD, work=False)
    assert intake.next() is not None
    assert line.inbox(OTHER) == []  # not acted on here: queued behind the urgent work
    assert queued("process_inbound") == 1
    line.work()
    first_to = [message["to"] for message in line.twilio.messages]
    assert first_to.index(PERSON) < first_to.index(OTHER)
    assert len(first_answers(line, OTHER)) == 1


def test_a_full_sender_leaves_the_rest_to_the_queue_for_any_worker(line, app):
    line.load()
    full = app.extensions[RUNNER] = Sender(app, most=1)  # room for one text only
    try:
        line.text(PERSON, SAD, work=False)
        handoff.Intake(tasks.process_inbound, wait=1).next()
        full.close()
        assert line.inbox(PERSON) == [] and line.inbox(BEN) == []  # two texts: both queued
        assert waiting_on(URGENT) == 2
    finally:
        app.extensions.pop(RUNNER, None)
    line.work()
    assert len(first_answers(line, PERSON)) == 1
    assert "YES" in line.last(BEN)


def test_an_empty_intake_returns_after_its_wait(line):
    assert handoff.Intake(tasks.process_inbound, wait=1).next() is None
    assert line.twilio.messages == []
