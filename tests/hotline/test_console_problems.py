"""The schedule editor says the routing engine's roster problems in Spanish to a Spanish
reader. Rosters broken in every way a coordinator might break them are read by the engine,
and each problem it writes must have a Spanish form, so a new message cannot slip in
untranslated."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone

import pytest

from hotline.console.problems import spanish
from routing.roster import RosterError, parse_roster
from routing.roster_warnings import check_roster
from scripts.harness.roster import sample_roster

OVERRIDE = {"rotation": "Mental health", "responder": "Dee Park", "replaces": "Ben Ortiz",
            "from": "2026-03-06T20:00", "to": "2026-03-07T08:00"}


def broken(path: tuple, value, base: dict | None = None) -> dict:
    """The sample roster with one value set (or, for `...`, removed) at `path`."""
    doc = copy.deepcopy(base or sample_roster())
    *parents, last = path
    node = doc
    for key in parents:
        node = node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return doc


CASES = [
    broken(("responders", 0), "Ana"),
    broken(("responders", 0, "nmae"), "Ana"),
    broken(("responders", 0, "colour"), "blue"),
    broken(("responders", 0, "phone"), ...),
    broken(("responders", 0, "phone"), 15105550101),
    broken(("responders", 0, "phone"), "510-555"),
    broken(("responders", 0, "phone"), "+15105550102"),
    broken(("responders", 0, "languages"), "en"),
    broken(("responders", 0, "languages"), ["fr"]),
    broken(("responders", 0, "languages"), [5]),
    broken(("responders", 0, "languages"), []),
    broken(("responders", 0, "name"), ""),
    broken(("responders", 0, "name"), 5),
    broken(("timezone",), "Mars/Olympus"),
    broken(("hours",), [{"days": [], "from": 1200, "to": "25:00"}]),
    broken(("rotations", 0, "category"), "gardening"),
    broken(("rotations", 0, "every"), "yearly"),
    broken(("rotations", 0, "shift_length"), 0),
    broken(("rotations", 0, "start"), date(2024, 1, 1)),
    broken(("rotations", 0, "start"), "2024-02-30T09:00"),
    broken(("rotations", 0, "start"), "soon"),
    broken(("rotations", 0, "start"), datetime(2024, 1, 1, 9, tzinfo=timezone(timedelta(0)))),
    broken(("rotations", 0, "members"), []),
    broken(("rotations", 0, "members"), ["Ben Ortiz", "Ben Ortiz"]),
    broken(("rotations", 0, "members"), ["Ben Ortiz", "Ana Reyez"]),
    broken(("rotations", 0, "members"), ["Ben Ortiz", "Bo"]),
    broken(("rotations", 0, "members"), ["Ben Ortiz", "Cy Lam"]),
    broken(("rotations", 0, "per_shift"), 9),
    broken(("rotations", 2, "per_shift"), 3),
    broken(("backup",), ["Bo"]),
    broken(("resources",), "call 988"),
    broken(("resources",), {"en": "x", "urgent": "y"}),
    broken(("overrides",), [{**OVERRIDE, "rotation": "Nights"}]),
    broken(("overrides",), [{**OVERRIDE, "replaces": "Cy Lam"}]),
    broken(("overrides",), [{**OVERRIDE, "responder": "Ben Ortiz"}]),
    broken(("overrides",), [{**OVERRIDE, "to": "2026-03-06T19:00"}]),
    broken(("overrides",), [OVERRIDE, {**OVERRIDE, "responder": "Ana Reyes"}]),
    broken(("overrides",), [{**OVERRIDE, "responder": "Cy Lam"}]),
]

WARNED = [
    broken(("resources",), ...),
    broken(("resources",), {"en": "Call or text 988."}),
    broken(("resources",), {"en": "Call or text 988.", "es": "Llama al 988.",
                            "urgent": {"en": "Call 911 now."}}),
]


def messages() -> list[str]:
    found = []
    for doc in CASES:
        with pytest.raises(RosterError) as raised:
            parse_roster(doc)
        found += raised.value.problems
    for doc in WARNED:
        found += check_roster(parse_roster(doc))
    return sorted({problem.partition(": ")[2] for problem in found})


def test_every_roster_problem_the_engine_writes_is_said_in_spanish():
    written = messages()
    assert len(written) >= 30  # the cases above reach most of what the engine can say
    untranslated = [message for message in written if spanish(message) == message]
    assert untranslated == []


def test_names_and_values_are_kept_as_written():
    said = spanish('"Ana Reyez" is already listed at rotations[0].members[0]')
    assert said == '"Ana Reyez" ya aparece en rotations[0].members[0]'
    assert spanish("something the engine never says") == "something the engine never says"
