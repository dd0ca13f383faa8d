"""Lines and their rosters in the database: import in one transaction, export, look up.

The roster document is kept whole on its line (validated by `routing.roster`); responders are
rows too, because dispatch remembers things about them (ON/OFF, when last offered).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

import yaml
from flask import current_app
from sqlalchemy import bindparam
from sqlmodel import Session, select

from hotline.infra.crypto import phone_hash, phone_hashes
from hotline.infra.db import insert_ignoring_conflict
from hotline.infra.models import Line, Responder, utcnow
from hotline.infra.words import say
from routing.oncall import is_open, next_opening
from routing.roster import Roster, RosterError, parse_roster, roster_to_doc
from routing.roster_fields import child

EMPTY_ROSTER = {"timezone": "UTC", "responders": [], "rotations": []}


def read_document(text: str) -> object:
    """A roster file's contents (YAML, or the same structure in JSON) as plain data."""
    return read_located(text)[0]


def read_located(text: str) -> tuple[object, dict[str, int]]:
    """A roster file's contents, and the line (from 1) each value starts on, by its path as
    problems name it ("rotations[1].members[2]"); see `line_of`."""
    try:
        lines: dict[str, int] = {}
        _note_lines(yaml.compose(text, Loader=yaml.SafeLoader), "", lines)
        return yaml.safe_load(text), lines
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        problem = getattr(error, "problem", None) or str(error)
        raise RosterError([f"{place}: not valid YAML or JSON ({problem})"]) from None


