"""The phone simulator: text or call the line from a browser as a person or as any responder.

Development only (contract §7): `create_app` registers this blueprint when there are no Twilio
credentials, so outbound texts stay in the database with status `local`. A text sent here takes
the path a real one takes after the webhook's signature check, `intake.receive`; the page then
shows each phone's conversation as that phone would see it (`phones`). Calls play the line's own
TwiML on `switchboard.Switchboard`, and the legs the line places ring the responders' phones.
The page's script and styles are files in `static/`, and its responses forbid inline script and
anything from another origin.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from flask import Blueprint, current_app, render_template, request
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.infra import db
from hotline.infra.models import InboundMessage, Line, Person
from hotline.infra.words import language_name
from hotline.simulator import phones as screens
from hotline.simulator import switchboard as sim_calls
from hotline.sms import intake

bp = Blueprint("simulator", __name__, template_folder="templates", static_folder="static",
               static_url_path="/simulator/static")

PHONE = re.compile(r"\+\d{8,15}")
MAX_BODY = 1600
MAX_MEDIA = 10
# Only this app's own files: no inline script or style, nothing from another origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


@bp.record_once
def _add_switchboard(state) -> None:
    state.app.extensions["hotline.switchboard"] = sim_calls.Switchboard()


@bp.after_request
def _only_own_files(response):
    response.headers["Content-Security-Policy"] = CSP
    return response


def switchboard() -> sim_calls.Switchboard:
    """The current app's simulated calls."""
    return current_app.extensions["hotline.switchboard"]


@bp.get("/")
@bp.get("/simulator")
def page():
    """The simulator page, with a phone for a person and one for each responder."""
    with db.transaction() as session:
        line = rosters.line_for(session)
        return render_template(
            "simulator.html", number=line.number, responders=_responders(session, line),
            offer_timeout=screens.duration(current_app.config["OFFER_TIMEOUT_SECONDS"]),
            checkin_after=screens.duration(current_app.config["CHECKIN_AFTER_SECONDS"]))


@bp.get("/simulator/state")
def state():
    """The line, its responders, every phone's conversation with it and its calls, as JSON."""
    calls = switchboard().snapshot()
    with db.transaction() as session:
        line = rosters.line_for(session)
        responders = _responders(session, line)
        taken = {r["phone"] for r in responders} | {line.number}
        people = [p for p in _person_phones(session, line) if p not in taken]
        phones = [r["phone"] for r in responders] + people
        return {
            "number": line.number,
            "responders": responders,
            "people": people,
            "conversations": {phone: screens.conversation(session, phone) for phone in phones},
            "calls": calls,
        }


@bp.post("/simulator/send")
def send():
    """Text the line from a phone, as Twilio's webhook would deliver it."""
    data = request.get_json(silent=True) or request.form
    sender = str(data.get("from") or "").strip()
    body = str(data.get("body") or "")
    if error := _sender_error(sender):
        return {"error": error}, 400
    if len(body) > MAX_BODY:
        return {"error": f"a text holds at most {MAX_BODY} characters"}, 400
    try:
        media = int(data.get("media") or 0)
    except (TypeError, ValueError):
        media = -1
    if not 0 <= media <= MAX_MEDIA:
        return {"error": f"'media' must be a count from 0 to {MAX_MEDIA}"}, 400
    if not body.strip() and not media:
        return {"error": "write something to send"}, 400
    form = {
        "MessageSid": "SMsim" + secrets.token_hex(14),
        "From": sender,
        "To": current_app.config["HOTLINE_NUMBER"],
        "Body": body,
        "NumMedia": str(media),
    }
    return {"ok": True, "id": intake.receive(form)}, 202


@bp.get("/simulator/calls")
def calls():
    """Every simulated call, per phone: what it heard, and what it can do now."""
    return {"phones": switchboard().snapshot()}


@bp.post("/simulator/call")
def call():
    """Call the line from a phone, as Twilio would ring its Voice URL."""
    data = request.get_json(silent=True) or request.form
    caller = str(data.get("from") or "").strip()
    if error := _sender_error(caller):
        return {"error": error}, 400
    try:
        started = switchboard().start(caller, current_app.config["HOTLINE_NUMBER"],
                                      request.host_url.rstrip("/"))
    except sim_calls.CallError as refused:
        return {"error": str(refused)}, 409
    return {"ok": True, "call": started}, 201


@bp.post("/simulator/calls/<call_id>/<action>")
def act(call_id: str, action: str):
    """Press keys, say words, stay silent, answer, decline, hang up or leave a message."""
    if action not in sim_calls.ACTIONS:
        return {"error": f"a call can {', '.join(sim_calls.ACTIONS)}"}, 404
    data = request.get_json(silent=True) or request.form
    value = str(data.get("digits") or data.get("text") or "")
    try:
        done = switchboard().act(call_id, action, value)
    except sim_calls.NoSuchCall as missing:
        return {"error": str(missing)}, 404
    except sim_calls.CallError as refused:
        return {"error": str(refused)}, 409
    return {"ok": True, "call": done}


def _sender_error(phone: str) -> str | None:
    """Why a phone cannot text or call the line from the simulator, if it cannot."""
    if not PHONE.fullmatch(phone):
        return "'from' must be an E.164 number: + then 8 to 15 digits"
    if phone == current_app.config["HOTLINE_NUMBER"]:
        return "that is the line's own number; use another phone"
    return None


def _responders(session: Session, line: Line) -> list[dict]:
    """The roster's responders in roster order, with whether each takes offers."""
    rows = rosters.responders_by_name(session, line)
    listed = []
    for spec in (line.roster or {}).get("responders", []):
        row = rows.get(spec["name"])
        listed.append({
            "name": spec["name"],
            "phone": spec["phone"],
            "languages": list(spec.get("languages", [])),
            "language_names": [language_name(code) for code in spec.get("languages", [])],
            "categories": list(spec.get("categories", [])),
            "taking_offers": row.taking_offers if row is not None else True,
        })
    return listed


def _person_phones(session: Session, line: Line) -> list[str]:
    """Every phone that texted the line or is known as a person, newest first."""
    latest: dict[str, datetime] = {}
    texts = session.exec(select(InboundMessage.from_number, InboundMessage.received_at))
    for phone, at in texts:
        latest[phone] = max(screens.utc(at), latest.get(phone, screens.utc(at)))
    for phone, at in session.exec(select(Person.phone, Person.created_at)
                                  .where(Person.line_id == line.id)):
        latest.setdefault(phone, screens.utc(at))
    return sorted(latest, key=latest.__getitem__, reverse=True)
