"""Triage of a first text: which team it goes to, whether it is urgent, which language.

A person's first message decides who is woken up and how fast. Two readers look at it. The
rules (`triage_rules.py`) know the classic signs word for word (intent, a plan, means, a time,
an overdose or violence under way) and how negation, the past and hyperbole undo them. The
model (`triage_model.py`), trained on the project's labelled corpus (`data/triage/`), knows how
people actually write, typos, Spanglish, speech-to-text and all, and learned the hard negatives
from the same corpus. Missing danger is the worst failure, so a text is urgent when either
reader says so; the team is the model's choice, which already weighs what the rules saw. The
language is the rules' reading of the words. `why` says, in a few plain words, what decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from routing import triage_model as model
from routing.triage_rules import (
    CATEGORIES,
    MENTAL_HEALTH,
    SAFETY_PLANNING,
    SUBSTANCE_USE,
    RuleReading,
    detect_language,
    read_rules,
)
from routing.triage_text import fold, read, squeeze

__all__ = [
    "CATEGORIES", "MENTAL_HEALTH", "SAFETY_PLANNING", "SUBSTANCE_USE", "Triage",
    "detect_language", "triage",
]

_TEAM_NAMES = {
    MENTAL_HEALTH: "mental health",
    SUBSTANCE_USE: "substance use",
    SAFETY_PLANNING: "safety",
    model.UNCLEAR: "need not clear",
}
# Words too common, or too polite, to explain anything to a responder on their own.
_PLAIN = frozenset(
    """the and for you your are was were with that this have has had not but from they them
    she her him his its it's our out just what when who how can will would there then than
    been being also que los las del por para con una uno esta este estoy esto como pero mas
    sus les lo la el de en y a i me my is am to of in on at so do be he we an or no mi going
    all got get like said says saying doing did does keep keeps ever even really very some
    about after again wanna gonna isn don didn doesn wasn aren won couldn wouldn shouldn todo
    toda todos muy mas ya pues nomas este please pls plz plss porfa favor hurry help ayuda
    ayudame hello hola hey hi ok okay okey thanks thank gracias sorry perdon im i'm it's se
    le te tu su un""".split()
)
# The rules' kinds of danger, in the words a responder reads.
_KINDS = {
    "stated intent": "intent stated",
    "a plan made": "plan or means ready",
    "attempt under way": "attempt under way",
    "intent and means": "intent and the means",
    "means in hand": "means in hand",
    "suicidal with a plan": "suicidal, with a plan",
    "suicidal with means": "suicidal, with the means",
    "suicidal with a time": "suicidal, with a time",
    "violence now": "violence now",
    "overdose now": "overdose now",
    "overdose signs": "overdose signs",
    "body in danger": "body in danger now",
}
_TIMED = frozenset({"now", "soon"})
_SEIZURE = re.compile(r"seiz|convuls")
MODEL_KIND = "reads like danger now"
WHY_LENGTH = 100
QUOTE_LENGTH = 44
_TYPED_WORD = re.compile(r"[^\W_]+(?:['’‘`´ʼ][^\W_]+)*")


@dataclass(frozen=True)
class Triage:
    """How the line reads a first text."""

    category: str | None  # one of CATEGORIES, or None when the need is unclear
    urgent: bool  # someone is in danger right now
    language: str  # "en" or "es"
    why: str = field(default="", compare=False)  # the deciding signals, for the responder


@dataclass(frozen=True)
class _Typed:
    """One word as the person typed it: where it is, and the forms the readers saw it in."""

    start: int
    end: int
    reading: tuple[str, ...]  # as the rules read it ("kms" → "kil", "myself")
    keys: frozenset[str]  # every form the model's features name it by


@lru_cache(maxsize=8192)
def _forms(typed: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A typed word as the rules read it, and every form the model's features name it by."""
    reading = tuple(read(typed).replace("|", " ").split())
    return reading, frozenset((*reading, *model.char_words(typed), squeeze(fold(typed))))


def _typed_words(text: str) -> list[_Typed]:
    words = []
    for match in _TYPED_WORD.finditer(text):
        reading, keys = _forms(match.group(0))
        words.append(_Typed(match.start(), match.end(), reading, keys))
    return words


def _excerpt(text: str, words: list[_Typed], first: int, last: int) -> str:
    """The person's own words from `first` to `last`, as written, cut to QUOTE_LENGTH."""
    while last > first and words[last].end - words[first].start > QUOTE_LENGTH:
        last -= 1
    quote = " ".join(text[words[first].start : words[last].end].split())
    return quote if len(quote) <= QUOTE_LENGTH else quote[: QUOTE_LENGTH - 1].rstrip() + "…"


