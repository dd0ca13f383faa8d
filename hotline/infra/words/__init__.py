"""Every word a person or responder reads, one module per language, with named placeholders.

`say("offer", "es", code="4821", ...)` picks the Spanish text, or the English one when a
language lacks it. Keep first replies and safety messages to one SMS segment.
"""

from __future__ import annotations

from hotline.infra.words import en, es

_LANGUAGES = {"en": en.WORDS, "es": es.WORDS}


def say(key: str, lang: str = "en", /, **values: object) -> str:
    """The text for `key` in language `lang`, with its placeholders filled in."""
    words = _LANGUAGES.get(lang, en.WORDS)
    template = words.get(key) or en.WORDS[key]
    return template.format(**values)


def category_name(category: str | None, language: str = "en") -> str:
    """A category as people say it ("substance use")."""
    return say(f"category_{category or 'unknown'}", language)


def language_name(code: str, language: str = "en") -> str:
    """A language as people say it ("Spanish")."""
    return say(f"language_{code}", language)
