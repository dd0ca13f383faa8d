"""What one phone's screen shows: its texts with the line, in plain words, and the carrier's notes.

A real phone also gets texts from the carrier itself: Twilio answers its own opt-out and opt-in
words before the line ever sees them. The simulator shows those replies too, marked as the
carrier's, so nobody mistakes them for the line's.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlmodel import Session, select

from hotline.infra.crypto import phone_hashes
from hotline.infra.models import InboundMessage, OutboundMessage
from hotline.infra.words import say

# Twilio's own keywords: a whole text, any case, is one of these (its default opt-out handling).
CARRIER_STOP = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"})
CARRIER_START = frozenset({"START", "YES", "UNSTOP"})
CARRIER = "Twilio, the line's carrier"
# Twilio's default replies to those words, word for word.
UNSUBSCRIBED = ("You have successfully been unsubscribed. You will not receive any more "
                "messages from this number. Reply START to resubscribe.")
RESUBSCRIBED = ("You have successfully been re-subscribed to messages from this number. "
                "Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.")

# What a text's stored status means to the person holding the phone.
SENT_LABELS = {
    "received": ("delivered", "The line has this text and is about to act on it."),
    "processed": ("delivered · the line acted on it",
                  "The line read this text and did what it calls for."),
}
RECEIVED_LABELS = {
    "local": ("shown here only", "With no Twilio account the line keeps its texts on this "
              "computer and shows them on this page instead of sending them."),
    "queued": ("on its way", "The line has written this text and is about to send it."),
    "sending": ("on its way", "The line is sending this text."),
    "sent": ("sent", "Twilio accepted this text for delivery."),
    "delivered": ("delivered", "The phone company delivered this text."),
    "undelivered": ("not delivered", "The phone company could not deliver this text."),
    "failed": ("not delivered", "This text could not be sent."),
    "refused": ("not delivered", "Twilio refused this text (for example after STOP)."),
    "cancelled": ("not sent", "The line withdrew this text before it went out."),
    "expired": ("not sent", "Its time ran out before it could go out (an offer that had "
                "ended, or a notice too late to help)."),
}

_SHOUTED = re.compile(r"\bURGENTE?\b")  # every urgent text to a responder leads with this word
_SAID = tuple(say("v_urgent", lang).casefold() for lang in ("en", "es"))  # call offers


def conversation(session: Session, phone: str) -> list[dict]:
    """What one phone sent the line and what the line (or its carrier) sent it, oldest first."""
    hashes = phone_hashes(phone)
    sent = session.exec(select(InboundMessage).where(InboundMessage.from_hash.in_(hashes)))
    received = session.exec(select(OutboundMessage).where(OutboundMessage.to_hash.in_(hashes)))
    rows = [(utc(m.received_at), 0, m.id, "sent", m.body, m.num_media,
             "processed" if m.processed_at else "received") for m in sent]
    rows += [(utc(m.created_at), 1, m.id, "received", m.body, 0, m.status) for m in received]
    texts: list[dict] = []
    opted_out = False
    for at, kind, row_id, direction, body, media, status in sorted(rows):
        labels = SENT_LABELS if direction == "sent" else RECEIVED_LABELS
        label, explain = labels.get(status, (status, ""))
        texts.append({
            "id": f"{'io'[kind]}{row_id}", "direction": direction, "body": body, "media": media,
            "at": at.isoformat(), "status": status, "label": label, "explain": explain,
            "urgent": direction == "received" and is_urgent(body),
        })
        if direction == "sent":
            note, opted_out = carrier_reply(body, opted_out)
            if note:
                texts.append({"id": f"c{row_id}", "direction": "carrier", "body": note,
                              "media": 0, "at": at.isoformat(), "status": "carrier",
                              "label": f"from {CARRIER}, not from the line",
                              "explain": "The carrier answers these words itself.",
                              "urgent": False})
    return texts


def carrier_reply(body: str, opted_out: bool) -> tuple[str | None, bool]:
    """Twilio's own reply to a text, if it sends one, and whether the phone is opted out after.

    Opt-in words get a reply only from a phone that had opted out, so a responder's bare YES
    stays a plain text.
    """
    word = (body or "").strip().upper()
    if word in CARRIER_STOP:
        return UNSUBSCRIBED, True
    if word in CARRIER_START and opted_out:
        return RESUBSCRIBED, False
    return None, opted_out


def is_urgent(body: str) -> bool:
    """Whether a text from the line tells a responder of danger now."""
    return bool(_SHOUTED.search(body or "")) or any(s in (body or "").casefold() for s in _SAID)


def duration(seconds: int) -> str:
    """A setting's seconds as people say them: "30 seconds", "1 minute", "1 day"."""
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def utc(moment: datetime) -> datetime:
    """A stored time as aware UTC (SQLite hands back naive UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
