"""Triage of a first text: which team it goes to, whether it is urgent, which language.

A person's first message decides who is woken up and how fast. This module reads it the way a
trained volunteer skims it: what the need is (mental health, substance use, safety planning),
whether someone is in danger right now, and whether to answer in English or Spanish. It works
from word lists and a few rules, not a model, so it answers in a fraction of a millisecond,
needs no network, and a crisis team can read and audit every decision. The vocabulary is in
`triage_words.py`.

The rules, in short: danger right now is suicide with intent, a plan, means or timing; an
overdose or attempt under way; violence happening now. Thoughts without a plan, past events,
negated statements ("I don't have a plan") and hypotheticals are not. When a text names several
needs, the urgent one wins, then the one named most strongly; on a tie, or when two are urgent,
the order a crisis team would call in: safety, then mental health, then substance use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from routing import triage_words as words

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


def _squeeze(text: str) -> str:
    """Collapse doubled letters, in a text or in a pattern (never after a backslash)."""
    return re.sub(r"(?<!\\)([a-z])\1+", r"\1", text)


def _compile(*sources: str) -> re.Pattern[str]:
    """A pattern over a reading: squeezed, with each word start read as the space before it.

    Readings start with a space and separate words by one space, so a leading `\\b` can
    become a literal space, which lets the regex engine skip straight to word starts.
    """
    source = re.sub(r"(^|\(\?:|\(|\|)\\b", r"\1 ", words.any_of(*sources))
    return re.compile(_squeeze(source))


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_CLAUSE_BREAK = re.compile(r"[.!?;,:()\n\r]+|\s[-–—]+\s|\b(?:but|pero|though|although|aunque)\b")
_WORD_OR_BREAK = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\|")
_ABBREVIATED_OVERDOSE = re.compile(r"\bo\.d\b\.?")
# Contractions and texting shorthand, by the word as typed, compared once doubled letters are
# squeezed out ("gonnaa" is "gonna").
_SHORTHAND = {_squeeze(typed): _squeeze(meant) for typed, meant in {
    "cant": "can not", "cannot": "can not", "wont": "will not", "aint": "is not",
    **{f"{verb}nt": f"{verb} not" for verb in (
        "do", "does", "did", "is", "are", "was", "were", "could", "would", "should", "have",
        "has", "had", "must", "need")},
    "im": "i am", "ive": "i have", "hes": "he is", "shes": "she is", "youre": "you are",
    "theyre": "they are", "gonna": "going to", "guna": "going to", "fina": "going to",
    "bouta": "about to", "wana": "want to", "gota": "got to", "tryna": "trying to",
    "ima": "i am going to", "rn": "right now", "atm": "at the moment", "u": "you", "ur": "your",
    "pls": "please", "plz": "please", "bf": "boyfriend", "gf": "girlfriend",
    "idk": "i do not know", "kms": "kill myself", "dv": "domestic violence",
    "narcan": "naloxone", "narkan": "naloxone", "narcon": "naloxone", "fent": "fentanyl",
    "fety": "fentanyl", "fenty": "fentanyl", "fentanil": "fentanyl", "fentinal": "fentanyl",
    "perc": "percocet", "percs": "percocet", "od": "overdose", "ods": "overdoses",
    "oded": "overdosed", "oding": "overdosing", "q": "que", "xq": "porque", "pq": "porque",
    "porq": "porque",
}.items()}
# Words whose doubled letter matters, by their squeezed form when typed with it: "soon" is not
# "son", a "noose" is not a "nose", "odd" is not "od" (only "he odd" is, see _PHRASES).
_DOUBLED = {"son": "shortly", "nose": "hanging rope", "wed": "marijuana", "od": "strange"}
_SUFFIXES = {"s": "is", "m": "am", "ll": "will", "re": "are", "ve": "have", "d": "would"}
# Shorthand of several words, in a reading (so already squeezed: "kil", "slide").
_PHRASE_MEANINGS = {
    "unalive myself": "kil myself", "unalive me": "kil myself", "no one": "noone",
    "no more": "nomore", "bout to": "about to", "sewer slide": "suicide",
    "self delete": "suicide", "hit me up": "texted me",
}
_PHRASES = re.compile(
    r" (?:unalive (?:myself|me)|(my|him|her|your|them|our) (self|selves)|no one|no more|sewer slide"
    r"|self delete|bout to|hit me up|(he|she|they|i|just|almost|nearly|friend|brother|sister|son"
    r"|daughter|boyfriend|girlfriend|husband|wife|partner|roommate|cousin|mom|dad) strange)(?= |$)"
)


def _phrase(match: re.Match[str]) -> str:
    """"my self" → "myself", "he odd" → "he overdosed", "no one" → "noone"."""
    if match.group(1):
        return f" {match.group(1)}{match.group(2)}"
    if match.group(3):
        return f" {match.group(3)} overdosed"
    return " " + _PHRASE_MEANINGS[match.group(0).strip()]


def _contraction(word: str) -> str:
    """"can't" → "can not", "he's" → "he is", "od'd" → "overdosed"."""
    stem, suffix = word.split("'", 1)
    if stem == "od":
        return {"d": "overdosed", "ed": "overdosed", "ing": "overdosing"}.get(suffix, "overdose")
    if suffix == "t" and stem.endswith("n"):
        return _SHORTHAND.get(stem + "t", stem[:-1] + " not")
    if stem == "i" and suffix in ("ma", "mma"):
        return "i am going to"
    if suffix in _SUFFIXES:
        return f"{stem} {_SUFFIXES[suffix]}"
    return stem + suffix


def _fold(text: str) -> str:
    """Lower case, straight apostrophes, no accents ("está" → "esta", "ñ" → "n")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _spelling_index(known: Iterable[str]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for word in {_squeeze(w) for w in known}:
        for variant in _deletions(word) | {word}:
            index.setdefault(variant, set()).add(word)
    return {variant: frozenset(found) for variant, found in index.items()}


_SPELLING = _spelling_index(words.WELL_KNOWN_WORDS)


@lru_cache(maxsize=8192)
def _respell(word: str) -> str:
    """One typed word as the patterns expect it: expanded, squeezed, misspelling mended."""
    if "'" in word:
        return " ".join(_respell(part) for part in _contraction(word).split())
    token = _squeeze(word)
    if token != word and token in _DOUBLED:
        return _DOUBLED[token]
    if token in _SHORTHAND:
        return _SHORTHAND[token]
    if len(token) < 6 or token in _SPELLING.get(token, ()):
        return token
    found: set[str] = set(_SPELLING.get(token, ()))
    for variant in _deletions(token):
        found |= _SPELLING.get(variant, frozenset())
    if not found:
        return token
    return min(found, key=lambda known: (abs(len(known) - len(token)), known))


def _read(text: str) -> str:
    """The text as the patterns see it: " word word | word", clauses split by " | "."""
    folded = _ABBREVIATED_OVERDOSE.sub("overdose", _fold(text))
    folded = _CLAUSE_BREAK.sub(" | ", folded)
    reading = ""
    for word in _WORD_OR_BREAK.findall(folded):
        if word != "|":
            reading += " " + _respell(word)
        elif reading and not reading.endswith("|"):
            reading += " |"
    return _PHRASES.sub(_phrase, reading.removesuffix(" |"))


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
    reading = _read(text)
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
        token = _squeeze(token)  # "holaa", "pleasee"
    if token in words.SPANISH_WORDS or token in words.ENGLISH_WORDS:
        return 2 * (token in words.SPANISH_WORDS), 2 * (token in words.ENGLISH_WORDS)
    if len(token) < 4:
        return 0, 0
    return int(bool(_SPANISH_SHAPE.search(token))), int(bool(_ENGLISH_SHAPE.search(token)))


def detect_language(text: str) -> str:
    """"es" when the text is (mostly, or led by) Spanish, else "en"."""
    lowered = text.lower()
    tokens = re.findall(r"[a-z]+", _fold(lowered).replace("'", ""))
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
