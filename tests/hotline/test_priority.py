"""The right work first: a flood of check-ins from the line's number never holds back an offer
to a responder or the answer to a person who just texted, and a person's own texts are still
acted on in the order they were sent."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rq import SimpleWorker
from sqlmodel import select

from hotline.cases.rosters import line_for
from hotline.infra import queue
from hotline.infra.crypto import phone_hash
from hotline.infra.db import transaction
from hotline.infra.models import Case, CheckIn, InboundMessage, Person, utcnow
from hotline.infra.queue import Task, queues
from tests.hotline.line import BEN

PERSON = "+15555550123"
FLOOD = 20


@pytest.fixture(autouse=True)
def daytime():
    """Noon on the line (check-ins go out between 9 am and 9 pm there), the clock running on."""
    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles"))):
        yield


def flood_of_checkins(number: str, count: int = FLOOD, first: int = 0) -> list[str]:
    """`count` people who said yes to check-ins (numbered from `first`), each one's now due
    and its job queued; their phones."""
    phones = [f"+1555777{i:04d}" for i in range(first, first + count)]
    with transaction() as session:
        line = line_for(session, number)
        ids = []
        for i, phone in enumerate(phones, start=first):
            person = Person(line_id=line.id, phone=phone, phone_hash=phone_hash(phone))
            session.add(person)
            session.flush()
            case = Case(line_id=line.id, person_id=person.id, code=f"{7000 + i}",
                        status="closed", consent="any", closed_at=utcnow())
            session.add(case)
            session.flush()
            checkin = CheckIn(line_id=line.id, case_id=case.id, person_id=person.id,
                              window="any", due_at=utcnow() - timedelta(seconds=1))
            session.add(checkin)
            session.flush()
            ids.append(checkin.id)
    for checkin_id in ids:
        queue.enqueue(Task.SEND_CHECKIN, checkin_id)
    return phones


def test_an_offer_leaves_before_a_flood_of_check_ins_queued_ahead_of_it(line):
    line.load()
    flooded = flood_of_checkins(line.number)
    line.text(PERSON, "i relapsed and need help", work=False)
    line.work()
    order = [m["to"] for m in line.twilio.messages]
    assert sum(to in flooded for to in order) == FLOOD  # every check-in went out
    first_checkin = min(i for i, to in enumerate(order) if to in flooded)
    assert BEN in order[:first_checkin], "the offer waited behind check-ins"
    assert PERSON in order[:first_checkin], "the person's answer waited behind check-ins"
    assert "substance use" in line.last(BEN)


def test_a_persons_texts_are_acted_on_in_the_order_they_sent_them(line):
    line.load()
    flood_of_checkins(line.number)
    line.text(PERSON, "i relapsed and need help", work=False)
    line.text(PERSON, "i am at the park on 5th", work=False)
    line.text(PERSON, "please hurry", work=False)
    line.work()
    with transaction() as session:
        stored = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert [m.processed_at is not None for m in stored] == [True, True, True]
    assert [m.processed_at for m in stored] == sorted(m.processed_at for m in stored)
    relayed = [body for body in line.inbox(BEN) if "park" in body or "hurry" in body]
    assert relayed and "park" in relayed[0]


def test_an_offer_made_while_check_ins_are_going_out_still_leaves_before_them(line):
    line.load()
    flooded = flood_of_checkins(line.number)
    SimpleWorker(queues(), connection=queue.queue().connection).work(burst=True, max_jobs=3)
    line.text(PERSON, "i relapsed and need help", work=False)  # arrives mid-flood
    line.work()
    order = [m["to"] for m in line.twilio.messages]
    first_checkin = min(i for i, to in enumerate(order) if to in flooded)
    assert BEN in order[:first_checkin], "the offer waited behind check-ins"
