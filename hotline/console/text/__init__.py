"""The console's words, one catalogue a language: `t("sign_in")` in the reader's language,
chosen on the page (kept in the session) or else from the browser's Accept-Language. The
shift pages' words are kept apart (`shifts_en`, `shifts_es`) and joined in here."""

from __future__ import annotations

from flask import has_request_context, request, session

from hotline.console.text import en, es, shifts_en, shifts_es

CATALOGUES = {"en": en.TEXT | shifts_en.TEXT, "es": es.TEXT | shifts_es.TEXT}


def language() -> str:
    if not has_request_context():
        return "en"
    chosen = session.get("lang")
    if chosen in CATALOGUES:
        return chosen
    return request.accept_languages.best_match(list(CATALOGUES)) or "en"


def t(key: str, /, **values: object) -> str:
    """The text for `key` in the reader's language (English when a catalogue lacks it)."""
    text = CATALOGUES[language()].get(key) or CATALOGUES["en"][key]
    return text.format(**values) if values else text
