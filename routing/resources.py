"""What people are told when no responder can come, by need and by urgency.

A crisis team decides here what its line tells people: the general text of each language, and
optionally a text for a need (`substance_use`), for danger now (`urgent`), or for both
(`urgent.substance_use`: an overdose under way needs emergency medical advice, not a suicide
line). The most specific text in the person's language wins; a language with no text at any
level falls back to English at the same levels; the fallback URL, which knows no case, uses
the general text.

In a roster's `resources` mapping the keys are languages, needs (each a mapping of language to
text) and `urgent` (a mapping of languages and needs, in turn). Inside a `Roster` the texts
are kept flat, as (dotted key, text) pairs: `en`, `substance_use.en`, `urgent.en`,
`urgent.substance_use.en`.
"""

from __future__ import annotations

from collections.abc import Mapping

from routing.roster_fields import Reader, child

CATEGORIES = ("mental_health", "substance_use", "safety_planning")
LANGUAGES = ("en", "es")
URGENT = "urgent"

Texts = tuple[tuple[str, str], ...]


def pick(texts: Texts, language: str, category: str | None = None,
         urgent: bool = False) -> str | None:
    """The most specific text for a person's language, need and urgency; None if none."""
    key = pick_key(texts, language, category, urgent)
    return None if key is None else dict(texts)[key]


def pick_key(texts: Texts, language: str, category: str | None = None,
             urgent: bool = False) -> str | None:
    """The dotted key of the text `pick` gives; None if none."""
    by_key = dict(texts)
    scopes = []
    if urgent and category:
        scopes.append(f"{URGENT}.{category}.")
    if urgent:
        scopes.append(f"{URGENT}.")
    if category:
        scopes.append(f"{category}.")
    scopes.append("")
    for lang in dict.fromkeys((language, "en")):
        for scope in scopes:
            if scope + lang in by_key:
                return scope + lang
    return None


def read(reader: Reader, value: object) -> Texts:
    """A roster's `resources` mapping as flat (dotted key, text) pairs, noting each problem."""
    if not isinstance(value, Mapping):
        reader.problem("resources", "must be a mapping of language to text, like en: ...")
        return ()
    texts: list[tuple[str, str]] = []
    _read_level(reader, value, "resources", "", texts)
    return tuple(texts)


def _read_level(reader: Reader, value: Mapping, path: str, prefix: str,
                texts: list[tuple[str, str]]) -> None:
    """One level: languages, needs, and (at the top) `urgent`, which holds a level itself."""
    known = LANGUAGES + CATEGORIES + (() if prefix else (URGENT,))
    for key, written in value.items():
        place = child(path, str(key))
        name = reader.choice(key, place, known, "language, need or urgent")
        if name in LANGUAGES:
            _add(reader, texts, prefix + name, written, place)
        elif name is not None and not isinstance(written, Mapping):
            reader.problem(place, "must be a mapping of language to text, like en: ...")
        elif name == URGENT:
            _read_level(reader, written, place, f"{URGENT}.", texts)
        elif name is not None:
            for lang_key, text in written.items():
                lang = reader.choice(lang_key, child(place, str(lang_key)), LANGUAGES,
                                     "language")
                if lang is not None:
                    _add(reader, texts, f"{prefix}{name}.{lang}", text,
                         child(place, str(lang_key)))


def _add(reader: Reader, texts: list[tuple[str, str]], key: str, written: object,
         place: str) -> None:
    text = reader.text(written, place)
    if text is None:
        return
    if key in dict(texts):
        reader.problem(place, f'a second text in "{key.rsplit(".", 1)[-1]}"')
        return
    texts.append((key, text))


def to_doc(texts: Texts) -> dict[str, object]:
    """The flat texts back as the nested mapping a roster file holds."""
    doc: dict[str, object] = {}
    for key, text in texts:
        *scopes, lang = key.split(".")
        level = doc
        for scope in scopes:
            level = level.setdefault(scope, {})  # type: ignore[assignment]
        level[lang] = text
    return doc
