"""The roster as the engine holds it: frozen dataclasses, read from a file by `routing.roster`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from routing import resources

CATEGORIES = ("mental_health", "substance_use", "safety_planning")
LANGUAGES = ("en", "es")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY = ("hourly", "daily", "weekly")


DEFAULT_RETENTION_DAYS = 30
DEFAULT_WAITING_NOTICE_MINUTES = 2  # a person still waiting then hears "still here"
DEFAULT_REOPEN_AFTER_STOP_MINUTES = 60  # START this soon after a STOP reopens the case
DEFAULT_REMIND_HOURS = 24  # a responder is reminded of a shift this long before it starts
DEFAULT_CONFIRM_HOURS = 4  # still unconfirmed this long before: the coordinators are told


@dataclass(frozen=True)
class ResponderSpec:
    """A responder as the roster lists them."""

    name: str
    phone: str
    languages: tuple[str, ...]
    categories: tuple[str, ...]  # the rotations they may be on; none listed: any


@dataclass(frozen=True)
class Coordinator:
    """Someone who runs the line and is texted about its shifts (gaps, cover, no reply)."""

    name: str
    phone: str
    languages: tuple[str, ...]


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
    coordinators: tuple[Coordinator, ...] = ()
    remind_hours: int = DEFAULT_REMIND_HOURS
    confirm_hours: int = DEFAULT_CONFIRM_HOURS

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
