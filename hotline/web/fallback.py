"""Twilio's Fallback URL, for texts and calls: the line's resources with neither database nor
Redis needed, and the text parked for the worker to store once the database is back.
"""

from __future__ import annotations

from flask import Blueprint, request
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from hotline.cases import rosters
from hotline.infra import queue
from hotline.infra.queue import Task
from hotline.infra.signature import twilio_signed
from hotline.infra.words import say
from hotline.sms import parked
from hotline.web.twiml import twiml

bp = Blueprint("fallback", __name__, url_prefix="/twilio")


@bp.post("/fallback")
@twilio_signed
def fallback():
    """Twilio calls this when the main webhook failed: the resources, with no database."""
    if parked.park(request.form):
        # at once: a parked text lives only in Redis until stored (retried while the db is away)
        queue.try_enqueue(Task.STORE_PARKED, retries=5)
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