def _note_lines(node: yaml.Node | None, path: str, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            place = child(path, str(key.value))
            lines.setdefault(place, key.start_mark.line + 1)
            _note_lines(value, place, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.setdefault(child(path, i), item.start_mark.line + 1)
            _note_lines(item, child(path, i), lines)


def line_of(problem: str, lines: dict[str, int]) -> int | None:
    """The line a "path: message" problem or warning is at: that of its path, or of the nearest
    value around it in the file (a missing key is reported at the mapping that lacks it)."""
    path = problem.split(": ", 1)[0]
    while path:
        if path in lines:
            return lines[path]
        path = path[: max(path.rfind("."), path.rfind("["), 0)]
    return None


def line_numbered(session: Session, number: str) -> Line:
    """The line with this Twilio number, created with an empty roster on first use."""
    line = session.exec(select(Line).where(Line.number == number)).one_or_none()
    if line is None:
        insert_ignoring_conflict(session, Line, number=number, roster=EMPTY_ROSTER,
                                 updated_at=utcnow())
        line = session.exec(select(Line).where(Line.number == number)).one()
    return line


NUMBER = re.compile(r"^\+[1-9]\d{6,14}$")


def add_line(session: Session, number: str, name: str, timezone: str) -> tuple[Line, bool]:
    """A line for a Twilio number with its name and timezone (a line that exists is renamed
    and takes the timezone); and whether it is new. Raises RosterError on bad input."""
    number, name = number.strip(), " ".join(name.split())
    problems = []
    if not NUMBER.match(number):
        problems.append(f"number: {number!r} is not a phone number like +15551230000")
    if not name or len(name) > 100:
        problems.append("name: give the line a name of 1 to 100 characters")
    try:
        ZoneInfo(timezone)
    except (ValueError, KeyError):
        problems.append(f"timezone: {timezone!r} is not a time zone like America/Chicago")
    if problems:
        raise RosterError(problems)
    new = session.exec(select(Line).where(Line.number == number)).one_or_none() is None
    line = line_numbered(session, number)
    line.name = name
    line.roster = roster_to_doc(parse_roster({**(line.roster or EMPTY_ROSTER),
                                              "timezone": timezone}))
    line.updated_at = utcnow()
    session.add(line)
    return line, new


def line_label(line: Line) -> str:
    """How people see a line named: its name, else its number."""
    return line.name or line.number


_LINE = select(Line).where(Line.number == bindparam("number"))


def line_for(session: Session, number: str | None = None) -> Line:
    """The line a Twilio number belongs to, else the line of HOTLINE_NUMBER."""
    if number:
        line = session.exec(_LINE, params={"number": number}).one_or_none()
        if line is not None:
            return line
    return line_numbered(session, current_app.config["HOTLINE_NUMBER"])


def import_roster(session: Session, doc: object, number: str | None = None) -> Roster:
    """Replace a line's roster; raises RosterError (and changes nothing) on any problem."""
    roster = parse_roster(doc)
    line = line_numbered(session, number or current_app.config["HOTLINE_NUMBER"])
    line.roster = roster_to_doc(roster)
    line.updated_at = utcnow()
    existing = {r.name: r for r in session.exec(
        select(Responder).where(Responder.line_id == line.id))}
    named = {spec.name for spec in roster.responders}
    # A name the roster no longer has, on a phone it still has, is the same person renamed:
    # they keep their record (history, ON/OFF, opt-out, console account).
    renamed = {r.phone_hash: r for r in existing.values() if r.name not in named}
    for spec in roster.responders:
        responder = existing.pop(spec.name, None)
        if responder is None and phone_hash(spec.phone) in renamed:
            responder = renamed.pop(phone_hash(spec.phone))
            del existing[responder.name]
            responder.name = spec.name
        responder = responder or Responder(
            line_id=line.id, name=spec.name, phone=spec.phone, phone_hash=phone_hash(spec.phone))
        responder.phone, responder.phone_hash = spec.phone, phone_hash(spec.phone)
        responder.languages = list(spec.languages)
        responder.in_roster = True
        session.add(responder)
    for gone in existing.values():
        gone.in_roster = False
    return roster


def export_roster(session: Session, number: str | None = None) -> str:
    """The line's roster as YAML, in the format `import_roster` reads."""
    doc = line_numbered(session, number or current_app.config["HOTLINE_NUMBER"]).roster
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@lru_cache(maxsize=32)
def _parsed(key: str) -> Roster:
    return parse_roster(json.loads(key))


def roster_of(line: Line) -> Roster:
    """The line's roster as the routing engine's dataclass."""
    return _parsed(json.dumps(line.roster or EMPTY_ROSTER, sort_keys=True))


RESOURCES_KEY = "hotline:resources:{number}"
_known_resources: dict[str, dict[str, str]] = {}  # by line number, the last ones seen


def publish_resources(session: Session) -> None:
    """Copy every line's resources to Redis, where the fallback finds them without a database."""
    redis = current_app.extensions.get("hotline.redis")
    for line in session.exec(select(Line)):
        resources = dict(roster_of(line).resources)
        _known_resources[line.number] = resources
        if redis is not None:
            redis.set(RESOURCES_KEY.format(number=line.number), json.dumps(resources))


def known_resources(number: str | None, language: str) -> str | None:
    """A line's resources as last published (Redis, else this process's memory)."""
    number = number or current_app.config["HOTLINE_NUMBER"]
    redis = current_app.extensions.get("hotline.redis")
    try:
        raw = redis.get(RESOURCES_KEY.format(number=number)) if redis is not None else None
        if raw:
            _known_resources[number] = json.loads(raw)
    except Exception:  # Redis is away too: what this process remembers, or the built-in text
        pass
    texts = _known_resources.get(number, {})
    return texts.get(language) or texts.get("en")


def responders_by_name(session: Session, line: Line) -> dict[str, Responder]:
    """The line's current responders, by roster name."""
    rows = session.exec(_RESPONDERS, params={"line_id": line.id})
    return {r.name: r for r in rows}


_RESPONDERS = select(Responder).where(Responder.line_id == bindparam("line_id"),
                                      Responder.in_roster == True)  # noqa: E712


def set_languages(session: Session, responder: Responder, languages: list[str]) -> None:
    """A responder's languages, on their row and in their line's roster alike (so an export
    carries them); raises RosterError, changing nothing, for a choice the roster refuses."""
    line = session.get(Line, responder.line_id)
    doc = dict(line.roster or EMPTY_ROSTER)
    doc["responders"] = [{**entry, "languages": list(languages)}
                         if entry.get("name") == responder.name else entry
                         for entry in doc.get("responders", [])]
    line.roster = roster_to_doc(parse_roster(doc))
    line.updated_at = utcnow()
    responder.languages = list(languages)
    session.add_all([line, responder])


def same_person(session: Session, responder: Responder) -> list[Responder]:
    """Every current roster entry, on any line, with this responder's phone (theirs too)."""
    rows = session.exec(select(Responder).where(
        Responder.in_roster == True,  # noqa: E712
        Responder.phone_hash.in_(phone_hashes(responder.phone)))).all()
    return sorted({r.id: r for r in [*rows, responder] if r.in_roster}.values(),
                  key=lambda r: r.line_id)


def responder_by_phone(session: Session, line: Line, phone: str) -> Responder | None:
    """The current responder texting from this phone; one taken off the roster is nobody."""
    return session.exec(_RESPONDER_BY_PHONE, params={
        "line_id": line.id, "hashes": phone_hashes(phone)}).first()


_RESPONDER_BY_PHONE = select(Responder).where(
    Responder.line_id == bindparam("line_id"), Responder.in_roster == True,  # noqa: E712
    Responder.phone_hash.in_(bindparam("hashes", expanding=True)))


def closed_notice(line: Line, language: str) -> str | None:
    """None while the line is staffed; else when it opens again, with its resources."""
    roster = roster_of(line)
    now = utcnow()
    if is_open(roster, now):
        return None
    opens = next_opening(roster, now)
    if opens is None:
        text = say("closed_hours_unknown", language)
    else:
        local = opens.astimezone(ZoneInfo(roster.timezone))
        day = say("weekdays", language).split()[local.weekday()]
        text = say("closed_hours", language, day=day, time=local.strftime("%H:%M"))
    resources = roster.resources_for(language) or say("resources", language)
    return f"{text} {resources}"
