"""A coordinator's "offer again": a case still waiting for a responder starts a fresh round.

The offers still running close (their calls end), and the engine picks again as if nobody
had been asked: a responder who let it pass earlier may be free now. Backup alerts stay open,
so whoever was alerted can still take it.
"""

from __future__ import annotations

from sqlmodel import select

from hotline.cases.work import UnitOfWork
from hotline.dispatch import legs, offers
from hotline.infra.models import Case, Offer, utcnow
from routing import dispatch


class _NobodyFree(Exception):
    """Nobody on call could be offered the case: undo the closing of its offers."""


def offer_again(uow: UnitOfWork, case: Case) -> bool:
    """Offer a case being offered to whoever is on call now; False when nobody could be
    offered it (nothing changes then) or it is not waiting for a responder."""
    if case.status != "offering":
        return False
    running = uow.session.exec(select(Offer).where(
        Offer.case_id == case.id, Offer.status == "open", Offer.expires_at.is_not(None))).all()
    try:
        with uow.session.begin_nested():
            for offer in running:
                offer.status, offer.answered_at = "closed", utcnow()
            uow.session.flush()
            if not isinstance(offers.advance(uow, case, fresh=True), dispatch.Offer):
                raise _NobodyFree
    except _NobodyFree:
        return False
    legs.end(uow, [offer.id for offer in running])
    return True
