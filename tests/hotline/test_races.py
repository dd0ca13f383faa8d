"""Races the database settles: forced interleavings that run the same on SQLite and PostgreSQL.

The threaded versions (tests/hotline/test_webhooks.py) race for real on PostgreSQL; here the
losing side is made to arrive second, so the outcome is the same on every database.
"""

from __future__ import annotations

from sqlmodel import select

from hotline.cases import lifecycle
from hotline.cases.work import unit_of_work
from hotline.dispatch import offers
from hotline.infra.db import transaction
from hotline.infra.models import Case, Offer, Responder, utcnow
from tests.hotline.line import BEN, CY, DEE

PERSON = "+15555550123"


def urgent_case_offered_to_everyone(line) -> str:
    line.load()
    line.text(PERSON, "my friend OD'd and isn't breathing")
    return line.code_in(BEN)


def offer_of(phone: str) -> tuple[int, int]:
    """(offer id, responder id) of the offer this phone got."""
    with transaction() as session:
        for offer, responder in session.exec(
                select(Offer, Responder).join(Responder, Responder.id == Offer.responder_id)):
            if responder.phone == phone:
                return offer.id, responder.id
    raise AssertionError(f"no offer to {phone}")


def test_a_yes_read_before_another_took_the_case_loses_and_is_told_it_was_taken(line):
    code = urgent_case_offered_to_everyone(line)
    cy_offer, cy = offer_of(CY)
    line.text(BEN, f"YES {code}")
    # Cy's YES was read while the offer was open; it reaches the database after Ben's.
    with unit_of_work() as uow:
        won = offers.accept(uow, uow.session.get(Offer, cy_offer), uow.session.get(Responder, cy))
    line.work()
    assert won is False
    with transaction() as session:
        [case] = session.exec(select(Case)).all()
        assert session.get(Responder, case.responder_id).phone == BEN
    assert "taken" in line.last(CY)
    connected = [t for t in line.inbox(PERSON) if "is here with you" in t]
    assert connected == ["Ben from the crisis team is here with you now. You can text here."]


def test_a_case_someone_already_took_cannot_be_taken_again(line):
    urgent_case_offered_to_everyone(line)
    _, ben = offer_of(BEN)
    _, dee = offer_of(DEE)
    with transaction() as session:
        case = session.exec(select(Case)).one()
        assert lifecycle.take(session, case, session.get(Responder, ben), utcnow()) is True
    with transaction() as session:
        case = session.exec(select(Case)).one()
        assert lifecycle.take(session, case, session.get(Responder, dee), utcnow()) is False
        assert case.responder_id == ben and case.status == "active"


def test_a_closed_case_cannot_be_taken(line):
    code = urgent_case_offered_to_everyone(line)
    _, dee = offer_of(DEE)
    line.text(PERSON, "EXIT")
    with transaction() as session:
        case = session.exec(select(Case)).one()
        assert lifecycle.take(session, case, session.get(Responder, dee), utcnow()) is False
        assert case.status == "closed" and case.responder_id is None
    line.text(DEE, f"YES {code}")
    assert not any("is yours" in t for t in line.inbox(DEE))


def test_taking_one_case_leaves_another_person_s_waiting_case_offered(line):
    other = "+15555550199"
    line.load()
    line.text(PERSON, "i relapsed and need help")
    code = line.code_in(BEN)
    line.text(other, "my anxiety is really bad tonight")
    line.text(BEN, f"YES {code}")
    with transaction() as session:
        first, second = session.exec(select(Case).order_by(Case.id)).all()
    assert (first.status, second.status) == ("active", "offering")
    assert first.accepted_at is not None  # when it was taken: the team's response times
    assert second.responder_id is None and second.accepted_at is None
    assert not any("is here with you" in t for t in line.inbox(other))
