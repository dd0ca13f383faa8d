"""The simulator's door to the line's voice routes.

The voice webhooks refuse anything Twilio did not sign, and development has no Twilio token, so
the simulator cannot go through them. It asks `hotline.voice.routes`, the same table the
webhooks answer from, for the TwiML at a URL, and hands its verbs to the `player`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

from hotline.infra import voice_urls
from hotline.voice import routes

INCOMING = voice_urls.INCOMING  # the number's Voice URL


def fetch(url: str, form: Mapping[str, str], origin: str = "") -> list[ET.Element]:
    """POST `form` to one of the line's voice URLs; the verbs of the TwiML it answers."""
    parts = urlsplit(url)
    response = routes.answer(parts.path, dict(parse_qsl(parts.query)), form, origin)
    return list(ET.fromstring(str(response)))
