"""The call legs dispatch decides on: ringing a responder with an offer, calling back one who
took a call by text, a responder's `CALL <code>`, sending a caller nobody took to voicemail,
and hanging up legs that must stop ringing.

Each is a `VoiceCall` row written in the deciding unit of work; the voice capability's jobs
place, steer and end them through Twilio.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hotline.cases.work import UnitOfWork
from hotline.infra import voice_urls
from hotline.infra.models import Case, Offer, OutboundMessage, Responder, VoiceCall, utcnow
from hotline.infra.queue import Task


def ring(uow: UnitOfWork, case: Case, offer: Offer, responder: Responder) -> None:
    """Ring a responder with an offer of a call; only their keypress takes it."""
    leg = VoiceCall(line_id=case.line_id, role="offer", case_id=case.id, offer_id=offer.id,
                    responder_id=responder.id, to_number=responder.phone,
                    path=voice_urls.offer(offer.id))
    uow.call(leg)


def bridge(uow: UnitOfWork, case: Case, responder: Responder) -> None:
    """Call a responder who took a call by text, to join them to the waiting caller."""
    uow.call(VoiceCall(line_id=case.line_id, role="bridge", case_id=case.id,
                       responder_id=responder.id, to_number=responder.phone,
                       path=voice_urls.bridge(case.id)))


def send_caller_to_voicemail(uow: UnitOfWork, case: Case) -> None:
    """A waiting caller whom nobody took hears the resources and can leave a voicemail."""
    holding = uow.session.exec(select(VoiceCall).where(
        VoiceCall.case_id == case.id, VoiceCall.role == "caller",
        VoiceCall.status == "holding")).all()
    for leg in holding:
        leg.status = "redirected"
        uow.later(0, Task.REDIRECT_CALL, leg.id, voice_urls.nobody(case.id, case.language))


def end(uow: UnitOfWork, offer_ids: list[int]) -> None:
    """Hang up the call legs that rang responders with these offers."""
    if not offer_ids:
        return
    legs = uow.session.exec(select(VoiceCall).where(
        VoiceCall.offer_id.in_(offer_ids), VoiceCall.ended_at.is_(None)))
    for leg in legs:
        uow.later(0, Task.END_CALL, leg.id)


def end_responder_legs(uow: UnitOfWork, case: Case) -> None:
    """Hang up every responder leg of a case still ringing or connected."""
    legs = uow.session.exec(select(VoiceCall).where(
        VoiceCall.case_id == case.id, VoiceCall.role.in_(("offer", "bridge")),
        VoiceCall.ended_at.is_(None)))
    for leg in legs:
        uow.later(0, Task.END_CALL, leg.id)


CALL_BACK_WITHIN = timedelta(hours=72)  # after this, a case's caller cannot be called back


def call_back(uow: UnitOfWork, responder: Responder, code: str) -> bool:
    """Place the responder's `CALL <code>` leg; False unless this responder was offered,
    alerted on (a voicemail too) or took that call case, within CALL_BACK_WITHIN."""
    cases = uow.session.exec(select(Case).where(
        Case.line_id == responder.line_id, Case.code == code, Case.channel == "voice",
        Case.created_at > utcnow() - CALL_BACK_WITHIN).order_by(Case.id.desc())).all()
    for case in cases:
        involved = (case.responder_id == responder.id
                    or uow.session.exec(select(Offer.id).where(
                        Offer.case_id == case.id, Offer.responder_id == responder.id)).first()
                    or uow.session.exec(select(OutboundMessage.id).where(
                        OutboundMessage.case_id == case.id, OutboundMessage.purpose == "voicemail",
                        OutboundMessage.responder_id == responder.id)).first())
        if involved:
            leg = VoiceCall(line_id=case.line_id, role="callback", case_id=case.id,
                            responder_id=responder.id, person_id=case.person_id,
                            to_number=responder.phone)
            uow.call(leg)
            leg.path = voice_urls.call_back(leg.id)
            return True
    return False
