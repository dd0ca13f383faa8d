"""The voice URLs the line hands out, mapped to the calls their routes make, for the simulator.

The voice webhooks refuse anything Twilio did not sign, and development has no Twilio token, so
the simulator cannot go through them. Each voice URL of `hotline/voice.py` is mapped here, in one
table, to the service function its route calls, with the same arguments; `fetch` answers a URL
with the verbs of the TwiML the line returns, for `sim_twiml.Player` to play.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl, urlsplit

from twilio.twiml.voice_response import VoiceResponse

from hotline import call_legs, calls

Query = Mapping[str, str]
Form = Mapping[str, str]

INCOMING = "/twilio/voice"  # the number's Voice URL: `calls.incoming(form, origin)`


def _lang(query: Query) -> str:
    return "es" if query.get("lang") == "es" else "en"


def _int(query: Query, name: str) -> int:
    value = query.get(name, "")
    if not value.isdigit():
        raise LookupError(f"'{name}' is missing")
    return int(value)


def _try(query: Query) -> int:
    value = query.get("try", "0")
    return int(value) if value.isdigit() else 0


# Each voice URL of hotline/voice.py and the call its route makes.
ROUTES: dict[str, Callable[[Query, Form], VoiceResponse]] = {
    "/twilio/voice/language": lambda q, f: calls.menu(
        "es" if f.get("Digits") == "2" else "en", 0),
    "/twilio/voice/menu": lambda q, f: calls.menu(_lang(q), min(_try(q), 1)),
    "/twilio/voice/choice": lambda q, f: calls.choice(f, _lang(q), _try(q)),
    "/twilio/voice/text-me": lambda q, f: calls.text_me(f, _lang(q)),
    "/twilio/voice/hold": lambda q, f: calls.hold(_lang(q)),
    "/twilio/voice/leave": lambda q, f: calls.leave(),
    "/twilio/voice/queued": lambda q, f: calls.queued(
        _int(q, "case"), _lang(q), f.get("QueueResult", "")),
    "/twilio/voice/nobody": lambda q, f: calls.nobody(_int(q, "case"), _lang(q)),
    "/twilio/voice/recorded": lambda q, f: calls.recorded(
        _int(q, "case"), _lang(q), f.get("RecordingUrl", "")),
    "/twilio/voice/offer": lambda q, f: call_legs.offer_prompt(_int(q, "offer")),
    "/twilio/voice/take": lambda q, f: call_legs.take(_int(q, "offer"), f.get("Digits")),
    "/twilio/voice/bridge": lambda q, f: call_legs.bridge(_int(q, "case")),
    "/twilio/voice/call-back": lambda q, f: call_legs.call_back(_int(q, "call")),
}


def fetch(url: str, form: Form, origin: str = "") -> list[ET.Element]:
    """POST `form` to one of the line's voice URLs; the verbs of the TwiML it answers."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path == INCOMING:
        response = calls.incoming(form, origin)
    elif path in ROUTES:
        response = ROUTES[path](dict(parse_qsl(parts.query)), form)
    else:
        raise LookupError(f"no voice route at {parts.path}")
    return list(ET.fromstring(str(response)))
