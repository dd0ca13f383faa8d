"""Twilio's voice webhooks: the caller's menu and wait, responder legs, and call status."""

from __future__ import annotations

from flask import Blueprint, abort, request
from twilio.twiml.voice_response import VoiceResponse

from hotline import call_legs, calls
from hotline.signature import twilio_signed
from hotline.webhooks import twiml

bp = Blueprint("voice", __name__, url_prefix="/twilio/voice")


def _lang() -> str:
    return "es" if request.args.get("lang") == "es" else "en"


def _int(name: str) -> int:
    value = request.args.get(name, "")
    if not value.isdigit():
        abort(400)
    return int(value)


def _int_or_zero(name: str) -> int:
    value = request.args.get(name, "0")
    return int(value) if value.isdigit() else 0


@bp.post("")
@twilio_signed
def incoming():
    """A call comes in."""
    if not request.form.get("CallSid") or not request.form.get("From"):
        return {"error": "CallSid and From are required"}, 400
    return twiml(calls.incoming(request.form, request.host_url.rstrip("/")))


@bp.post("/language")
@twilio_signed
def language():
    """2 for Spanish, anything else English."""
    lang = "es" if request.form.get("Digits") == "2" else "en"
    return twiml(calls.menu(lang, 0))


@bp.post("/menu")
@twilio_signed
def menu():
    """The need menu."""
    return twiml(calls.menu(_lang(), min(_int_or_zero("try"), 1)))


@bp.post("/choice")
@twilio_signed
def choice():
    """The caller's key or words."""
    return twiml(calls.choice(request.form, _lang(), _int_or_zero("try")))


@bp.post("/text-me")
@twilio_signed
def text_me():
    """Press 1 to be texted instead."""
    return twiml(calls.text_me(request.form, _lang()))


@bp.post("/hold")
@twilio_signed
def hold():
    """The wait music: calm words and a key for voicemail."""
    return twiml(calls.hold(_lang()))


@bp.post("/leave")
@twilio_signed
def leave():
    """Out of the queue, to voicemail."""
    return twiml(calls.leave())


@bp.post("/queued")
@twilio_signed
def queued():
    """The caller's wait ended."""
    return twiml(calls.queued(_int("case"), _lang(), request.form.get("QueueResult", "")))


@bp.post("/nobody")
@twilio_signed
def nobody():
    """Resources and voicemail."""
    return twiml(calls.nobody(_int("case"), _lang()))


@bp.post("/recorded")
@twilio_signed
def recorded():
    """A voicemail was left."""
    return twiml(calls.recorded(_int("case"), _lang(), request.form.get("RecordingUrl", "")))


@bp.post("/offer")
@twilio_signed
def offer():
    """A responder picked up an offer call."""
    return twiml(call_legs.offer_prompt(_int("offer")))


@bp.post("/take")
@twilio_signed
def take():
    """A responder pressed a key."""
    return twiml(call_legs.take(_int("offer"), request.form.get("Digits")))


@bp.post("/bridge")
@twilio_signed
def bridge():
    """A responder who took the call by text is joined to the caller."""
    return twiml(call_legs.bridge(_int("case")))


@bp.post("/call-back")
@twilio_signed
def call_back():
    """A responder's CALL leg answered: dial the person."""
    return twiml(call_legs.call_back(_int("call")))


@bp.post("/leg")
@twilio_signed
def leg():
    """Status of a call the line placed."""
    call_legs.leg_status(_int("call"), request.form.get("CallStatus", ""))
    return twiml(VoiceResponse())


@bp.post("/status")
@twilio_signed
def status():
    """Status of a caller's call (the number's Status Callback URL)."""
    call_legs.caller_status(request.form.get("CallSid", ""), request.form.get("CallStatus", ""))
    return twiml(VoiceResponse())
