"""Every voice URL the line hands out, and the service call that answers it.

One table serves both doors: `hotline.web.voice` registers each path behind Twilio's
signature check, and the phone simulator (which has no Twilio token to sign with) plays the
same TwiML by calling `answer` directly. Paths come from `hotline.infra.voice_urls`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from twilio.twiml.voice_response import VoiceResponse

from hotline.infra import voice_urls as urls
from hotline.voice import caller, legs

Query = Mapping[str, str]
Form = Mapping[str, str]
Handler = Callable[[Query, Form, str], VoiceResponse]


class BadRequest(ValueError):
    """A request without a value its route needs (400, never 500)."""


def _lang(query: Query) -> str:
    return "es" if query.get("lang") == "es" else "en"


def _int(query: Query, name: str) -> int:
    value = query.get(name, "")
    if not value.isdigit():
        raise BadRequest(f"'{name}' is missing")
    return int(value)


def _try(query: Query) -> int:
    value = query.get("try", "0")
    return int(value) if value.isdigit() else 0


def _incoming(query: Query, form: Form, origin: str) -> VoiceResponse:
    if not form.get("CallSid") or not form.get("From"):
        raise BadRequest("CallSid and From are required")
    return caller.incoming(form, origin)


def _leg(query: Query, form: Form, origin: str) -> VoiceResponse:
    legs.leg_status(_int(query, "call"), form.get("CallStatus", ""))
    return VoiceResponse()


def _status(query: Query, form: Form, origin: str) -> VoiceResponse:
    legs.caller_status(form.get("CallSid", ""), form.get("CallStatus", ""))
    return VoiceResponse()


ROUTES: dict[str, Handler] = {
    urls.INCOMING: _incoming,
    urls.LANGUAGE: lambda q, f, o: caller.menu("es" if f.get("Digits") == "2" else "en", 0),
    urls.MENU: lambda q, f, o: caller.menu(_lang(q), min(_try(q), 1)),
    urls.CHOICE: lambda q, f, o: caller.choice(f, _lang(q), _try(q)),
    urls.TEXT_ME: lambda q, f, o: caller.text_me(f, _lang(q)),
    urls.HOLD: lambda q, f, o: caller.hold(_lang(q)),
    urls.LEAVE: lambda q, f, o: caller.leave(),
    urls.QUEUED: lambda q, f, o: caller.queued(
        _int(q, "case"), _lang(q), f.get("QueueResult", "")),
    urls.NOBODY: lambda q, f, o: caller.nobody(_int(q, "case"), _lang(q)),
    urls.RECORDED: lambda q, f, o: caller.recorded(
        _int(q, "case"), _lang(q), f.get("RecordingUrl", ""), f.get("RecordingSid", "")),
    urls.OFFER: lambda q, f, o: legs.offer_prompt(_int(q, "offer")),
    urls.TAKE: lambda q, f, o: legs.take(_int(q, "offer"), f.get("Digits")),
    urls.BRIDGE: lambda q, f, o: legs.bridge(_int(q, "case")),
    urls.CALL_BACK: lambda q, f, o: legs.call_back(_int(q, "call")),
    urls.LEG: _leg,
    urls.STATUS: _status,
}


def answer(path: str, query: Query, form: Form, origin: str = "") -> VoiceResponse:
    """The TwiML the line answers at a voice path; LookupError for a path it does not have."""
    handler = ROUTES.get(path.rstrip("/") or path)
    if handler is None:
        raise LookupError(f"no voice route at {path}")
    return handler(query, form, origin)
