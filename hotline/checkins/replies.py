"""Replies to a check-in: back to the same responder when they are on call, else offered as a
follow-up case; a "no" ends the check-ins.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import bindparam
from sqlmodel import select

from hotline.cases import rosters
from hotline.cases.lifecycle import hand_to, new_case, start_offering
from hotline.cases.parties import cancel_checkins, responder_language
from hotline.cases.work import UnitOfWork
from hotline.dispatch import offers
from hotline.infra.models import Case, CheckIn, InboundMessage, Line, Person, Responder, utcnow
from hotline.infra.words import say
from routing import checkins
from routing.oncall import on_call

REPLY_WITHIN = timedelta(days=7)  # a text this soon after a check-in is a reply to it


_LAST_SENT = (select(CheckIn).where(CheckIn.person_id == bindparam("person_id"),
                                   CheckIn.status == "sent").order_by(CheckIn.sent_at.desc()))


def last_sent(uow: UnitOfWork, person: Person) -> CheckIn | None:
    """The check-in this person's text may be answering."""
    checkin = uow.session.exec(_LAST_SENT, params={"person_id": person.id}).first()
    if checkin is None or checkin.sent_at < utcnow() - REPLY_WITHIN:
        return None
    return checkin


def reply(uow: UnitOfWork, line: Line, person: Person, checkin: CheckIn,
          message: InboundMessage) -> None:
    """A reply to a check-in: back to the same responder if on call, else a follow-up offer."""
    checkin.status = "answered"
    cancel_checkins(uow.session, person.id)
    if checkins.declines(message.body):
        return
    earlier = uow.session.get(Case, checkin.case_id)
    case = new_case(uow.session, line, person, earlier.language)
    case.followup_of = earlier.id
    start_offering(case, earlier.category, False)
    message.case_id = case.id
    responder = uow.session.get(Responder, earlier.responder_id) if earlier.responder_id else None
    roster = rosters.roster_of(line)
    if responder is not None and responder.taking_offers and responder.name in on_call(
            roster, case.category, utcnow()):
        hand_to(case, responder)
        lang = responder_language(responder)
        uow.text(responder.phone, say("followup_direct", lang, code=case.code),
                 purpose="notice", line_id=line.id, case_id=case.id, responder_id=responder.id)
        uow.text(responder.phone, say("relay", lang, code=case.code, text=message.body),
                 purpose="relay", line_id=line.id, case_id=case.id, responder_id=responder.id)
    else:
        offers.advance(uow, case)
    uow.text(person.phone, say("followup_ack", case.language), purpose="notice",
             line_id=line.id, case_id=case.id, person_id=person.id)
