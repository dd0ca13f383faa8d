"""Twilio's webhooks for texts: inbound, status callbacks, and the fallback that needs nothing."""

from __future__ import annotations

import json
import logging

from flask import Blueprint, current_app, request
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from hotline import inbound, outbound, rosters
from hotline.signature import twilio_signed
from hotline.words import say

log = logging.getLogger(__name__)

bp = Blueprint("twilio", __name__, url_prefix="/twilio")

FALLBACK_KEY = "hotline:fallback-inbound"


def twiml(response: MessagingResponse | VoiceResponse):
    """A TwiML reply."""
    return str(response), 200, {"Content-Type": "text/xml"}


@bp.post("/sms")
@twilio_signed
def sms():
    """An inbound text: committed, queued for action, answered at once with empty TwiML."""
    inbound.receive(request.form)
    return twiml(MessagingResponse())


@bp.post("/sms/status")
@twilio_signed
def sms_status():
    """Twilio reports how an outbound text fared."""
    sid, status = request.form.get("MessageSid"), request.form.get("MessageStatus")
    if sid and status:
        code = request.form.get("ErrorCode")
        outbound.record_status(sid, status, int(code) if code and code.isdigit() else None)
    return twiml(MessagingResponse())


@bp.post("/fallback")
@twilio_signed
def fallback():
    """Twilio calls this when the main webhook failed: the resources, with no database."""
    _keep_for_later(request.form)
    number = request.form.get("To")
    english, spanish = _resources(number, "en"), _resources(number, "es")
    if request.form.get("CallSid") and not request.form.get("MessageSid"):
        response = VoiceResponse()
        response.say(english, language="en-US")
        response.say(spanish, language="es-MX")
        return twiml(response)
    response = MessagingResponse()
    response.message(english + "\n" + spanish)
    return twiml(response)


def _resources(number: str | None, language: str) -> str:
    """The line's resources as last published from its roster, else the built-in ones."""
    return rosters.known_resources(number, language) or say("resources", language)


def _keep_for_later(form) -> None:
    """Park a text that reached only the fallback in Redis, for the sweep to store."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is None or not form.get("MessageSid"):
        return
    try:
        redis.rpush(FALLBACK_KEY, json.dumps(form.to_dict()))
    except Exception as error:
        log.error("fallback text %s could not be parked: %s", form.get("MessageSid"),
                  type(error).__name__)
