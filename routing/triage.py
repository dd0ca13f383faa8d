"""Triage of a first text: which team it goes to, whether it is urgent, which language.

A person's first message decides who is woken up and how fast. This module reads it the way a
trained volunteer skims it: what the need is (mental health, substance use, safety planning),
whether someone is in danger right now, and whether to answer in English or Spanish. It works
from word lists and a few rules, not a model, so it answers in a fraction of a millisecond,
needs no network, and a crisis team can read and audit every decision. The vocabulary is in
`triage_words.py` (one module per language behind it); how a text is read before the patterns
see it (spelling, shorthand, clauses) is in `triage_text.py`.

The rules, in short: danger right now is suicide with intent, a plan, means or timing; an
overdose or attempt under way; violence happening now. Thoughts without a plan, past events,
negated statements ("I don't have a plan") and hypotheticals are not. When a text names several
needs, the urgent one wins, then the one named most strongly; on a tie, or when two are urgent,
the order a crisis team would call in: safety, then mental health, then substance use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from routing import triage_words as words
from routing.triage_text import fold, read, squeeze

CATEGORIES = ("mental_health", "substance_use", "safety_planning")
MENTAL_HEALTH, SUBSTANCE_USE, SAFETY_PLANNING = CATEGORIES

# Who is called in first when a text names several needs equally, or is urgent in several.
_ROUTING_ORDER = (SAFETY_PLANNING, MENTAL_HEALTH, SUBSTANCE_USE)


@dataclass(frozen=True)
class Triage:
    """How the line reads a first text."""

    category: str | None  # one of CATEGORIES, or None when the need is unclear
    urgent: bool  # someone is in danger right now
    language: str  # "en" or "es"


def _compile(*sources: str) -> re.Pattern[str]:
    """A pattern over a reading: squeezed, with each word start read as the space before it.

    Readings start with a space and separate words by one space, so a leading `\\b` can
    become a literal space, which lets the regex engine skip straight to word starts.
    """
    source = re.sub(r"(^|\(\?:|\(|\|)\\b", r"\1 ", words.any_of(*sources))
    return re.compile(squeeze(source))


_NEGATIONS = frozenset({"not", "never", "nunca", "jamas", "without", "sin", "nor", "ni"})
_CLAUSE_JOINTS = frozenset({"and", "y", "because", "porque", "so", "or", "then", "luego", "|"})


def _negated(reading: str, start: int) -> bool:
    """Whether a few words before `start`, in the same clause, deny what follows."""
    before = reading[:start].split()[-4:]
    for distance, token in enumerate(reversed(before), start=1):
        if token in _CLAUSE_JOINTS:
            return False
        if token in _NEGATIONS or (token == "no" and distance <= 2):
            # "can't stop thinking about it" and "no puedo dejar de" insist; they do not deny.
            following = before[len(before) - distance + 1 :]
            return not (following and following[0] in {"stop", "help", "dejar", "dejo"})
    return False


def _affirmed(pattern: re.Pattern[str], reading: str) -> bool:
    """Whether the pattern occurs at least once without a negation before it."""
    return any(not _negated(reading, m.start()) for m in pattern.finditer(reading))


_ACTS = _compile(*words.SUICIDE_ACTS, *words.SELF_HARM)
_SUICIDE_ACTS = _compile(*words.SUICIDE_ACTS)
_THOUGHTS = _compile(*words.SUICIDAL_THOUGHTS)
_INTENT = _compile(
    rf"\b{words.VOLITION}{words.SPACED_GAP}"
    + words.any_of(*words.SUICIDE_ACTS, *words.SELF_HARM, *words.INTENT_ONLY_ACTS),
    words.SPANISH_INTENT,
)
_INTENT_WITH_MEANS = _compile(
    rf"\b{words.VOLITION} {words.GAP}" + words.any_of(*words.INTENT_WITH_MEANS)
)
_PLAN = _compile(*words.PLAN)
_PLAN_ALONE = _compile(*words.PLAN_ALONE)
_MEANS = _compile(*words.MEANS)
_MEANS_IN_HAND = _compile(*words.MEANS_IN_HAND)
_ATTEMPT = _compile(*words.ATTEMPT)
_THINKING = _compile(words.THINKING)
_OVERDOSING = _compile(*words.OVERDOSING)
_BODY_IN_DANGER = _compile(*words.BODY_IN_DANGER)
_BODY_IN_DANGER_AFTER_USE = _compile(*words.BODY_IN_DANGER_AFTER_USE)
_HYPOTHETICAL = _compile(words.HYPOTHETICAL)
_VIOLENCE_NOW = _compile(*words.VIOLENCE_NOW)
_VIOLENCE_PRESENT = _compile(*words.VIOLENCE_PRESENT)
_CONDITIONAL_THREAT = _compile(words.CONDITIONAL_THREAT)
_NOW = _compile(words.NOW)
_SOON = _compile(words.SOON)
_PAST = _compile(words.PAST)
_RECENT_PAST = _compile(words.RECENT_PAST)
_STILL = _compile(words.STILL)
_TOPICS = {
    category: tuple((weight, _compile(source)) for weight, source in rules)
    for category, rules in (
        (MENTAL_HEALTH, words.MENTAL_HEALTH),
        (SUBSTANCE_USE, words.SUBSTANCE_USE),
        (SAFETY_PLANNING, words.SAFETY_PLANNING),
    )
}


def _weights(reading: str) -> dict[str, int]:
    """How strongly the text speaks of each category."""
    return {
        category: sum(weight for weight, pattern in rules if pattern.search(reading))
        for category, rules in _TOPICS.items()
    }


def _suicide_in_progress(reading: str, clauses: list[str]) -> bool:
    """Suicide or self-harm with intent, a plan, means or timing, or an attempt under way."""
    long_ago = bool(_PAST.search(reading)) and not _SOON.search(reading)
    if _affirmed(_INTENT, reading) or _affirmed(_PLAN_ALONE, reading):
        return True
    if _affirmed(_ATTEMPT, reading) and not long_ago:
        return True
    if _affirmed(_INTENT_WITH_MEANS, reading) and _affirmed(_MEANS, reading):
        return True
    if any(_NOW.search(clause) and _affirmed(_MEANS_IN_HAND, clause) for clause in clauses):
        return True
    if not (_affirmed(_ACTS, reading) or _affirmed(_THOUGHTS, reading)):
        return False
    if _affirmed(_PLAN, reading) or (_affirmed(_MEANS, reading) and not long_ago):
        return True
    for clause in clauses:
        now = bool(_NOW.search(clause))
        if not (now or _SOON.search(clause)):
            continue
        if _affirmed(_SUICIDE_ACTS, clause) or (now and _affirmed(_ACTS, clause)):
            return True
        if _affirmed(_THOUGHTS, clause) and not _THINKING.search(clause):
            return True
    return False


def _happening(pattern: re.Pattern[str], reading: str, clauses: list[str]) -> bool:
    """Whether some clause affirms the pattern as real and current, not past or supposed."""
    long_ago = bool(_PAST.search(reading))
    for clause in clauses:
        if not _affirmed(pattern, clause) or _HYPOTHETICAL.search(clause) or _PAST.search(clause):
            continue
        if (long_ago or _RECENT_PAST.search(clause)) and not _STILL.search(clause):
            continue
        return True
    return False


def _violence_in_progress(reading: str, clauses: list[str]) -> bool:
    """Someone is being hurt, threatened with a weapon, or hiding from harm right now."""
    for clause in clauses:
        if _CONDITIONAL_THREAT.search(clause) or _HYPOTHETICAL.search(clause):
            continue
        if _PAST.search(clause) or _RECENT_PAST.search(clause):
            continue
        if _affirmed(_VIOLENCE_NOW, clause):
            return True
        if _NOW.search(clause) and _affirmed(_VIOLENCE_PRESENT, clause):
            return True
    return False


def _urgent_categories(reading: str, weights: dict[str, int]) -> set[str]:
    """Each category in which someone is in danger right now."""
    clauses = [" " + clause.strip() for clause in reading.split("|")]
    urgent: set[str] = set()
    if _violence_in_progress(reading, clauses):
        urgent.add(SAFETY_PLANNING)
    if _suicide_in_progress(reading, clauses):
        urgent.add(MENTAL_HEALTH)
    if _happening(_OVERDOSING, reading, clauses) or (
        weights[SUBSTANCE_USE] and _happening(_BODY_IN_DANGER_AFTER_USE, reading, clauses)
    ):
        urgent.add(SUBSTANCE_USE)
    if _happening(_BODY_IN_DANGER, reading, clauses):
        # Not breathing after drugs is an overdose; after a beating, it is violence.
        if weights[SUBSTANCE_USE] or not (weights[SAFETY_PLANNING] or weights[MENTAL_HEALTH]):
            urgent.add(SUBSTANCE_USE)
        elif weights[SAFETY_PLANNING] >= weights[MENTAL_HEALTH]:
            urgent.add(SAFETY_PLANNING)
        else:
            urgent.add(MENTAL_HEALTH)
    return urgent


def triage(text: str) -> Triage:
    """Read a first text: its category (or None when unclear), urgency and language."""
    reading = read(text)
    weights = _weights(reading)
    urgent = _urgent_categories(reading, weights)
    if urgent:
        category: str | None = next(c for c in _ROUTING_ORDER if c in urgent)
    elif any(weights.values()):
        category = max(_ROUTING_ORDER, key=lambda c: (weights[c], -_ROUTING_ORDER.index(c)))
    else:
        category = None
    return Triage(category=category, urgent=bool(urgent), language=detect_language(text))


_SPANISH_LETTERS = re.compile(r"[ñ¿¡]")
_ACCENTED = re.compile(r"[áéíóúü]")
# Word shapes that give away a language when the word itself is not in either list.
_SPANISH_SHAPE = re.compile(
    r"(?:cion|ciones|mente|ando|iendo|ados?|adas?|idos?|idas?|idad|amos|aron|ieron|aba|aban|arme"
    r"|arse|erme|erse|irme|irse|ecer|eza|ito|ita|itos|itas)$"
)
_ENGLISH_SHAPE = re.compile(r"(?:ing|tion|ness|ly|ed|ful|less)$|th|sh|w|k|ee|oo")


def _language_weight(token: str) -> tuple[int, int]:
    """(Spanish, English) evidence from one word: 2 for a known word, 1 for its shape."""
    if token not in words.SPANISH_WORDS and token not in words.ENGLISH_WORDS:
        token = squeeze(token)  # "holaa", "pleasee"
    if token in words.SPANISH_WORDS or token in words.ENGLISH_WORDS:
        return 2 * (token in words.SPANISH_WORDS), 2 * (token in words.ENGLISH_WORDS)
    if len(token) < 4:
        return 0, 0
    return int(bool(_SPANISH_SHAPE.search(token))), int(bool(_ENGLISH_SHAPE.search(token)))


def detect_language(text: str) -> str:
    """"es" when the text is (mostly, or led by) Spanish, else "en"."""
    lowered = text.lower()
    tokens = re.findall(r"[a-z]+", fold(lowered).replace("'", ""))
    weights = [_language_weight(token) for token in tokens]
    spanish = sum(es for es, _ in weights) + 4 * bool(_SPANISH_LETTERS.search(lowered))
    spanish += 4 * bool(_ACCENTED.search(lowered))
    english = sum(en for _, en in weights)
    if spanish != english:
        return "es" if spanish > english else "en"
    for es, en in weights:
        if es != en:
            return "es" if es > en else "en"
    return "en"
