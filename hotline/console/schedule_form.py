"""The schedule editor's form: a line's roster as rows of fields, and the posted rows back
into a roster document for `routing.roster` to judge.

The page posts every row each time (no draft is kept on the server). A saved phone number
never goes back to the browser: a responder's row carries the name they were saved under
(`key`), and an empty phone field keeps the number saved for that name. Overrides that have
ended are read-only, and one under way keeps its start: their rows carry their place in the
saved roster (`stored`), and those values come from the saved roster, whatever is posted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from routing.roster import CATEGORIES, DAYS, EVERY, LANGUAGES
from routing.shifts import wall_to_instant

SETTINGS = ("retention_days", "waiting_notice_minutes", "reopen_after_stop_minutes")
# Keys the page does not edit (yet): a save keeps them as they were saved.
KEPT = ("coordinators", "shift_reminder_hours", "shift_confirm_hours")
SCOPES = ("", *CATEGORIES, "urgent", *(f"urgent.{c}" for c in CATEGORIES))
RESOURCE_KEYS = tuple(f"{scope}.{lang}" if scope else lang
                      for scope in SCOPES for lang in LANGUAGES)
LIST_FIELDS = {"hours": ("days", "from", "to"),
               "responders": ("key", "name", "phone", "languages", "categories", "active"),
               "rotations": ("name", "category", "every", "shift_length", "per_shift", "start",
                             "members"),
               "overrides": ("stored", "rotation", "responder", "replaces", "from", "to")}
_PATH = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


def fingerprint(doc: object) -> str:
    """A short hash of a roster document: what was loaded, or what was previewed."""
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()[:32]


def masked(phone: str) -> str:
    """All the editor shows of a saved phone number: its last two digits."""
    return re.sub(r"\D", "", phone or "")[-2:]


def _lines(text: str) -> list[str]:
    return [name.strip() for name in (text or "").splitlines() if name.strip()]


def _wall(value: str) -> str:
    """A datetime-local value ("2026-11-26T17:00") as the roster writes it."""
    return (value or "").strip()


def _number(value: str) -> object:
    value = (value or "").strip()
    return int(value) if value.isdigit() else value


# The saved roster as rows

def rows_from(doc: Mapping, inactive: Mapping[str, Mapping], now_wall: datetime) -> dict:
    """The form's rows for a saved roster document; `inactive` are responders kept from
    earlier rosters (by name: languages), shown so they can be made active again."""
    resources = _flat_resources(doc.get("resources") or {})
    responders = [{"key": r["name"], "name": r["name"], "phone": "",
                   "saved": masked(r["phone"]), "languages": list(r["languages"]),
                   "categories": list(r.get("categories") or ()), "active": True}
                  for r in doc.get("responders", ())]
    responders += [{"key": name, "name": name, "phone": "", "saved": masked(row["phone"]),
                    "languages": list(row["languages"]), "categories": [], "active": False}
                   for name, row in inactive.items()]
    overrides = []
    for i, o in enumerate(doc.get("overrides", ())):
        overrides.append({"stored": str(i), "rotation": o["rotation"],
                          "responder": o["responder"], "replaces": o.get("replaces", ""),
                          "from": o["from"], "to": o["to"],
                          "lock": lock_of(o, now_wall)})
    return {
        "timezone": doc.get("timezone", "UTC"),
        "settings": {key: str(doc.get(key, "")) for key in SETTINGS},
        "hours": [{"days": list(w["days"]), "from": w["from"], "to": w["to"]}
                  for w in doc.get("hours", ())],
        "resources": resources,
        "responders": responders,
        "rotations": [{**r, "members": "\n".join(r["members"]),
                       "shift_length": str(r.get("shift_length", 1)),
                       "per_shift": str(r.get("per_shift", 1))}
                      for r in doc.get("rotations", ())],
        "overrides": overrides,
        "backup": "\n".join(doc.get("backup", ())),
    }


def lock_of(override: Mapping, now_wall: datetime) -> str:
    """"past" for an override that has ended, "started" for one under way, else ""."""
    if datetime.fromisoformat(override["to"]) <= now_wall:
        return "past"
    if datetime.fromisoformat(override["from"]) <= now_wall:
        return "started"
    return ""


def _flat_resources(value: Mapping, prefix: str = "") -> dict[str, str]:
    flat = {}
    for key, text in value.items():
        dotted = f"{prefix}{key}"
        if isinstance(text, Mapping):
            flat.update(_flat_resources(text, dotted + "."))
        else:
            flat[dotted] = str(text)
    return flat


# The posted rows

def rows_posted(form: Mapping[str, str], getlist) -> dict:
    """The rows as posted (`getlist(name)` gives every value of a checkbox group)."""

    def rows(section: str) -> list[dict]:
        found = []
        count = form.get(f"{section}-count", "")
        count = min(int(count), 500) if count.isdigit() else 0
        for i in range(count):
            row = {name: form.get(f"{section}-{i}-{name}", "") for name in
                   LIST_FIELDS[section]}
            for many in ("days", "languages", "categories"):
                if many in row:
                    row[many] = getlist(f"{section}-{i}-{many}")
            row["remove"] = bool(form.get(f"{section}-{i}-remove"))
            if "active" in row:
                row["active"] = bool(row["active"])
            found.append(row)
        return found

    return {
        "timezone": form.get("timezone", "").strip(),
        "settings": {key: form.get(key, "").strip() for key in SETTINGS},
        "hours": rows("hours"),
        "resources": {key: form.get(f"resources-{key}", "") for key in RESOURCE_KEYS},
        "responders": rows("responders"),
        "rotations": rows("rotations"),
        "overrides": rows("overrides"),
        "backup": form.get("backup", ""),
    }


def blank(row: Mapping) -> bool:
    """A row nobody filled in (the spare row at the end of each list)."""
    return not any(value for key, value in row.items()
                   if key not in ("remove", "lock", "saved", "stored", "active"))


class Built:
    """A roster document made from rows, with where each of its list items came from (so a
    problem at `rotations[2]` can be shown beside the form's row) and the editor's own
    problems ("overrides[1].from: ...")."""

    def __init__(self) -> None:
        self.doc: dict = {}
        self.rows: dict[str, list[int]] = {section: [] for section in LIST_FIELDS}
        self.problems: list[str] = []
        self.phones: dict[str, str] = {}  # by responder name, for the phones changed


def build(rows: Mapping, saved: Mapping, inactive: Mapping[str, Mapping], tz: ZoneInfo,
          now: datetime, past_text: str) -> Built:
    """The roster document the rows describe. `saved` is the roster as saved, `inactive` the
    responders kept from earlier rosters (their saved phones fill empty phone fields), `now`
    (aware) decides which overrides are read-only; `past_text` is the problem said of a
    change that would reach into the past."""
    out = Built()
    doc: dict = {"timezone": rows["timezone"]}
    hours = []
    for i, row in enumerate(rows["hours"]):
        if row["remove"] or blank(row):
            continue
        out.rows["hours"].append(i)
        hours.append({"days": list(row["days"]), "from": row["from"].strip(),
                      "to": row["to"].strip()})
    if hours:
        doc["hours"] = hours
    resources: dict = {}
    for key, text in rows["resources"].items():
        if text.strip():
            *scopes, lang = key.split(".")
            place = resources
            for scope in scopes:
                place = place.setdefault(scope, {})
            place[lang] = text.strip()
    if resources:
        doc["resources"] = resources
    doc["responders"] = _responders(rows["responders"], saved, inactive, out)
    rotations = []
    for i, row in enumerate(rows["rotations"]):
        if row["remove"] or blank(row):
            continue
        out.rows["rotations"].append(i)
        rotation = {"name": row["name"].strip(), "category": row["category"],
                    "every": row["every"]}
        for key in ("shift_length", "per_shift"):
            if row[key].strip():
                rotation[key] = _number(row[key])
        rotation["start"] = _wall(row["start"])
        rotation["members"] = _lines(row["members"])
        rotations.append(rotation)
    doc["rotations"] = rotations
    doc["overrides"] = _overrides(rows["overrides"], saved, tz, now, past_text, out)
    doc["backup"] = _lines(rows["backup"])
    for key in SETTINGS:
        if rows["settings"][key]:
            doc[key] = _number(rows["settings"][key])
    doc.update({key: saved[key] for key in KEPT if key in saved})
    out.doc = doc
    return out


def _responders(rows, saved: Mapping, inactive: Mapping, out: Built) -> list[dict]:
    phones = {r["name"]: r["phone"] for r in saved.get("responders", ())}
    phones.update({name: row["phone"] for name, row in inactive.items()
                   if name not in phones})
    found = []
    for i, row in enumerate(rows):
        if not row["active"] or blank(row):
            continue
        out.rows["responders"].append(i)
        entry = {"name": row["name"].strip()}
        phone = row["phone"].strip() or phones.get(row["key"], "")
        if phone:
            entry["phone"] = phone
            if row["phone"].strip() and phone != phones.get(row["key"]):
                out.phones[entry["name"]] = phone
        entry["languages"] = list(row["languages"])
        entry["categories"] = list(row["categories"])
        found.append(entry)
    return found


def _overrides(rows, saved: Mapping, tz: ZoneInfo, now: datetime, past_text: str,
               out: Built) -> list[dict]:
    stored = list(saved.get("overrides", ()))
    now_wall = now.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)
    found, claimed = [], set()
    for i, row in enumerate(rows):
        kept = _stored(stored, row.get("stored", ""))
        if kept is not None:
            if row["stored"] in claimed:  # a row may stand for a saved override only once
                kept, row = None, {**row, "stored": ""}
            claimed.add(row["stored"])
        lock = lock_of(kept, now_wall) if kept else ""
        if lock == "past":  # read-only: exactly as saved, and it stays
            out.rows["overrides"].append(i)
            found.append(dict(kept))
            continue
        if row["remove"] or blank(row):
            if row["remove"] and lock == "started" and _begun(kept, now_wall):
                out.rows["overrides"].append(i)  # it ends now instead of vanishing
                found.append({**kept, "to": now_wall.isoformat(timespec="minutes")})
            continue
        index = len(found)
        out.rows["overrides"].append(i)
        entry = {"rotation": row["rotation"], "responder": row["responder"]}
        if row["replaces"]:
            entry["replaces"] = row["replaces"]
        entry["from"] = kept["from"] if lock == "started" else _wall(row["from"])
        entry["to"] = _wall(row["to"])
        found.append(entry)
        changed = kept is None or any(entry.get(k) != kept.get(k) for k in ("from", "to"))
        if changed:
            for key in ("from", "to") if lock != "started" else ("to",):
                moment = _instant(entry[key], tz)
                if moment is not None and moment < now.replace(second=0, microsecond=0):
                    out.problems.append(f"overrides[{index}].{key}: {past_text}")
    for i, kept in enumerate(stored):  # a row left out cannot erase the past either
        lock = lock_of(kept, now_wall)
        if str(i) in claimed or not lock:
            continue
        if lock == "past":
            found.append(dict(kept))
        elif _begun(kept, now_wall):
            found.append({**kept, "to": now_wall.isoformat(timespec="minutes")})
    return found


def _begun(override: Mapping, now_wall: datetime) -> bool:
    """Whether an override began before this minute (one beginning now can just go)."""
    return datetime.fromisoformat(override["from"]) < now_wall


def _stored(stored: list, index: str) -> dict | None:
    return stored[int(index)] if index.isdigit() and int(index) < len(stored) else None


def _instant(wall: str, tz: ZoneInfo) -> datetime | None:
    try:
        return wall_to_instant(datetime.fromisoformat(wall), tz)
    except (TypeError, ValueError):
        return None


# Problems beside their fields

def field_of(problem: str, built: Built) -> tuple[str, str]:
    """(the form field a "path: message" problem belongs beside, the message)."""
    path, _, message = problem.partition(": ")
    found = _PATH.match(path)
    if not found:
        return "roster", problem
    section, index, key = found.groups()
    if section == "resources":
        rest = path[len("resources."):] if path.startswith("resources.") else ""
        return (f"resources-{rest}" if rest else "resources"), message
    if section in built.rows and index is not None:
        rows = built.rows[section]
        row = rows[int(index)] if int(index) < len(rows) else None
        if row is None:
            return section, message
        return (f"{section}-{row}-{key}" if key else f"{section}-{row}"), message
    if section in ("timezone", "backup", "hours", "responders", "rotations", "overrides",
                   *SETTINGS):
        return section, message
    return "roster", message


def by_field(problems: list[str], built: Built) -> dict[str, list[str]]:
    """Problems grouped by the field they are shown beside."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        field, message = field_of(problem, built)
        grouped.setdefault(field, []).append(message)
    return grouped


def choices(rows: Mapping) -> dict:
    """What the override rows' lists offer: the rotations and responders in the form."""
    return {
        "rotations": [r["name"].strip() for r in rows["rotations"]
                      if r["name"].strip() and not r.get("remove")],
        "responders": [r["name"].strip() for r in rows["responders"]
                       if r["name"].strip() and r["active"]],
        "days": DAYS, "every": EVERY, "categories": CATEGORIES, "languages": LANGUAGES,
        "scopes": SCOPES,
    }


def annotate(rows: dict, saved: Mapping, inactive: Mapping[str, Mapping],
             now_wall: datetime) -> dict:
    """Posted rows made ready to show again: each responder's saved phone, masked, and each
    override's lock (a read-only override shows what is saved, whatever was posted)."""
    phones = {r["name"]: r["phone"] for r in saved.get("responders", ())}
    phones.update({name: row["phone"] for name, row in inactive.items() if name not in phones})
    for row in rows["responders"]:
        row["saved"] = masked(phones.get(row["key"], ""))
    stored = list(saved.get("overrides", ()))
    for row in rows["overrides"]:
        kept = _stored(stored, row.get("stored", ""))
        row["lock"] = lock_of(kept, now_wall) if kept else ""
        if row["lock"] == "past":
            row.update({"replaces": "", **kept, "remove": False})
        elif row["lock"] == "started":
            row["from"] = kept["from"]
    return rows


def spare(rows: dict) -> dict:
    """The rows with one empty row at the end of each list, to add an item."""
    empty = {"hours": {"days": [], "from": "", "to": ""},
             "responders": {"key": "", "name": "", "phone": "", "saved": "", "languages": [],
                            "categories": [], "active": True},
             "rotations": {"name": "", "category": "", "every": "", "shift_length": "",
                           "per_shift": "", "start": "", "members": ""},
             "overrides": {"stored": "", "rotation": "", "responder": "", "replaces": "",
                           "from": "", "to": "", "lock": ""}}
    for section, row in empty.items():
        if not rows[section] or not blank(rows[section][-1]):
            rows[section].append(dict(row))
    return rows
