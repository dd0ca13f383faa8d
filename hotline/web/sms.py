"""Twilio's webhooks for texts: an inbound text, and how an outbound one fared."""

from __future__ import annotations

from flask import Blueprint, request
from twilio.twiml.messaging_response import MessagingResponse

from hotline.infra.signature import twilio_signed
from hotline.sms import delivery, intake
from hotline.web.twiml import twiml

bp = Blueprint("twilio", __name__, url_prefix="/twilio")


@bp.post("/sms")
@twilio_signed
def sms():
    """An inbound text: committed, queued for action, answered at once with empty TwiML."""
    try:
        intake.receive(request.form)
    except intake.BadText as error:
        return {"error": str(error)}, 400
    return twiml(MessagingResponse())


@bp.post("/sms/status")
@twilio_signed
def sms_status():
    """Twilio reports how an outbound text fared."""
    sid, status = request.form.get("MessageSid"), request.form.get("MessageStatus")
    if sid and status:
        code = request.form.get("ErrorCode")
        delivery.record_status(sid, status, int(code) if code and code.isdigit() else None)
    return twiml(MessagingResponse())
