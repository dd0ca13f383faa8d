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

from routing import triage_model as model
from routing.triage_rules import (
    CATEGORIES,
    MENTAL_HEALTH,
    SAFETY_PLANNING,
    SUBSTANCE_USE,
    detect_language,
    read_rules,
)
from routing.triage_text import fold, squeeze

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
# Words too common to explain anything to a responder.
_PLAIN = frozenset(
    """the and for you your are was were with that this have has had not but from they them
    she her him his its it's our out just what when who how can will would there then than
    been being also que los las del por para con una uno esta este estoy esto como pero mas
    sus les lo la el de en y a i me my is am to of in on at so do be he we an or no mi going
    all got get like said says saying doing did does keep keeps ever even really very some
    about after again wanna gonna isn don didn doesn wasn aren won couldn wouldn shouldn todo
    toda todos muy mas ya pues nomas este""".split()
)
WHY_LENGTH = 100


@dataclass(frozen=True)
class Triage:
    """How the line reads a first text."""

    category: str | None  # one of CATEGORIES, or None when the need is unclear
    urgent: bool  # someone is in danger right now
    language: str  # "en" or "es"
    why: str = field(default="", compare=False)  # the deciding signals, for the responder


def _top_words(pushes: dict[str, float], count: int) -> list[str]:
    """The words that pushed an output hardest, strongest first.

    A word is counted once however it was read ("needle" as typed, "nedle" as the rules read
    it), and shown as typed.
    """
    merged: dict[str, float] = {}
    shown: dict[str, str] = {}
    for word, push in pushes.items():
        key = squeeze(word)
        merged[key] = merged.get(key, 0.0) + push
        if len(word) > len(shown.get(key, "")):
            shown[key] = word
    ranked = sorted(
        ((push, shown[key]) for key, push in merged.items()
         if push > 0 and len(key) > 2 and shown[key] not in _PLAIN and key not in _PLAIN),
        key=lambda item: (-item[0], item[1]),
    )
    return [word for _, word in ranked[:count]]


def _as_typed(reason: str, text: str) -> str:
    """A rule's reason with its words spelled as the person typed them ("kil" → "kill")."""
    typed = {squeeze(word): word for word in re.findall(r"[a-z0-9]+", fold(text))}
    return re.sub(r"[a-z0-9]+", lambda m: typed.get(m.group(0), m.group(0)), reason)


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _explain(
    category: str | None, urgent: bool, rule_reason: str | None, scores: model.Scores
) -> str:
    """A short account of the signals that decided, in plain words."""
    parts: list[str] = []
    if urgent:
        if rule_reason:
            parts.append(rule_reason)
        else:
            words = _top_words(scores.words("urgent"), 3)
            parts.append(f"danger now: {_quoted(words)}" if words else "danger now")
    else:
        parts.append("no danger now")
    target = category or model.UNCLEAR
    words = _top_words(scores.words(target), 3 if urgent else 4)
    team = _TEAM_NAMES[target]
    parts.append(f"{team}: {_quoted(words)}" if words and category else team)
    why = "; ".join(parts)
    return why if len(why) <= WHY_LENGTH else why[: WHY_LENGTH - 1].rstrip(" ,;:'") + "…"


def triage(text: str) -> Triage:
    """Read a first text: its category (or None when unclear), urgency, language, and why."""
    rules = read_rules(text)
    loaded = model.load()
    scores = model.score(loaded, text, rules)
    best = max(model.CLASSES, key=lambda name: (scores.category[name], name))
    category = None if best == model.UNCLEAR else best
    urgent = bool(rules.urgent) or scores.urgent >= loaded.threshold
    rule_reason = None
    if rules.urgent:
        reason = rules.urgent.get(category or "", next(iter(rules.urgent.values())))
        label, _, quote = reason.partition(": ")
        rule_reason = f"{label}: {_as_typed(quote, text)}" if quote else reason
    return Triage(
        category=category,
        urgent=urgent,
        language=detect_language(text),
        why=_explain(category, urgent, rule_reason, scores),
    )
