"""What a texted word means: responder commands, a person's keywords, and menu answers.

Commands ignore case, spacing and punctuation (`yes 4821`, `Yes, 4821!`, `YES4821`). Anything
that is not a command is a message to relay, optionally led by a case code (`4821 on my way`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CODE_LENGTH = 4

RESPONDER_VERBS = {
    "YES": "yes", "Y": "yes", "SI": "yes", "ACCEPT": "yes", "ACEPTO": "yes",
    "NO": "no", "N": "no", "PASS": "no", "PASO": "no",
    "DONE": "done", "LISTO": "done", "CLOSE": "done",
    "CALL": "call", "LLAMAR": "call",
    "URGENT": "urgent", "URGENTE": "urgent",
    "ON": "on",
    "OFF": "off",
    "HELP": "help", "AYUDA": "help", "COMMANDS": "help", "COMANDOS": "help",
    "START": "help", "UNSTOP": "help",  # a responder back from STOP: show the commands
}

# Twilio's standard opt-out and opt-in words, plus the Spanish words people use for them.
STOP_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE",
     "PARAR", "DETENER", "BAJA"}
)
START_WORDS = frozenset({"START", "UNSTOP", "YES", "SUBSCRIBE", "COMENZAR", "ALTA"})
# Leave at once, silently: for someone whose phone may be seen by the wrong person.
EXIT_WORDS = frozenset({"EXIT", "SALIR"})
# Danger right now, in one plain word that is safe to send in front of someone else. The first
# answer to every case not read as urgent tells the person the word of their language; either
# word works in both.
DANGER_WORDS = frozenset({"RED", "ROJO"})
DANGER_WORD = {"en": "RED", "es": "ROJO"}
# Erase me: the person's messages and number, here and at Twilio.
FORGET_WORDS = frozenset({"FORGET ME", "FORGETME", "FORGET", "BORRAR", "BORRARME",
                          "BORRAR MIS DATOS"})

MENU = {
    "1": "mental_health", "ONE": "mental_health", "UNO": "mental_health",
    "2": "substance_use", "TWO": "substance_use", "DOS": "substance_use",
    "3": "safety_planning", "THREE": "safety_planning", "TRES": "safety_planning",
}


@dataclass(frozen=True)
class Command:
    """A responder's command: `verb` is yes|no|done|call|urgent|on|off|help; `code` names a
    case."""

    verb: str
    code: str | None = None


@dataclass(frozen=True)
class Relay:
    """A responder's message for a person; `code` names the case when the text began with one."""

    text: str
    code: str | None = None


def normalize(text: str) -> str:
    """Upper case, accents and punctuation removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^A-Za-z0-9]+", " ", letters)
    return " ".join(words.upper().split())


_COMMAND = re.compile(rf"^([A-Z]+?) ?(\d{{{CODE_LENGTH}}})?$")
_LEADING_CODE = re.compile(rf"^\s*[\[(#]?\s*(\d{{{CODE_LENGTH}}})\s*[\])]?[\s:,.\-]+(?=\S)")


def parse_responder_text(text: str) -> Command | Relay:
    """Read a responder's text as a command, or as a message to relay."""
    match = _COMMAND.match(normalize(text))
    if match and match.group(1) in RESPONDER_VERBS:
        return Command(RESPONDER_VERBS[match.group(1)], match.group(2))
    lead = _LEADING_CODE.match(text or "")
    if lead:
        return Relay(text[lead.end():], lead.group(1))
    return Relay(text or "")


def person_keyword(text: str) -> str | None:
    """`stop`, `start`, `exit`, `forget` or `danger` when a person's whole text is one of
    those."""
    word = normalize(text)
    if word in DANGER_WORDS:
        return "danger"
    if word in EXIT_WORDS:
        return "exit"
    if word in FORGET_WORDS:
        return "forget"
    if word in STOP_WORDS or word.replace(" ", "") in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    return None


def menu_choice(text: str) -> str | None:
    """The category a menu answer picks (`1`, `2`, `3`, or the number as a word)."""
    return MENU.get(normalize(text))
