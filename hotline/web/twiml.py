"""The one way a webhook answers Twilio: TwiML built with the SDK's builders."""

from __future__ import annotations

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse


def twiml(response: MessagingResponse | VoiceResponse):
    """A TwiML reply."""
    return str(response), 200, {"Content-Type": "text/xml"}
