"""Responders taken off the roster: their open offers close and their cases are offered again,
so nobody waits on a volunteer who no longer answers for the line."""

from __future__ import annotations

import logging

from sqlmodel import select

from hotline.cases import lifecycle
from hotline.cases.work import unit_of_work
from hotline.dispatch import legs, offers
from hotline.infra.models import Case, Offer, Responder, utcnow

log = logging.getLogger(__name__)


def hand_on_from_removed() -> int:
    """Offer again every case a removed responder had or was being offered; how many."""
    with unit_of_work() as uow:
        session = uow.session
        removed = select(Responder.id).where(Responder.in_roster == False)  # noqa: E712
        taken = session.exec(select(Case.id).where(
            Case.status == "active", Case.responder_id.in_(removed))).all()
        held = session.exec(select(Offer).where(
            Offer.status == "open", Offer.responder_id.in_(removed))).all()
        legs.end(uow, [offer.id for offer in held])
        for offer in held:
            offer.status, offer.answered_at = "closed", utcnow()
        ids = sorted(set(taken) | {offer.case_id for offer in held})
        for case_id in ids:
            case = lifecycle.locked_case(session, case_id)
            if case.status == "active":
                lifecycle.give_back(case)
            if case.status == "offering":
                session.flush()
                offers.advance(uow, case)
    if ids:
        log.warning("%d case(s) of responders taken off the roster offered again", len(ids))
    return len(ids)
