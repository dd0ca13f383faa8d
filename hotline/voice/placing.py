"""Outbound call legs through Twilio's Calls API: place, redirect, hang up; each safe twice.

A leg is a `VoiceCall` row written in the deciding transaction; these jobs carry it out. In
development without Twilio credentials a placed leg is kept locally (status `local`) for the
phone simulator to ring.
"""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import update

from hotline.infra import db, voice_urls
from hotline.infra.models import Line, Offer, VoiceCall, utcnow
from hotline.infra.twilio_api import client_for, create_call, mask_phone, update_call

log = logging.getLogger(__name__)

RING_SECONDS = 25
ENDED = ("completed", "busy", "no-answer", "failed", "canceled")


def public_base(line: Line) -> str:
    """The origin Twilio reaches us at: PUBLIC_URL, else where its last webhook came to."""
    return current_app.config.get("PUBLIC_URL") or (line.origin or "").rstrip("/")


def place(call_id: int) -> None:
    """Dial one queued leg (once: the row is claimed first)."""
    with db.transaction() as session:
        claimed = session.execute(update(VoiceCall).where(
            VoiceCall.id == call_id, VoiceCall.status == "queued").values(status="placing")
        ).rowcount
        if not claimed:
            return
        call = session.get(VoiceCall, call_id)
        offer = session.get(Offer, call.offer_id) if call.offer_id else None
        if offer is not None and offer.status != "open":  # taken or ended meanwhile
            call.status, call.ended_at = "canceled", utcnow()
            return
        line = session.get(Line, call.line_id)
        base = public_base(line)
    client = client_for(current_app.config)
    if client is None:  # development: the simulator rings it
        _set(call_id, status="local")
        return
    try:
        sid = create_call(
            client, to=call.to_number, from_=line.number, url=base + call.path,
            status_callback=base + voice_urls.leg(call_id), timeout=RING_SECONDS)
    except Exception:
        with db.transaction() as session:  # back in line for a retry, unless hung up meanwhile
            session.execute(update(VoiceCall).where(
                VoiceCall.id == call_id, VoiceCall.status == "placing").values(status="queued"))
        log.warning("call %s to %s not placed yet", call_id, mask_phone(call.to_number))
        raise
    with db.transaction() as session:
        recorded = session.execute(update(VoiceCall).where(
            VoiceCall.id == call_id, VoiceCall.status == "placing").values(
            status="placed", sid=sid)).rowcount
        if not recorded:  # hung up while it was being placed: end the call just made
            session.execute(update(VoiceCall).where(VoiceCall.id == call_id).values(sid=sid))
    if not recorded:
        update_call(client, sid, status="completed")


def hang_up(call_id: int) -> None:
    """End a leg that may still ring or be connected."""
    with db.transaction() as session:
        call = session.get(VoiceCall, call_id)
        if call is None or call.status in ENDED:
            return
        sid, local = call.sid, call.status == "local"
        ringing = call.status in ("queued", "placing", "placed", "local", "ringing")
        call.status, call.ended_at = ("canceled" if ringing else "completed"), utcnow()
    client = client_for(current_app.config)
    if sid and not local and client is not None:
        update_call(client, sid, status="completed")


def redirect(call_id: int, path: str) -> None:
    """Send a live leg to new TwiML (the caller, when nobody can come)."""
    with db.transaction() as session:
        call = session.get(VoiceCall, call_id)
        if call is None or call.status in ENDED or not call.sid:
            return
        call.path = path
        base = public_base(session.get(Line, call.line_id))
    client = client_for(current_app.config)
    if client is not None:
        update_call(client, call.sid, url=base + path)


def _set(call_id: int, **values) -> None:
    with db.transaction() as session:
        session.execute(update(VoiceCall).where(VoiceCall.id == call_id).values(**values))
