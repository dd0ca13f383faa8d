"""Follow-up check-ins: what a person's answer to the consent question means, and when a
check-in may be sent.

A check-in goes only to someone who said yes, only inside the window they chose (in the
line's timezone), at most three times. Anything else (no, not safe, no answer) means never.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from routing.commands import normalize

MAX_ATTEMPTS = 3

WINDOWS: dict[str, tuple[time, time]] = {
    "any": (time(9, 0), time(21, 0)),
    "evening": (time(17, 0), time(21, 0)),
}

_ANSWERS = {
    "1": "any", "ONE": "any", "UNO": "any", "YES": "any", "Y": "any", "SI": "any",
    "YES ANY TIME": "any", "ANY TIME": "any", "ANYTIME": "any",
    "2": "evening", "TWO": "evening", "DOS": "evening", "EVENINGS": "evening",
    "EVENING": "evening", "EVENINGS ONLY": "evening", "NOCHES": "evening", "EN LA NOCHE": "evening",
    "3": "no", "THREE": "no", "TRES": "no", "NO": "no", "N": "no", "NO THANKS": "no",
    "NO GRACIAS": "no",
    "4": "unsafe", "FOUR": "unsafe", "CUATRO": "unsafe", "NOT SAFE": "unsafe",
    "ITS NOT SAFE": "unsafe", "NOT SAFE TO TEXT": "unsafe", "NO ES SEGURO": "unsafe",
}

_DECLINES = {"no", "unsafe"}


def consent_answer(text: str) -> str | None:
    """`any`, `evening`, `no` or `unsafe` when a text answers the consent question."""
    return _ANSWERS.get(normalize(text))


def declines(text: str) -> bool:
    """A reply that means: no more check-ins (no, not safe)."""
    return consent_answer(text) in _DECLINES


def send_time(due: datetime, window: str, tz: ZoneInfo) -> datetime:
    """The first instant at or after `due` that falls inside the window, as aware UTC."""
    start, end = WINDOWS[window]
    local = due.astimezone(tz)
    for day in range(3):
        date = (local + timedelta(days=day)).date()
        opens = datetime.combine(date, start, tzinfo=tz)
        closes = datetime.combine(date, end, tzinfo=tz)
        if local < closes:
            moment = max(local, opens)
            return moment.astimezone(due.tzinfo)
    raise AssertionError("a daily window always opens within three days")


def in_window(at: datetime, window: str, tz: ZoneInfo) -> bool:
    """Whether a check-in may be sent at this instant."""
    start, end = WINDOWS[window]
    return start <= at.astimezone(tz).time() < end
