"""The roster: who answers the line, in which rotations, and when the line is staffed.

Coordinators keep the roster as a YAML or JSON file (CONTRACT §5); the shell loads it into plain
Python objects and hands them to `parse_roster`. A file with any error must change nothing, and the
coordinator should be able to fix it in one go, so parsing lists every problem at its place in the
file (`rotations[1].members[2]: no responder named "Bo"`) rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from routing import resources, roster_checks
from routing.roster_fields import Reader, child, clock_text, wall_text
from routing.roster_model import (
    CATEGORIES,
    DAYS,
    DEFAULT_CONFIRM_HOURS,
    DEFAULT_REMIND_HOURS,
    DEFAULT_REOPEN_AFTER_STOP_MINUTES,
    DEFAULT_RETENTION_DAYS,
    DEFAULT_WAITING_NOTICE_MINUTES,
    EVERY,
    LANGUAGES,
    Coordinator,
    HoursWindow,
    Override,
    ResponderSpec,
    Roster,
    RosterError,
    Rotation,
)

__all__ = [
    "CATEGORIES",
    "DAYS",
    "Coordinator",
    "EVERY",
    "LANGUAGES",
    "HoursWindow",
    "Override",
    "ResponderSpec",
    "Roster",
    "RosterError",
    "Rotation",
    "parse_roster",
    "roster_to_doc",
]


def parse_roster(doc: object) -> Roster:
    """Read a roster document (CONTRACT §5 as plain objects), or raise listing every problem."""
    read = Reader()
    top = read.mapping(
        doc,
        "",
        ("timezone", "responders", "rotations"),
        ("hours", "resources", "overrides", "backup", "retention_days",
         "waiting_notice_minutes", "reopen_after_stop_minutes", "coordinators",
         "shift_reminder_hours", "shift_confirm_hours"),
    )
    if top is None:
        raise RosterError(read.problems)
    timezone = read.field(top, "", "timezone", read.timezone)
    hours = _read_hours(read, _given(top, "hours"))
    texts = resources.read(read, _given(top, "resources", {}))
    responders, names = _read_responders(read, top)
    serves = {spec.name: spec.categories for spec in responders}
    rotations, written = _read_rotations(read, top, names, serves)
    overrides = _read_overrides(read, _given(top, "overrides"), names, written, serves)
    backup = read.field(
        top,
        "",
        "backup",
        lambda value, path: read.names(value, path, names, empty_ok=True),
        optional=True,
        default=(),
    )
    retention = read.field(top, "", "retention_days", read.positive_int, optional=True,
                           default=DEFAULT_RETENTION_DAYS)
    waiting = read.field(top, "", "waiting_notice_minutes", read.positive_int, optional=True,
                         default=DEFAULT_WAITING_NOTICE_MINUTES)
    reopen = read.field(top, "", "reopen_after_stop_minutes", read.positive_int,
                        optional=True, default=DEFAULT_REOPEN_AFTER_STOP_MINUTES)
    coordinators = _read_coordinators(read, _given(top, "coordinators"))
    remind = read.field(top, "", "shift_reminder_hours", read.positive_int, optional=True,
                        default=DEFAULT_REMIND_HOURS)
    confirm = read.field(top, "", "shift_confirm_hours", read.positive_int, optional=True,
                         default=DEFAULT_CONFIRM_HOURS)
    if read.problems or None in (timezone, backup, retention, waiting, reopen, remind, confirm):
        raise RosterError(read.problems)
    return Roster(timezone, hours, texts, responders, rotations, overrides, backup, retention,
                  waiting, reopen, coordinators, remind, confirm)


def _read_coordinators(read: Reader, value: object) -> tuple[Coordinator, ...]:
    """Who runs the line, with the phones shift alerts and gap summaries are texted to."""
    found = []
    for i, item in enumerate(read.items(value, "coordinators") or ()):
        path = child("coordinators", i)
        fields = read.mapping(item, path, ("name", "phone"), ("languages",))
        if fields is None:
            continue
        name = read.field(fields, path, "name", read.text)
        phone = read.field(fields, path, "phone", read.phone)
        languages = read.field(
            fields, path, "languages",
            lambda v, p: read.choices(v, p, LANGUAGES, "language", empty_ok=False),
            optional=True, default=("en",))
        if name and phone and languages:
            found.append(Coordinator(name, phone, tuple(languages)))
    return tuple(found)


def _given(top: Mapping[object, object], key: str, absent: object = ()) -> object:
    """An optional top-level value; null (an empty YAML key) counts as absent."""
    value = top.get(key)
    return absent if value is None else value


def _read_hours(read: Reader, value: object) -> tuple[HoursWindow, ...]:
    windows = []
    for i, item in enumerate(read.items(value, "hours") or ()):
        path = child("hours", i)
        fields = read.mapping(item, path, ("days", "from", "to"), ())
        if fields is None:
            continue
        days = read.field(
            fields, path, "days", lambda v, p: read.choices(v, p, DAYS, "day", empty_ok=False)
        )
        start = read.field(fields, path, "from", read.clock)
        end = read.field(fields, path, "to", read.clock)
        if days is not None and start is not None and end is not None:
            windows.append(HoursWindow(days, start, end))
    return tuple(windows)


def _read_responders(
    read: Reader, top: Mapping[object, object]
) -> tuple[tuple[ResponderSpec, ...], frozenset[str] | None]:
    """The valid responders, and every name written (None if there is no list to check against)."""
    items = read.field(top, "", "responders", read.items)
    if items is None:
        return (), None
    specs = []
    name_at: dict[str, str] = {}
    phone_at: dict[str, str] = {}
    for i, item in enumerate(items):
        path = child("responders", i)
        fields = read.mapping(item, path, ("name", "phone", "languages"), ("categories",))
        if fields is None:
            continue
        name = read.field(fields, path, "name", read.text)
        phone = read.field(fields, path, "phone", read.phone)
        languages = read.field(
            fields,
            path,
            "languages",
            lambda v, p: read.choices(v, p, LANGUAGES, "language", empty_ok=False),
        )
        categories = read.field(
            fields,
            path,
            "categories",
            lambda v, p: read.choices(v, p, CATEGORIES, "category", empty_ok=True),
            optional=True,
            default=(),
        )
        fresh = read.unique(name_at, name, child(path, "name"))
        fresh = read.unique(phone_at, phone, child(path, "phone")) and fresh
        if fresh and name and phone and languages is not None and categories is not None:
            specs.append(ResponderSpec(name, phone, languages, categories))
    return tuple(specs), frozenset(name_at)


Written = dict[str, tuple[str, str | None, tuple[str, ...] | None]]


def _read_rotations(
    read: Reader,
    top: Mapping[object, object],
    names: Collection[str] | None,
    serves: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[Rotation, ...], Written | None]:
    """The valid rotations, and (name, category, members) as written under each rotation name
    (None: the list is unreadable)."""
    items = read.field(top, "", "rotations", read.items)
    if items is None:
        return (), None
    rotations = []
    name_at: dict[str, str] = {}
    written: Written = {}
    for i, item in enumerate(items):
        path = child("rotations", i)
        fields = read.mapping(
            item,
            path,
            ("name", "category", "every", "start", "members"),
            ("shift_length", "per_shift"),
        )
        if fields is None:
            continue
        before = len(read.problems)
        name = read.field(fields, path, "name", read.text)
        category = read.field(
            fields, path, "category", lambda v, p: read.choice(v, p, CATEGORIES, "category")
        )
        every = read.field(fields, path, "every", lambda v, p: read.choice(v, p, EVERY, "period"))
        length = read.field(
            fields, path, "shift_length", read.positive_int, optional=True, default=1
        )
        per_shift = read.field(
            fields, path, "per_shift", read.positive_int, optional=True, default=1
        )
        start = read.field(fields, path, "start", read.wall_time)
        members = read.field(
            fields, path, "members", lambda v, p: read.names(v, p, names, empty_ok=False)
        )
        if read.unique(name_at, name, child(path, "name")) and name:
            written[name] = (name, category, members)
        roster_checks.members_serve(read, path, category, members, serves)
        roster_checks.per_shift_fits(read, path, per_shift, members)
        valid = name and category and every and length and per_shift and start and members
        if len(read.problems) == before and valid:
            rotations.append(Rotation(name, category, every, length, per_shift, start, members))
    return tuple(rotations), written


def _read_overrides(
    read: Reader,
    value: object,
    names: Collection[str] | None,
    written: Written | None,
    serves: Mapping[str, tuple[str, ...]],
) -> tuple[Override, ...]:
    """The valid overrides; references are checked against what could be read."""
    overrides: list[tuple[int, Override]] = []
    for i, item in enumerate(read.items(value, "overrides") or ()):
        path = child("overrides", i)
        fields = read.mapping(item, path, ("rotation", "responder", "from", "to"), ("replaces",))
        if fields is None:
            continue
        before = len(read.problems)
        rotation = read.field(fields, path, "rotation", read.text)
        if rotation is not None and written is not None and rotation not in written:
            read.problem(child(path, "rotation"), f'no rotation named "{rotation}"')
        responder = read.field(fields, path, "responder", lambda v, p: read.known_name(v, p, names))
        unnamed = len(read.problems)
        replaces = read.field(
            fields, path, "replaces", lambda v, p: read.known_name(v, p, names), optional=True
        )
        named = replaces if unnamed == len(read.problems) else None
        roster_checks.override_fits(read, path, responder, named,
                                    written.get(rotation) if written and rotation else None,
                                    serves)
        start = read.field(fields, path, "from", read.wall_time)
        end = read.field(fields, path, "to", read.wall_time)
        roster_checks.ends_after_start(read, path, start, end)
        if len(read.problems) == before and rotation and responder and start and end:
            overrides.append((i, Override(rotation, responder, replaces, start, end)))
    roster_checks.overrides_apart(read, overrides)
    return tuple(override for _, override in overrides)


def roster_to_doc(roster: Roster) -> dict[str, object]:
    """The roster as a document in the file's format; parse_roster reads it back unchanged."""
    doc: dict[str, object] = {"timezone": roster.timezone}
    if roster.hours:
        doc["hours"] = [
            {"days": list(w.days), "from": clock_text(w.start), "to": clock_text(w.end)}
            for w in roster.hours
        ]
    if roster.resources:
        doc["resources"] = resources.to_doc(roster.resources)
    doc["responders"] = [
        {
            "name": r.name,
            "phone": r.phone,
            "languages": list(r.languages),
            "categories": list(r.categories),
        }
        for r in roster.responders
    ]
    doc["rotations"] = [
        {
            "name": r.name,
            "category": r.category,
            "every": r.every,
            "shift_length": r.shift_length,
            "per_shift": r.per_shift,
            "start": wall_text(r.start),
            "members": list(r.members),
        }
        for r in roster.rotations
    ]
    doc["overrides"] = [_override_doc(o) for o in roster.overrides]
    doc["backup"] = list(roster.backup)
    if roster.retention_days != DEFAULT_RETENTION_DAYS:
        doc["retention_days"] = roster.retention_days
    if roster.waiting_notice_minutes != DEFAULT_WAITING_NOTICE_MINUTES:
        doc["waiting_notice_minutes"] = roster.waiting_notice_minutes
    if roster.reopen_after_stop_minutes != DEFAULT_REOPEN_AFTER_STOP_MINUTES:
        doc["reopen_after_stop_minutes"] = roster.reopen_after_stop_minutes
    if roster.coordinators:
        doc["coordinators"] = [{"name": c.name, "phone": c.phone, "languages": list(c.languages)}
                               for c in roster.coordinators]
    if roster.remind_hours != DEFAULT_REMIND_HOURS:
        doc["shift_reminder_hours"] = roster.remind_hours
    if roster.confirm_hours != DEFAULT_CONFIRM_HOURS:
        doc["shift_confirm_hours"] = roster.confirm_hours
    return doc


def _override_doc(override: Override) -> dict[str, object]:
    doc: dict[str, object] = {"rotation": override.rotation, "responder": override.responder}
    if override.replaces is not None:
        doc["replaces"] = override.replaces
    doc["from"] = wall_text(override.start)
    doc["to"] = wall_text(override.end)
    return doc
