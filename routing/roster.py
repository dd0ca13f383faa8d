"""The roster: who answers the line, in which rotations, and when the line is staffed.

Coordinators keep the roster as a YAML or JSON file (CONTRACT §5); the shell loads it into plain
Python objects and hands them to `parse_roster`. A file with any error must change nothing, and the
coordinator should be able to fix it in one go, so parsing lists every problem at its place in the
file (`rotations[1].members[2]: no responder named "Bo"`) rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, time

from routing import resources
from routing.roster_fields import Reader, child, clock_text, wall_text

CATEGORIES = ("mental_health", "substance_use", "safety_planning")
LANGUAGES = ("en", "es")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY = ("hourly", "daily", "weekly")


DEFAULT_RETENTION_DAYS = 30
DEFAULT_WAITING_NOTICE_MINUTES = 2  # a person still waiting then hears "still here"
DEFAULT_REOPEN_AFTER_STOP_MINUTES = 60  # START this soon after a STOP reopens the case

@dataclass(frozen=True)
class ResponderSpec:
    """A responder as the roster lists them."""

    name: str
    phone: str
    languages: tuple[str, ...]
    categories: tuple[str, ...]  # what they usually take; informational only


@dataclass(frozen=True)
class Rotation:
    """Members taking turns on call for one category, handing off at a wall-clock time."""

    name: str
    category: str
    every: str  # "hourly" | "daily" | "weekly"
    shift_length: int  # a shift lasts this many of `every`
    per_shift: int  # members on call in each shift
    start: datetime  # first handoff: naive, wall-clock in the roster's timezone
    members: tuple[str, ...]


@dataclass(frozen=True)
class Override:
    """Someone covering a stretch [start, end) of a rotation, in place of `replaces` or added."""

    rotation: str
    responder: str
    replaces: str | None
    start: datetime  # naive wall-clock
    end: datetime  # naive wall-clock


@dataclass(frozen=True)
class HoursWindow:
    """When the line is staffed: on each of `days`, from `start` until `end`."""

    days: tuple[str, ...]
    start: time
    end: time  # end <= start means the window runs past midnight


@dataclass(frozen=True)
class Roster:
    """A line's whole roster, as imported from its file."""

    timezone: str
    hours: tuple[HoursWindow, ...]  # empty: always open
    resources: tuple[tuple[str, str], ...]  # (dotted key, text): see routing.resources
    responders: tuple[ResponderSpec, ...]
    rotations: tuple[Rotation, ...]
    overrides: tuple[Override, ...]
    backup: tuple[str, ...]
    retention_days: int = DEFAULT_RETENTION_DAYS  # message bodies are purged after this
    waiting_notice_minutes: int = DEFAULT_WAITING_NOTICE_MINUTES
    reopen_after_stop_minutes: int = DEFAULT_REOPEN_AFTER_STOP_MINUTES

    def responder(self, name: str) -> ResponderSpec | None:
        """The responder with this name, if the roster has one."""
        return next((spec for spec in self.responders if spec.name == name), None)

    def resources_for(self, language: str, category: str | None = None,
                      urgent: bool = False) -> str | None:
        """What to tell a person nobody can come to: the most specific text the roster has
        for their language, need and urgency (see routing.resources)."""
        return resources.pick(self.resources, language, category, urgent)


class RosterError(ValueError):
    """A roster document with problems; `problems` lists each as "path: message"."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def parse_roster(doc: object) -> Roster:
    """Read a roster document (CONTRACT §5 as plain objects), or raise listing every problem."""
    read = Reader()
    top = read.mapping(
        doc,
        "",
        ("timezone", "responders", "rotations"),
        ("hours", "resources", "overrides", "backup", "retention_days",
         "waiting_notice_minutes", "reopen_after_stop_minutes"),
    )
    if top is None:
        raise RosterError(read.problems)
    timezone = read.field(top, "", "timezone", read.timezone)
    hours = _read_hours(read, _given(top, "hours"))
    texts = resources.read(read, _given(top, "resources", {}))
    responders, names = _read_responders(read, top)
    rotations, members_of = _read_rotations(read, top, names)
    overrides = _read_overrides(read, _given(top, "overrides"), names, members_of)
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
    if read.problems or None in (timezone, backup, retention, waiting, reopen):
        raise RosterError(read.problems)
    return Roster(timezone, hours, texts, responders, rotations, overrides, backup, retention,
                  waiting, reopen)


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


def _read_rotations(
    read: Reader, top: Mapping[object, object], names: Collection[str] | None
) -> tuple[tuple[Rotation, ...], dict[str, tuple[str, ...] | None] | None]:
    """The valid rotations, and the members written under each rotation name (None: unreadable)."""
    items = read.field(top, "", "rotations", read.items)
    if items is None:
        return (), None
    rotations = []
    name_at: dict[str, str] = {}
    members_of: dict[str, tuple[str, ...] | None] = {}
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
            members_of[name] = members
        if members and per_shift and per_shift > len(members):
            count = f"{len(members)} member" + ("s" if len(members) > 1 else "")
            read.problem(
                child(path, "per_shift"), f"{per_shift} is more than the rotation's {count}"
            )
        valid = name and category and every and length and per_shift and start and members
        if len(read.problems) == before and valid:
            rotations.append(Rotation(name, category, every, length, per_shift, start, members))
    return tuple(rotations), members_of


def _read_overrides(
    read: Reader,
    value: object,
    names: Collection[str] | None,
    members_of: Mapping[str, tuple[str, ...] | None] | None,
) -> tuple[Override, ...]:
    """The valid overrides; references are checked against what could be read."""
    overrides = []
    for i, item in enumerate(read.items(value, "overrides") or ()):
        path = child("overrides", i)
        fields = read.mapping(item, path, ("rotation", "responder", "from", "to"), ("replaces",))
        if fields is None:
            continue
        before = len(read.problems)
        rotation = read.field(fields, path, "rotation", read.text)
        if rotation is not None and members_of is not None and rotation not in members_of:
            read.problem(child(path, "rotation"), f'no rotation named "{rotation}"')
        responder = read.field(fields, path, "responder", lambda v, p: read.known_name(v, p, names))
        unnamed = len(read.problems)
        replaces = read.field(
            fields, path, "replaces", lambda v, p: read.known_name(v, p, names), optional=True
        )
        named = replaces is not None and unnamed == len(read.problems)
        written = members_of.get(rotation) if members_of and rotation else None
        if named and written is not None and replaces not in written:
            read.problem(
                child(path, "replaces"),
                f'"{replaces}" is not a member of rotation "{rotation}"',
            )
        start = read.field(fields, path, "from", read.wall_time)
        end = read.field(fields, path, "to", read.wall_time)
        if start and end and end <= start:
            read.problem(child(path, "to"), f"must be after from ({wall_text(start)})")
        if len(read.problems) == before and rotation and responder and start and end:
            overrides.append(Override(rotation, responder, replaces, start, end))
    return tuple(overrides)


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
    return doc


def _override_doc(override: Override) -> dict[str, object]:
    doc: dict[str, object] = {"rotation": override.rotation, "responder": override.responder}
    if override.replaces is not None:
        doc["replaces"] = override.replaces
    doc["from"] = wall_text(override.start)
    doc["to"] = wall_text(override.end)
    return doc
