"""Texts that reached only the fallback URL (the database was away): parked in Redis by the
fallback webhook, stored by the worker's sweep once the database answers again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from flask import current_app

from hotline.sms import intake

log = logging.getLogger(__name__)

FALLBACK_KEY = "hotline:fallback-inbound"


def park(form: Mapping[str, str]) -> None:
    """Keep a text the fallback answered in Redis, for the sweep to store."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is None or not form.get("MessageSid"):
        return
    try:
        fields = form.to_dict() if hasattr(form, "to_dict") else dict(form)  # first values
        redis.rpush(FALLBACK_KEY, json.dumps(fields))
    except Exception as error:
        log.error("fallback text %s could not be parked: %s", form.get("MessageSid"),
                  type(error).__name__)


def store_parked() -> int:
    """Store every parked text (each once: a MessageSid is stored only once); how many."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is None:
        return 0
    stored = 0
    while (raw := redis.lindex(FALLBACK_KEY, 0)) is not None:
        intake.receive(json.loads(raw))
        redis.lpop(FALLBACK_KEY)
        stored += 1
    return stored
