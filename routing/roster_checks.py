"""Checks across a roster's parts: what each part alone cannot tell is wrong.

`parse_roster` reads each value with `roster_fields`; these checks then compare values with one
another (a rotation's members with the categories they serve, an override with the rotation it
changes, overrides with each other) and note each problem at its place in the file, so a
coordinator still sees every problem at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from routing.roster_fields import Reader, child, wall_text


class _Overriding(Protocol):
    """What the overlap check reads of an override (routing.roster.Override)."""

    rotation: str
    responder: str
    replaces: str | None
    start: datetime
    end: datetime


def per_shift_fits(read: Reader, path: str, per_shift: int | None,
                   members: Sequence[str] | None) -> None:
    """A shift cannot put more people on call than the rotation has."""
    if members and per_shift and per_shift > len(members):
        count = f"{len(members)} member" + ("s" if len(members) > 1 else "")
        read.problem(child(path, "per_shift"), f"{per_shift} is more than the rotation's {count}")


def members_serve(read: Reader, path: str, category: str | None,
                  members: Sequence[str] | None, serves: Mapping[str, Sequence[str]]) -> None:
    """Each member of a rotation serves its category (a responder listing none serves any)."""
    if category is None:
        return
    for i, name in enumerate(members or ()):
        _serves(read, child(child(path, "members"), i), name, category, serves,
                "the rotation's category")


def override_fits(
    read: Reader,
    path: str,
    responder: str | None,
    replaces: str | None,
    rotation: tuple[str, str | None, Sequence[str] | None] | None,
    serves: Mapping[str, Sequence[str]],
) -> None:
    """An override names a member it replaces, someone else, who serves the rotation's category.

    `rotation` is (name, category, members) as written; None if there is no such rotation.
    """
    name, category, members = rotation or (None, None, None)
    if replaces is not None and members is not None and replaces not in members:
        read.problem(child(path, "replaces"), f'"{replaces}" is not a member of rotation "{name}"')
    if replaces is not None and replaces == responder:
        read.problem(child(path, "replaces"),
                     f'"{replaces}" cannot replace themself (responder is "{responder}")')
    if responder is not None and category is not None:
        _serves(read, child(path, "responder"), responder, category, serves,
                f'the category of rotation "{name}"')


def ends_after_start(read: Reader, path: str, start: datetime | None,
                     end: datetime | None) -> None:
    """An override lasts some time."""
    if start and end and end <= start:
        read.problem(child(path, "to"), f"must be after from ({wall_text(start)})")


def overrides_apart(read: Reader, overrides: Sequence[tuple[int, _Overriding]]) -> None:
    """Two overrides replacing the same member of a rotation must not overlap in time.

    Only the first would apply; the second would be silently ignored. `overrides` pairs each
    valid override with its index in the file.
    """
    for later, (j, second) in enumerate(overrides):
        for i, first in overrides[:later]:
            if (first.rotation != second.rotation or first.replaces is None
                    or first.replaces != second.replaces):
                continue
            start, end = max(first.start, second.start), min(first.end, second.end)
            if start < end:
                read.problem(
                    child("overrides", j),
                    f"overlaps {child('overrides', i)} from {wall_text(start)} to "
                    f'{wall_text(end)}: both put someone in place of "{first.replaces}" in '
                    f'rotation "{first.rotation}" ("{first.responder}" there, '
                    f'"{second.responder}" here); shorten one of them',
                )


def _serves(read: Reader, path: str, name: str, category: str,
            serves: Mapping[str, Sequence[str]], whose: str) -> None:
    listed = serves.get(name)
    if listed and category not in listed:
        read.problem(path, f'"{name}" does not serve {category}, {whose} '
                           f"(their categories: {', '.join(listed)})")
