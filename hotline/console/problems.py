"""The routing engine's roster problems and warnings ("path: message", in English, as
`hotline roster import` prints them) said in the reader's language on the schedule editor.

The engine stays in one language: it is also the command line's voice and the test suite's
contract. Here each message it can write is matched by a pattern and said again in Spanish,
keeping what it quotes (names, values, places in the roster) as written. A message no pattern
knows is shown as the engine wrote it, never dropped.
"""

from __future__ import annotations

import re

from hotline.console.text import language

# Words the engine puts inside its messages (`what`, categories, periods).
_WORDS_ES = {
    "category": "categoría", "day": "día", "language": "idioma", "period": "periodo",
    "responder": "persona que responde", "mental_health": "salud mental",
    "substance_use": "consumo de sustancias", "safety_planning": "plan de seguridad",
}


_FEMININE = {"categoría", "persona que responde"}


def _w(word: str) -> str:
    return _WORDS_ES.get(word, word)


def _a(word: str) -> str:
    """The word in Spanish, after "un" or "una"."""
    said = _w(word)
    return ("una " if said in _FEMININE else "un ") + said


def _members(count: str) -> str:
    return "la única persona" if count == "1" else f"las {count} personas"


def _speak(verb: str) -> str:
    return "habla" if verb == "speaks" else "hablan"


_ES: tuple[tuple[re.Pattern, object], ...] = tuple((re.compile(pattern), say) for pattern, say in (
    (r"must be a mapping of language to text, like en: \.\.\.",
     "debe ser un texto por idioma, como en: ..."),
    (r'a second text in "(.+)"', r'un segundo texto en "\1"'),
    (r'no rotation named "(.+)"', r'no hay ninguna rotación llamada "\1"'),
    (r"(\d+) is more than the rotation's (\d+) members?",
     lambda m: f"{m[1]} es más que {_members(m[2])} de la rotación"),
    (r'"(.+)" is not a member of rotation "(.+)"', r'"\1" no es parte de la rotación "\2"'),
    (r'"(.+)" cannot replace themself \(responder is "(.+)"\)',
     r'"\1" no puede ser su propio reemplazo (quien responde es "\2")'),
    (r"must be after from \((.+)\)", r"debe ser después del inicio (\1)"),
    (r'overlaps (\S+) from (.+) to (.+): both put someone in place of "(.+)" in rotation '
     r'"(.+)" \("(.+)" there, "(.+)" here\); shorten one of them',
     r'se superpone con \1 de \2 a \3: las dos ponen a alguien en lugar de "\4" en la '
     r'rotación "\5" ("\6" allí, "\7" aquí); acorta una de las dos'),
    (r"\"(.+)\" does not serve (\S+), the rotation's category \(their categories: (.+)\)",
     lambda m: f'"{m[1]}" no atiende {_w(m[2])}, la categoría de la rotación '
               f"(sus categorías: {', '.join(_w(c) for c in m[3].split(', '))})"),
    (r'"(.+)" does not serve (\S+), the category of rotation "(.+)" \(their categories: (.+)\)',
     lambda m: f'"{m[1]}" no atiende {_w(m[2])}, la categoría de la rotación "{m[3]}" '
               f"(sus categorías: {', '.join(_w(c) for c in m[4].split(', '))})"),
    (r"must be a mapping with keys (.+)", r"debe tener las claves \1"),
    (r'unknown key \(did you mean "(.+)"\?\)', r'clave desconocida (¿quisiste decir "\1"?)'),
    (r"unknown key \(expected (.+)\)", r"clave desconocida (se espera \1)"),
    (r"missing", "falta"),
    (r"must be a list", "debe ser una lista"),
    (r"must be text", "debe ser texto"),
    (r"must not be empty", "no puede quedar vacío"),
    (r"must be a (\w+), one of (.+)", lambda m: f"debe ser {_a(m[1])}: {m[2]}"),
    (r'unknown (\w+) "(.+)" \(expected one of (.+)\)',
     lambda m: f'"{m[2]}" no se reconoce como {_w(m[1])} (se espera uno de {m[3]})'),
    (r"must list at least one (\w+)", lambda m: f"debe incluir al menos {_a(m[1])}"),
    (r"must be a whole number of at least 1 \(got (.+)\)",
     r"debe ser un número entero de al menos 1 (se recibió \1)"),
    (r"must be quoted text like (.+), not a number",
     r"debe ser texto entre comillas, como \1, no un número"),
    (r"(.+) is not an E\.164 phone number like (.+)",
     r"\1 no es un número de teléfono E.164, como \2"),
    (r"(.+) is not an IANA timezone name like (.+)",
     r"\1 no es el nombre de una zona horaria IANA, como \2"),
    (r'must be a time of day "HH:MM" from 00:00 to 23:59 \(got (.+)\)',
     r'debe ser una hora "HH:MM" de 00:00 a 23:59 (se recibió \1)'),
    (r"must be wall-clock time in the roster's timezone, with no offset",
     "debe ser la hora local de la zona horaria del horario, sin desfase"),
    (r"must have a time of day too, like (.+)", r"debe llevar también la hora, como \1"),
    (r"(.+) is not a real date and time", r"\1 no es una fecha y hora que exista"),
    (r"must be a wall-clock date and time like (.+) \(got (.+)\)",
     r"debe ser una fecha y hora local, como \1 (se recibió \2)"),
    (r'"(.+)" is already used by (.+)', r'"\1" ya lo usa \2'),
    (r'"(.+)" is already listed at (.+)', r'"\1" ya aparece en \2'),
    (r'no responder named "(.+)" \(did you mean "(.+)"\?\)',
     r'nadie se llama "\1" en el horario (¿quisiste decir "\2"?)'),
    (r'no responder named "(.+)"', r'nadie se llama "\1" en el horario'),
    (r'none given; when nobody can come, people get only the line\'s built-in text '
     r'\("call or text 988"\)',
     'no hay ninguno; cuando nadie puede atender, la gente recibe solo el texto propio de la '
     'línea ("llama o textea al 988")'),
    (r"no text in Spanish \(es\), though (.+) (speaks?) Spanish; people who text in "
     r"Spanish get the English text",
     lambda m: f"no hay texto en español (es), aunque {_names(m[1])} {_speak(m[2])} español; "
               "quien escribe en español recibe el texto en inglés"),
    (r"in English only, though (.+) (speaks?) Spanish; people who text in Spanish get (\S+) "
     r"instead",
     lambda m: f"solo en inglés, aunque {_names(m[1])} {_speak(m[2])} español; quien escribe "
               f"en español recibe {m[3]}"),
))


def _names(listing: str) -> str:
    """"Ana, Ben and 2 more" said in Spanish."""
    listing = re.sub(r"(\d+) more$", lambda m: f"{m[1]} más", listing)
    return re.sub(r" and ([^,]+)$", r" y \1", listing)


def spanish(message: str) -> str:
    """One engine message said in Spanish; as written when no pattern knows it."""
    for pattern, say in _ES:
        found = pattern.fullmatch(message)
        if found:
            return say(found) if callable(say) else found.expand(say)
    return message


def said(problem: str) -> str:
    """A whole "path: message" problem in the reader's language (the path as written)."""
    path, sep, message = problem.partition(": ")
    if not sep:
        return message_said(problem)
    return f"{path}: {message_said(message)}"


def message_said(message: str) -> str:
    """The message part of a problem in the reader's language."""
    return spanish(message) if language() == "es" else message
