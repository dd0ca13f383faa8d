"""What a responder's text means for their shifts: OK, COVER, TAKE, CANCEL and UNTAKE.

Cover requests have three-digit codes, so they are never mistaken for a case's four-digit code.
Spanish words work as well as English ones, with the same spelling tolerance as the case
commands (`take 512`, `Take #512`, `TOMO 512`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from routing.commands import normalize

COVER_CODE_LENGTH = 3

SHIFT_VERBS = {
    "OK": "ok", "OKAY": "ok", "CONFIRM": "ok", "CONFIRMO": "ok", "VALE": "ok",
    "COVER": "cover", "CUBRIR": "cover", "CAMBIO": "cover",
    "TAKE": "take", "TOMO": "take", "TOMAR": "take",
    "CANCEL": "cancel", "CANCELAR": "cancel",
    "UNTAKE": "untake", "SOLTAR": "untake", "DEJAR": "untake",
}
NEEDS_CODE = frozenset({"take", "cancel", "untake"})

_SHIFT = re.compile(rf"^([A-Z]+) ?(\d{{{COVER_CODE_LENGTH}}})?$")


@dataclass(frozen=True)
class ShiftCommand:
    """`verb` is ok|cover|take|cancel|untake; `code` names a cover request."""

    verb: str
    code: str | None = None


def parse_shift_text(text: str) -> ShiftCommand | None:
    """A shift command, or None when the text is something else (a case command, a relay)."""
    match = _SHIFT.match(normalize(text))
    if not match or match.group(1) not in SHIFT_VERBS:
        return None
    verb, code = SHIFT_VERBS[match.group(1)], match.group(2)
    if (verb in NEEDS_CODE) != (code is not None):
        return None
    return ShiftCommand(verb, code)
