"""Twilio webhook signatures: every webhook checks one before it reads anything."""

from __future__ import annotations

import functools
import logging

from flask import abort, current_app, request
from twilio.request_validator import RequestValidator
from werkzeug.exceptions import RequestEntityTooLarge

log = logging.getLogger(__name__)


def signed_url() -> str:
    """The URL Twilio signed: PUBLIC_URL plus the path and query, else the request's own."""
    public = current_app.config.get("PUBLIC_URL")
    if not public:
        return request.url
    query = request.query_string.decode("latin-1")
    return public + request.path + (f"?{query}" if query else "")


def twilio_signed(view):
    """Answer 403, and change nothing, unless Twilio's signature is present and right."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = current_app.config.get("TWILIO_AUTH_TOKEN")
        signature = request.headers.get("X-Twilio-Signature", "")
        if not token or not signature:
            log.warning("unsigned request to %s refused", request.path)
            abort(403)
        try:
            valid = RequestValidator(token).validate(signed_url(), request.form, signature)
        except RequestEntityTooLarge:  # over MAX_CONTENT_LENGTH: 413, nothing read
            raise
        except Exception:  # a malformed body or header is a forgery, not a crash
            valid = False
        if not valid:
            log.warning("bad signature on %s refused", request.path)
            abort(403)
        return view(*args, **kwargs)

    return wrapper
