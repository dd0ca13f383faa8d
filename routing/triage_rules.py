"""The rules of triage: word lists and a few decisions a crisis team can read and audit.

These rules were the whole of triage before the model (`triage_model.py`) joined them; they
still answer in a fraction of a millisecond, need no network, and say in plain words why they
call a text urgent. `triage.py` combines their reading with the model's. The vocabulary is in
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
from dataclasses import dataclass, field

from routing import triage_words as words
from routing.triage_text import fold, read, squeeze

CATEGORIES = ("mental_health", "substance_use", "safety_planning")
MENTAL_HEALTH, SUBSTANCE_USE, SAFETY_PLANNING = CATEGORIES

# Who is called in first when a text names several needs equally, or is urgent in several.
_ROUTING_ORDER = (SAFETY_PLANNING, MENTAL_HEALTH, SUBSTANCE_USE)


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


def _affirmed(pattern: re.Pattern[str], reading: str) -> re.Match[str] | None:
    """The first occurrence of the pattern without a negation before it, if any."""
    return next((m for m in pattern.finditer(reading) if not _negated(reading, m.start())), None)


def _quote(match: re.Match[str] | None) -> str:
    """The words a pattern matched, short enough for a responder's screen."""
    words = match.group(0).replace("|", " ").split() if match else []
    while len(words) > 1 and len(" ".join(words)) > 32:
        words.pop()
    return "'" + " ".join(words) + "'"


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
_HARM_DONE = _compile(*words.HARM_DONE)
_STILL_THERE = _compile(*words.STILL_THERE)
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


def _suicide_in_progress(reading: str, clauses: list[str]) -> str | None:
    """Suicide or self-harm with intent, a plan, means or timing, or an attempt under way."""
    long_ago = bool(_PAST.search(reading)) and not _SOON.search(reading)
    if found := _affirmed(_INTENT, reading):
        return "stated intent: " + _quote(found)
    if found := _affirmed(_PLAN_ALONE, reading):
        return "a plan made: " + _quote(found)
    if (found := _affirmed(_ATTEMPT, reading)) and not long_ago:
        return "attempt under way: " + _quote(found)
    if (found := _affirmed(_INTENT_WITH_MEANS, reading)) and _affirmed(_MEANS, reading):
        return "intent and means: " + _quote(found)
    for clause in clauses:
        if _NOW.search(clause) and (found := _affirmed(_MEANS_IN_HAND, clause)):
            return "means in hand: " + _quote(found)
    if not (_affirmed(_ACTS, reading) or _affirmed(_THOUGHTS, reading)):
        return None
    if found := _affirmed(_PLAN, reading):
        return "suicidal with a plan: " + _quote(found)
    if (found := _affirmed(_MEANS, reading)) and not long_ago:
        return "suicidal with means: " + _quote(found)
    for clause in clauses:
        now = _NOW.search(clause)
        if not (when := now or _SOON.search(clause)):
            continue
        if _affirmed(_SUICIDE_ACTS, clause) or (now and _affirmed(_ACTS, clause)):
            return "suicidal with a time: " + _quote(when)
        if _affirmed(_THOUGHTS, clause) and not _THINKING.search(clause):
            return "suicidal with a time: " + _quote(when)
    return None


def _happening(pattern: re.Pattern[str], reading: str, clauses: list[str]) -> str | None:
    """The words of a clause that affirms the pattern as real and current, not past or supposed."""
    long_ago = bool(_PAST.search(reading))
    for clause in clauses:
        found = _affirmed(pattern, clause)
        if not found or _HYPOTHETICAL.search(clause) or _PAST.search(clause):
            continue
        if (long_ago or _RECENT_PAST.search(clause)) and not _STILL.search(clause):
            continue
        return _quote(found)
    return None


def _violence_in_progress(reading: str, clauses: list[str]) -> str | None:
    """Someone is being hurt, threatened with a weapon, or hiding from harm right now; or was
    just hurt, and the one who did it is still there or back."""
    if not _PAST.search(reading) and (found := _affirmed(_HARM_DONE, reading)):
        if _affirmed(_STILL_THERE, reading):
            return "violence now: " + _quote(found)
    for clause in clauses:
        if _CONDITIONAL_THREAT.search(clause) or _HYPOTHETICAL.search(clause):
            continue
        if _PAST.search(clause) or _RECENT_PAST.search(clause):
            continue
        if found := _affirmed(_VIOLENCE_NOW, clause):
            return "violence now: " + _quote(found)
        if _NOW.search(clause) and (found := _affirmed(_VIOLENCE_PRESENT, clause)):
            return "violence now: " + _quote(found)
    return None


