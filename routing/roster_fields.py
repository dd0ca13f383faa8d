"""Readers for the values in a roster file.

A coordinator fixing a roster wants to see everything wrong with it at once, each problem at its
place in the file. So each reader here returns the value it read, or None after noting a problem
at the value's path, and parsing carries on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime, time
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

T = TypeVar("T")

_PHONE = re.compile(r"\+[1-9][0-9]{7,14}")
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_WALL = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
_PHONE_EXAMPLE = '"+15105550101"'
_WALL_EXAMPLE = '"2026-11-23T20:00"'


def shown(value: object) -> str:
    """A value as a problem message quotes it: text in double quotes, anything else as Python."""
    return f'"{value}"' if isinstance(value, str) else repr(value)


def child(path: str, key: str | int) -> str:
    """The path of a key or an index inside the value at `path`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def clock_text(value: time) -> str:
    """A time of day as the roster writes it: "HH:MM"."""
    return value.strftime("%H:%M")


def wall_text(value: datetime) -> str:
    """A wall-clock date and time as the roster writes it: "YYYY-MM-DDTHH:MM[:SS]"."""
    return value.isoformat(timespec="seconds" if value.second else "minutes")


class Reader:
    """Reads roster values, noting each problem as "path: message"."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        """Note one problem at `path` (the empty path is the whole document)."""
        self.problems.append(f"{path or 'roster'}: {message}")

    def mapping(
        self, value: object, path: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> Mapping[object, object] | None:
        """A mapping with the given keys; unknown and missing keys are problems."""
        if not isinstance(value, Mapping):
            self.problem(path, "must be a mapping with keys " + ", ".join(required + optional))
            return None
        known = required + optional
        for key in value:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
            hint = f'did you mean "{close[0]}"?' if close else "expected " + ", ".join(known)
            self.problem(child(path, str(key)), f"unknown key ({hint})")
        for key in required:
            if key not in value:
                self.problem(child(path, key), "missing")
        return value

    def field(
        self,
        fields: Mapping[object, object],
        path: str,
        key: str,
        read: Callable[[object, str], T | None],
        *,
        optional: bool = False,
        default: T | None = None,
    ) -> T | None:
        """Read `fields[key]`; `mapping` reported it if missing; an optional null is absent."""
        if key not in fields or (optional and fields[key] is None):
            return default
        return read(fields[key], child(path, key))

    def items(self, value: object, path: str) -> list[object] | None:
        """A list (YAML sequence)."""
        if isinstance(value, list | tuple):
            return list(value)
        self.problem(path, "must be a list")
        return None

    def text(self, value: object, path: str) -> str | None:
        """Non-empty text, without surrounding whitespace."""
        if not isinstance(value, str):
            self.problem(path, "must be text")
            return None
        if not value.strip():
            self.problem(path, "must not be empty")
            return None
        return value.strip()

    def choice(self, value: object, path: str, allowed: tuple[str, ...], what: str) -> str | None:
        """One of `allowed`, ignoring case and surrounding whitespace."""
        if not isinstance(value, str):
            self.problem(path, f"must be a {what}, one of " + ", ".join(allowed))
            return None
        if value.strip().lower() not in allowed:
            self.problem(
                path, f'unknown {what} "{value}" (expected one of ' + ", ".join(allowed) + ")"
            )
            return None
        return value.strip().lower()

    def choices(
        self, value: object, path: str, allowed: tuple[str, ...], what: str, *, empty_ok: bool
    ) -> tuple[str, ...] | None:
        """A list of distinct values from `allowed`, in the order written."""
        items = self.items(value, path)
        if items is None:
            return None
        read = [self.choice(item, child(path, i), allowed, what) for i, item in enumerate(items)]
        if None in read:
            return None
        if not read and not empty_ok:
            self.problem(path, f"must list at least one {what}")
            return None
        return tuple(dict.fromkeys(name for name in read if name is not None))

    def positive_int(self, value: object, path: str) -> int | None:
        """A whole number of at least 1."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(path, f"must be a whole number of at least 1 (got {shown(value)})")
            return None
        return value

    def phone(self, value: object, path: str) -> str | None:
        """An E.164 phone number: "+" then 8 to 15 digits."""
        if isinstance(value, int) and not isinstance(value, bool):
            self.problem(path, f"must be quoted text like {_PHONE_EXAMPLE}, not a number")
            return None
        if not isinstance(value, str) or not _PHONE.fullmatch(value.strip()):
            self.problem(path, f"{shown(value)} is not an E.164 phone number like {_PHONE_EXAMPLE}")
            return None
        return value.strip()

    def timezone(self, value: object, path: str) -> str | None:
        """An IANA timezone name such as "America/Los_Angeles"."""
        if isinstance(value, str) and value.strip():
            try:
                ZoneInfo(value.strip())
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
            else:
                return value.strip()
        self.problem(
            path, f'{shown(value)} is not an IANA timezone name like "America/Los_Angeles"'
        )
        return None

    def clock(self, value: object, path: str) -> time | None:
        """A time of day "HH:MM", 00:00 to 23:59."""
        if isinstance(value, time):
            if value.tzinfo is None and not (value.second or value.microsecond):
                return value
        elif isinstance(value, int) and not isinstance(value, bool):
            # Unquoted 20:00 is the base-60 number 1200 to YAML 1.1.
            self.problem(path, 'must be quoted text like "20:00", not a number')
            return None
        elif isinstance(value, str) and (match := _CLOCK.fullmatch(value.strip())):
            hour, minute = int(match[1]), int(match[2])
            if hour < 24 and minute < 60:
                return time(hour, minute)
        self.problem(
            path, f'must be a time of day "HH:MM" from 00:00 to 23:59 (got {shown(value)})'
        )
        return None

    def wall_time(self, value: object, path: str) -> datetime | None:
        """A wall-clock date and time "YYYY-MM-DDTHH:MM[:SS]", with no offset."""
        if isinstance(value, datetime):
            if value.tzinfo is None:
                return value.replace(microsecond=0)
            self.problem(path, "must be wall-clock time in the roster's timezone, with no offset")
            return None
        if isinstance(value, date):
            self.problem(path, f"must have a time of day too, like {_WALL_EXAMPLE}")
            return None
        if isinstance(value, str) and (match := _WALL.fullmatch(value.strip())):
            try:
                return datetime(*(int(part or 0) for part in match.groups()))
            except ValueError:
                self.problem(path, f"{shown(value)} is not a real date and time")
                return None
        self.problem(
            path, f"must be a wall-clock date and time like {_WALL_EXAMPLE} (got {shown(value)})"
        )
        return None

    def unique(self, seen_at: dict[str, str], key: str | None, path: str) -> bool:
        """Note `key` as seen at `path`'s item; a key already seen at another item is a problem."""
        if key is None:
            return False
        if key in seen_at:
            self.problem(path, f'"{key}" is already used by {seen_at[key]}')
            return False
        seen_at[key] = path.rsplit(".", 1)[0]
        return True

    def names(
        self, value: object, path: str, known: Collection[str] | None, *, empty_ok: bool
    ) -> tuple[str, ...] | None:
        """A list of distinct names, each naming a responder in `known` (None: not checked)."""
        items = self.items(value, path)
        if items is None:
            return None
        if not items and not empty_ok:
            self.problem(path, "must list at least one responder")
            return None
        first_at: dict[str, int] = {}
        for i, item in enumerate(items):
            name = self.known_name(item, child(path, i), known)
            if name is None:
                continue
            if name in first_at:
                earlier = child(path, first_at[name])
                self.problem(child(path, i), f'"{name}" is already listed at {earlier}')
            else:
                first_at[name] = i
        return tuple(first_at)

    def known_name(self, value: object, path: str, known: Collection[str] | None) -> str | None:
        """The name of a responder in `known` (None: the responders are unreadable; unchecked)."""
        name = self.text(value, path)
        if name is not None and known is not None and name not in known:
            close = closest_name(name, known)
            hint = f' (did you mean "{close}"?)' if close else ""
            self.problem(path, f'no responder named "{name}"{hint}')
        return name


def closest_name(written: str, known: Collection[str]) -> str | None:
    """The known name a misspelt or shortened one most likely means, if any does.

    Tried in turn: the same name in other case or spacing, the initials ("BO" for "Ben Ortiz"),
    one word of a name ("Ben", or "Ortz" for "Ortiz"), then the whole name spelt nearly alike.
    """
    names = sorted(known)
    folded = " ".join(written.lower().split())
    tests = (
        lambda name: name.lower() == folded,
        lambda name: "".join(word[0] for word in name.lower().split()) == folded.replace(" ", ""),
        lambda name: any(
            difflib.SequenceMatcher(None, folded, word).ratio() >= 0.75
            for word in name.lower().split()
        ),
    )
    for test in tests:
        found = [name for name in names if test(name)]
        if len(found) == 1:
            return found[0]
    close = difflib.get_close_matches(folded, [n.lower() for n in names], n=1, cutoff=0.6)
    return next((name for name in names if close and name.lower() == close[0]), None)