def _find_reading(words: list[_Typed], wanted: list[str]) -> tuple[int, int] | None:
    """The typed words (first, last) that read as `wanted`, or as its first and last words."""
    flat = [(token, index) for index, word in enumerate(words) for token in word.reading]
    tokens = [token for token, _ in flat]
    size = len(wanted)
    for at in range(len(tokens) - size + 1):
        if tokens[at : at + size] == wanted:
            return flat[at][1], flat[at + size - 1][1]
    # A phrase read as one ("no one" → "noone"): anchor on the first and last words found.
    starts = [i for i, word in enumerate(words) if wanted[0] in word.reading]
    for first in starts:
        ends = [i for i in range(first, min(first + size + 2, len(words)))
                if wanted[-1] in words[i].reading]
        if ends:
            return first, ends[-1]
    return None


def _rule_quote(text: str, words: list[_Typed], quoted: str) -> str:
    """The words a rule matched (given in its reading), as the person wrote them."""
    wanted = quoted.strip("'").split()
    found = _find_reading(words, wanted) if wanted else None
    return _excerpt(text, words, *found) if found else ""


def _strongest_words(
    text: str, words: list[_Typed], pushes: dict[str, float], width: int = 5
) -> str:
    """The run of up to `width` typed words that pushed an output hardest, as written.

    The model names a feature's words in its own forms ("nedle", "needle"); each typed word
    takes the pushes of every form it was read in. Common and polite words ("please", "the")
    count for nothing and never start or end a quote.
    """
    share: dict[str, int] = {}
    for word in words:
        for key in word.keys:
            share[key] = share.get(key, 0) + 1
    scores = []
    for word in words:
        plain = fold(text[word.start : word.end]) in _PLAIN or word.reading and all(
            token in _PLAIN for token in word.reading
        )
        push = sum(pushes.get(key, 0.0) / share[key] for key in word.keys)
        scores.append(None if plain else push)
    best: tuple[float, int, int] | None = None
    for first, score in enumerate(scores):
        if score is None or score <= 0:
            continue
        total = 0.0
        for last in range(first, min(first + width, len(words))):
            total += scores[last] or 0.0
            if scores[last] is not None and scores[last] > 0 and (
                best is None or total > best[0]
            ):
                best = (total, first, last)
    return _excerpt(text, words, best[1], best[2]) if best else ""


def _kind(label: str, signals: tuple[str, ...]) -> str:
    """A rule's kind of danger in plain words, adding a time or a plan when the text has one."""
    timed = bool(_TIMED.intersection(signals))
    if label in ("stated intent", "a plan made", "suicidal with a plan") and timed:
        return "intent and a time" if label == "stated intent" else "plan and a time"
    if label == "stated intent" and "plan" in signals:
        return "intent and a plan"
    return _KINDS.get(label, label)


def _said(kind: str, quote: str) -> str:
    return f'{kind}: "{quote}"' if quote else kind


def _explain(
    text: str, category: str | None, urgent: bool, rules: RuleReading, scores: model.Scores
) -> str:
    """What decided, for a responder: the kind of signal and the person's own words."""
    words = _typed_words(text)
    if rules.urgent:
        reason = rules.urgent.get(category or "", next(iter(rules.urgent.values())))
        label, _, quoted = reason.partition(": ")
        kind = _kind(label, rules.signals)
        if _SEIZURE.search(quoted):  # a seizure is not always an overdose (withdrawal)
            kind = "seizure now"
        danger = _said(kind, _rule_quote(text, words, quoted))
    elif urgent:
        danger = _said(MODEL_KIND, _strongest_words(text, words, scores.words("urgent")))
    else:
        danger = "no danger now"
    team = _TEAM_NAMES[category or model.UNCLEAR]
    if category and not urgent:
        team = _said(team, _strongest_words(text, words, scores.words(category), width=4))
    why = f"{danger}; {team}"
    if len(why) > WHY_LENGTH:
        why = f"{danger}; {_TEAM_NAMES[category or model.UNCLEAR]}"
    return why if len(why) <= WHY_LENGTH else why[: WHY_LENGTH - 1].rstrip(" ,;:'\"") + "…"


def triage(text: str) -> Triage:
    """Read a first text: its category (or None when unclear), urgency, language, and why."""
    rules = read_rules(text)
    loaded = model.load()
    scores = model.score(loaded, text, rules)
    best = max(model.CLASSES, key=lambda name: (scores.category[name], name))
    category = None if best == model.UNCLEAR else best
    urgent = bool(rules.urgent) or scores.urgent >= model.danger_bar(loaded, text, rules)
    return Triage(
        category=category,
        urgent=urgent,
        language=detect_language(text),
        why=_explain(text, category, urgent, rules, scores),
    )
