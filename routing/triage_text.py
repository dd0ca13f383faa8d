"""How triage reads a text: the spelling, shorthand and clauses its patterns are written against.

People in crisis text fast: "im gonna kms rn", "pleeease", "suicde", "no quiero vivir". Before
any pattern is tried, `read` turns a text into one plain form: lower case, no accents,
contractions and shorthand spelled out, doubled letters squeezed, well-known words whose
misspelling is unambiguous mended, and clauses separated by " | ". The word lists in
`triage_words` are written for that form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from routing.triage_words import WELL_KNOWN_WORDS


def squeeze(text: str) -> str:
    """Collapse doubled letters, in a text or in a pattern (never after a backslash)."""
    return re.sub(r"(?<!\\)([a-z])\1+", r"\1", text)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_CLAUSE_BREAK = re.compile(r"[.!?;,:()\n\r]+|\s[-–—]+\s|\b(?:but|pero|though|although|aunque)\b")
_WORD_OR_BREAK = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\|")
_ABBREVIATED_OVERDOSE = re.compile(r"\bo\.d\b\.?")
# Contractions and texting shorthand, by the word as typed, compared once doubled letters are
# squeezed out ("gonnaa" is "gonna").
_SHORTHAND = {squeeze(typed): squeeze(meant) for typed, meant in {
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


def fold(text: str) -> str:
    """Lower case, straight apostrophes, no accents ("está" → "esta", "ñ" → "n")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _spelling_index(known: Iterable[str]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for word in {squeeze(w) for w in known}:
        for variant in _deletions(word) | {word}:
            index.setdefault(variant, set()).add(word)
    return {variant: frozenset(found) for variant, found in index.items()}


_SPELLING = _spelling_index(WELL_KNOWN_WORDS)


@lru_cache(maxsize=8192)
def _respell(word: str) -> str:
    """One typed word as the patterns expect it: expanded, squeezed, misspelling mended."""
    if "'" in word:
        return " ".join(_respell(part) for part in _contraction(word).split())
    token = squeeze(word)
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


@lru_cache(maxsize=1024)
def read(text: str) -> str:
    """The text as the patterns see it: " word word | word", clauses split by " | ".

    Kept for the last texts read: the rules, the model and `why` each read the same text.
    """
    folded = _ABBREVIATED_OVERDOSE.sub("overdose", fold(text))
    folded = _CLAUSE_BREAK.sub(" | ", folded)
    reading = ""
    for word in _WORD_OR_BREAK.findall(folded):
        if word != "|":
            reading += " " + _respell(word)
        elif reading and not reading.endswith("|"):
            reading += " |"
    return _PHRASES.sub(_phrase, reading.removesuffix(" |"))