def _urgent_categories(reading: str, weights: dict[str, int]) -> dict[str, str]:
    """Each category in which someone is in danger right now, with the words that say so."""
    clauses = [" " + clause.strip() for clause in reading.split("|")]
    urgent: dict[str, str] = {}
    if reason := _violence_in_progress(reading, clauses):
        urgent[SAFETY_PLANNING] = reason
    if reason := _suicide_in_progress(reading, clauses):
        urgent[MENTAL_HEALTH] = reason
    if found := _happening(_OVERDOSING, reading, clauses):
        urgent[SUBSTANCE_USE] = "overdose now: " + found
    elif weights[SUBSTANCE_USE] and (
        found := _happening(_BODY_IN_DANGER_AFTER_USE, reading, clauses)
    ):
        urgent[SUBSTANCE_USE] = "overdose signs: " + found
    if found := _happening(_BODY_IN_DANGER, reading, clauses):
        # Not breathing after drugs is an overdose; after a beating, it is violence.
        if weights[SUBSTANCE_USE] or not (weights[SAFETY_PLANNING] or weights[MENTAL_HEALTH]):
            urgent[SUBSTANCE_USE] = "overdose signs: " + found  # says more than "overdose"
        elif weights[SAFETY_PLANNING] >= weights[MENTAL_HEALTH]:
            urgent.setdefault(SAFETY_PLANNING, "body in danger: " + found)
        else:
            urgent.setdefault(MENTAL_HEALTH, "body in danger: " + found)
    return urgent


@dataclass(frozen=True)
class RuleReading:
    """What the rules see in a text: danger per category (with its words) and topic weights."""

    category: str | None  # the rules' own choice, or None when no topic is named
    urgent: dict[str, str] = field(default_factory=dict)  # category -> why it is urgent
    weights: dict[str, int] = field(default_factory=dict)  # how strongly each topic is named
    signals: tuple[str, ...] = ()  # which topic lists and time words matched, for the model


def read_rules(text: str) -> RuleReading:
    """Read a text by the rules: danger now in each category, and how much each topic is named."""
    reading = read(text)
    weights = _weights(reading)
    urgent = _urgent_categories(reading, weights)
    if urgent:
        category: str | None = next(c for c in _ROUTING_ORDER if c in urgent)
    elif any(weights.values()):
        category = max(_ROUTING_ORDER, key=lambda c: (weights[c], -_ROUTING_ORDER.index(c)))
    else:
        category = None
    return RuleReading(
        category=category, urgent=urgent, weights=weights, signals=_signals(reading)
    )


_TIME_WORDS = {
    "now": _NOW, "soon": _SOON, "past": _PAST, "recent past": _RECENT_PAST,
    "hypothetical": _HYPOTHETICAL, "conditional threat": _CONDITIONAL_THREAT,
    "thinking": _THINKING,
}
_DANGER_WORDS = {
    "suicide act": _SUICIDE_ACTS, "self-harm act": _ACTS, "suicidal thoughts": _THOUGHTS,
    "plan": _PLAN, "means": _MEANS, "attempt": _ATTEMPT, "overdosing": _OVERDOSING,
    "body in danger": _BODY_IN_DANGER, "violence now": _VIOLENCE_NOW,
}


def _signals(reading: str) -> tuple[str, ...]:
    """Each topic list, time word and danger word that occurs, and whether it is denied."""
    found = [
        f"{category} {index}"
        for category, rules in _TOPICS.items()
        for index, (_, pattern) in enumerate(rules)
        if pattern.search(reading)
    ]
    found += [name for name, pattern in _TIME_WORDS.items() if pattern.search(reading)]
    for name, pattern in _DANGER_WORDS.items():
        if pattern.search(reading):
            found.append(name if _affirmed(pattern, reading) else f"denied {name}")
    return tuple(found)


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
