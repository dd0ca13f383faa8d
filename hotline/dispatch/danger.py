"""Danger now, after the first reading: the danger word, a later text that reads as danger,
or a responder's `URGENT <code>`. The case becomes urgent and reaches everyone who should know.
"""

from __future__ import annotations

import logging

from sqlmodel import select

from hotline.cases import rosters
from hotline.cases.lifecycle import start_offering
from hotline.cases.parties import responder_language
from hotline.cases.work import UnitOfWork
from hotline.dispatch import offers
from hotline.dispatch.offers import why_note
from hotline.infra.models import Case, Line, Offer, Responder
from hotline.infra.words import category_name, language_name, say

log = logging.getLogger(__name__)


def make_urgent(uow: UnitOfWork, case: Case, why: str = "",
                by: Responder | None = None) -> None:
    """Danger now, read in a later text, texted as the danger word, or marked by a responder.

    A case still in triage goes to everyone on call at once; one offered one at a time is
    offered to everyone not yet offered, and whoever holds an open offer is told; the
    responder who has the case is alerted; a responder who marks their own case urgent gets
    everyone on call (and the backup list) alerted for backup.
    """
    if case.status == "closed":
        return
    newly = not case.urgent
    case.urgent = True
    if case.status == "triage":
        start_offering(case, case.category, urgent=True)
        offers.advance(uow, case, why=why)
    elif case.status == "offering":
        waiting = uow.session.exec(select(Offer).where(
            Offer.case_id == case.id, Offer.status == "open")).all()
        for offer in waiting if newly else []:
            responder = uow.session.get(Responder, offer.responder_id)
            lang = responder_language(responder)
            uow.text(responder.phone, say("now_urgent", lang, code=case.code,
                                          why=why_note(why, lang)),
                     purpose="offer", line_id=case.line_id, case_id=case.id,
                     responder_id=responder.id)
        offers.advance(uow, case, force=True, why=why)
    elif case.status == "active":
        holder = uow.session.get(Responder, case.responder_id)
        if by is None or by.id != holder.id:
            lang = responder_language(holder)
            uow.text(holder.phone, say("danger_holder", lang, code=case.code,
                                       why=why_note(why, lang)),
                     purpose="notice", line_id=case.line_id, case_id=case.id,
                     responder_id=holder.id)
        if by is not None:
            _call_for_backup(uow, case, holder)
    log.warning("case %s marked urgent%s", case.id, " by a responder" if by else "")


def _call_for_backup(uow: UnitOfWork, case: Case, holder: Responder) -> None:
    """Everyone on call for the case's need, and the backup list, hears that help is needed."""
    line = uow.session.get(Line, case.line_id)
    roster = rosters.roster_of(line)
    by_name = rosters.responders_by_name(uow.session, line)
    for name in dict.fromkeys([*offers.on_call_names(roster, case), *roster.backup]):
        responder = by_name.get(name)
        if responder is None or responder.id == holder.id or not responder.taking_offers:
            continue
        lang = responder_language(responder)
        uow.text(responder.phone, say("backup_needed", lang, code=case.code,
                                      name=holder.name.split()[0],
                                      category=category_name(case.category, lang),
                                      language=language_name(case.language, lang)),
                 purpose="alert", line_id=case.line_id, case_id=case.id,
                 responder_id=responder.id)
