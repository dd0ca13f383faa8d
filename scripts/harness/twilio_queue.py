"""Twilio's outgoing queue, for the Twilio-compatible test server: each sending number sends
`rate` segments a second; a text still waiting when its ValidityPeriod ends is dropped with
error 30001 instead of delivered; a Messaging Service sends from a pool of numbers, keeping
each recipient on one of them (sticky sender).

Without a rate every text goes out at once, as the server always did. Times come from
`time.time`, so a test that moves the clock (time_machine) moves the queue too.
"""

from __future__ import annotations

import time
import zlib

QUEUE_OVERFLOW = 30001
MAX_VALIDITY = 36000  # seconds: Twilio's default and longest hold


class Outbox:
    """When each accepted text leaves its sender, or when it is dropped."""

    def __init__(self, rate: float | None = None, pool: int = 3) -> None:
        self.rate = rate  # segments a second per sending number; None: no limit
        self.pool = pool  # numbers in each Messaging Service
        self._free: dict[str, float] = {}  # sending number -> when it can send again

    def sender(self, form: dict) -> str:
        """The number a text goes out from: its From, or the service's number for its To."""
        service = form.get("MessagingServiceSid")
        if not service:
            return form.get("From", "")
        index = zlib.crc32(f"{service}:{form.get('To', '')}".encode()) % self.pool
        return f"+1555012{index:04d}"

    def schedule(self, message: dict, segments: int, validity: str | None) -> None:
        """Set `send_at` (when it goes) or `drop_at` (when it fails with 30001) on a new
        message sent from message["from_"]."""
        now = time.time()
        life = min(int(validity), MAX_VALIDITY) if validity and validity.isdigit() \
            else MAX_VALIDITY
        message["validity_period"] = int(validity) if validity and validity.isdigit() else None
        if self.rate is None:
            message["send_at"] = now
            return
        start = max(now, self._free.get(message["from_"], now))
        if start > now + life:  # it would wait past its validity: dropped, sending nothing
            message["drop_at"] = now + life
            return
        message["send_at"] = start
        self._free[message["from_"]] = start + segments / self.rate

    @staticmethod
    def status(message: dict, now: float | None = None) -> str:
        """The message's status now: queued, delivered or failed."""
        now = time.time() if now is None else now
        if "drop_at" in message:
            return "failed" if now >= message["drop_at"] else "queued"
        return "delivered" if now >= message.get("send_at", 0) else "queued"

    @staticmethod
    def due(message: dict) -> float:
        """When the message's fate is known (sent or dropped)."""
        return message.get("drop_at", message.get("send_at", 0))
