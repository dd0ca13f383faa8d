"""Every `/twilio/voice/...` path the line hands to Twilio, built in one place.

TwiML actions, redirects, the URLs of placed call legs and their status callbacks all come
from here; the webhooks (`hotline.web.voice`) and the phone simulator route the same paths.
"""

from __future__ import annotations

from urllib.parse import urlencode

PREFIX = "/twilio/voice"

INCOMING = PREFIX  # the number's Voice URL
STATUS = f"{PREFIX}/status"  # the number's Status Callback URL
LANGUAGE = f"{PREFIX}/language"
MENU = f"{PREFIX}/menu"
CHOICE = f"{PREFIX}/choice"
TEXT_ME = f"{PREFIX}/text-me"
HOLD = f"{PREFIX}/hold"
LEAVE = f"{PREFIX}/leave"
QUEUED = f"{PREFIX}/queued"
NOBODY = f"{PREFIX}/nobody"
RECORDED = f"{PREFIX}/recorded"
OFFER = f"{PREFIX}/offer"
TAKE = f"{PREFIX}/take"
BRIDGE = f"{PREFIX}/bridge"
CALL_BACK = f"{PREFIX}/call-back"
LEG = f"{PREFIX}/leg"


def _with(path: str, **query: object) -> str:
    return f"{path}?{urlencode(query)}" if query else path


def language() -> str:
    """Where the greeting's keypress goes."""
    return LANGUAGE


def menu(lang: str, attempt: int | None = None) -> str:
    """The need menu (again, on `attempt` 1)."""
    return _with(MENU, lang=lang) if attempt is None else _with(MENU, lang=lang, **{"try": attempt})


def choice(lang: str, attempt: int) -> str:
    """Where the caller's key or words go."""
    return _with(CHOICE, lang=lang, **{"try": attempt})


def text_me(lang: str) -> str:
    """Press 1 to be texted the menu instead."""
    return _with(TEXT_ME, lang=lang)


def hold(lang: str) -> str:
    """The waiting caller's loop."""
    return _with(HOLD, lang=lang)


def leave() -> str:
    """A key pressed while waiting: out of the queue."""
    return LEAVE


def queued(case_id: int, lang: str) -> str:
    """Where the caller's wait ends."""
    return _with(QUEUED, case=case_id, lang=lang)


def nobody(case_id: int, lang: str) -> str:
    """The resources and a voicemail, when nobody can come."""
    return _with(NOBODY, case=case_id, lang=lang)


def recorded(case_id: int, lang: str) -> str:
    """Where a finished voicemail goes."""
    return _with(RECORDED, case=case_id, lang=lang)


def offer(offer_id: int) -> str:
    """What a responder hears on picking up an offer call."""
    return _with(OFFER, offer=offer_id)


def take(offer_id: int) -> str:
    """Where a responder's keypress on an offer call goes."""
    return _with(TAKE, offer=offer_id)


def bridge(case_id: int) -> str:
    """A responder who took a call by text, joined to the caller."""
    return _with(BRIDGE, case=case_id)


def call_back(call_id: int) -> str:
    """A responder's `CALL <code>` leg, answered."""
    return _with(CALL_BACK, call=call_id)


def leg(call_id: int) -> str:
    """The status callback of a leg the line placed."""
    return _with(LEG, call=call_id)
