"""Log lines on stderr, plain or (LOG_FORMAT=json) one JSON object a line.

What keeps logs free of message bodies and full numbers is how they are written: a body is
never passed to a logger, and a number only through `mask_phone` (the plus, first digit and
last two). Both formats print the same message, built the same way, and nothing else of the
record: no `extra` fields, no arguments apart from the message. As a last guard, both also
mask any run that still looks like a phone number.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

from hotline.infra.twilio_api import mask_phone

PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: A number as people and Twilio write it: "+" and 7 or more digits, or 10 or more digits,
#: maybe split by spaces, dots, dashes or brackets; not digits inside a word such as a SID.
PHONE_LIKE = re.compile(
    r"(?<![\w+(])(?:\+\d(?:[\s().-]{0,2}\d){6,}|\(?\d(?:[\s().-]{0,2}\d){9,})(?!\w)")


def masked(text: str) -> str:
    """The text with anything shaped like a phone number cut to its last two digits."""
    return PHONE_LIKE.sub(lambda m: mask_phone(m.group(0)), text)


class NoNumbers(logging.Filter):
    """Mask phone-number-like runs in a record's message and traceback, in place."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = masked(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = masked(record.exc_text)
        return True


class JsonLines(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, and any
    traceback as text."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def handler(fmt: str, stream=None) -> logging.Handler:
    """A stderr (or `stream`) handler in the format named ("plain" or "json"), guarded."""
    out = logging.StreamHandler(stream)
    out.setFormatter(JsonLines() if fmt == "json" else logging.Formatter(PLAIN))
    out.addFilter(NoNumbers())
    return out


def configure(fmt: str, level: str = "INFO") -> None:
    """The root logger's one handler, unless the host (pytest, gunicorn) set one already."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(handler(fmt))
        root.setLevel(level)
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)  # request dumps
