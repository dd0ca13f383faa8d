"""Reading and exporting roster files: what coordinators see when a file is right or wrong."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, time

import pytest

from routing.roster import (
    HoursWindow,
    Override,
    ResponderSpec,
    RosterError,
    Rotation,
    parse_roster,
    roster_to_doc,
)

_GONE = object()


def _contract_doc() -> dict[str, object]:
    """The example roster from CONTRACT §5, as YAML loads it."""
    return {
        "timezone": "America/Los_Angeles",
        "hours": [{"days": ["fri", "sat"], "from": "20:00", "to": "08:00"}],
        "resources": {"en": "Call or text 988.", "es": "Llama o textea al 988."},
        "responders": [
            {
                "name": "Ana Reyes",
                "phone": "+15105550101",
                "languages": ["en", "es"],
                "categories": ["mental_health", "safety_planning"],
            },
            {
                "name": "Ben Ortiz",
                "phone": "+15105550102",
                "languages": ["en"],
                "categories": ["mental_health", "substance_use"],
            },
        ],
        "rotations": [
            {
                "name": "Mental health nights",
                "category": "mental_health",
                "every": "daily",
                "shift_length": 1,
                "per_shift": 1,
                "start": "2026-11-23T20:00",
                "members": ["Ana Reyes", "Ben Ortiz"],
            }
        ],
        "overrides": [
            {
                "rotation": "Mental health nights",
                "responder": "Ben Ortiz",
                "replaces": "Ana Reyes",
                "from": "2026-11-27T20:00",
                "to": "2026-11-28T08:00",
            }
        ],
        "backup": ["Ana Reyes"],
    }


_CY = {"name": "Cy Park", "phone": "+15105550103", "languages": ["es"]}


def _edited(changes: dict[str, object]) -> dict[str, object]:
    """The contract's roster with values set (or removed, with _GONE) at dotted paths."""
    doc = _contract_doc()
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        target: object = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]  # type: ignore[index]
        key: object = int(last) if isinstance(target, list) else last
        if value is _GONE:
            del target[key]  # type: ignore[index, attr-defined]
        elif isinstance(target, list) and key == len(target):
            target.append(copy.deepcopy(value))
        else:
            target[key] = copy.deepcopy(value)  # type: ignore[index]
    return doc


def _problems(doc: object) -> list[str]:
    with pytest.raises(RosterError) as caught:
        parse_roster(doc)
    return caught.value.problems


def test_the_contract_example_reads_as_written() -> None:
    roster = parse_roster(_contract_doc())

    assert roster.timezone == "America/Los_Angeles"
    assert roster.hours == (HoursWindow(("fri", "sat"), time(20, 0), time(8, 0)),)
    assert roster.responders[1] == ResponderSpec(
        "Ben Ortiz", "+15105550102", ("en",), ("mental_health", "substance_use")
    )
    assert roster.rotations == (
        Rotation(
            "Mental health nights",
            "mental_health",
            "daily",
            1,
            1,
            datetime(2026, 11, 23, 20, 0),
            ("Ana Reyes", "Ben Ortiz"),
        ),
    )
    assert roster.overrides == (
        Override(
            "Mental health nights",
            "Ben Ortiz",
            "Ana Reyes",
            datetime(2026, 11, 27, 20, 0),
            datetime(2026, 11, 28, 8, 0),
        ),
    )
    assert roster.backup == ("Ana Reyes",)


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "Llama o textea al 988."), ("en", "Call or text 988."), ("fr", "Call or text 988.")],
)
def test_resources_come_in_the_persons_language_or_english(language: str, text: str) -> None:
    assert parse_roster(_contract_doc()).resources_for(language) == text


def test_a_roster_without_resources_has_none_to_give() -> None:
    assert parse_roster(_edited({"resources": _GONE})).resources_for("es") is None


def test_responders_are_found_by_name() -> None:
    roster = parse_roster(_contract_doc())

    assert roster.responder("Ana Reyes") is roster.responders[0]
    assert roster.responder("Bo") is None


@pytest.mark.parametrize(
    ("changes", "attribute", "expected"),
    [
        ({"responders.0.phone": "  +15105550101 "}, "responders.0.phone", "+15105550101"),
        ({"hours.0.days": ["FRI", "Sat", "fri"]}, "hours.0.days", ("fri", "sat")),
        ({"hours.0.from": "8:00"}, "hours.0.start", time(8, 0)),
        ({"rotations.0.every": "Weekly"}, "rotations.0.every", "weekly"),
        ({"rotations.0.start": "2026-11-23T20:00:30"}, "rotations.0.start.second", 30),
        ({"rotations.0.start": datetime(2026, 11, 23, 20)}, "rotations.0.start.hour", 20),
        ({"rotations.0.shift_length": _GONE}, "rotations.0.shift_length", 1),
        ({"rotations.0.per_shift": _GONE}, "rotations.0.per_shift", 1),
        ({"responders.0.categories": _GONE}, "responders.0.categories", ()),
        ({"overrides.0.replaces": None}, "overrides.0.replaces", None),
        ({"hours": _GONE}, "hours", ()),
        ({"hours": None}, "hours", ()),
        ({"overrides": _GONE}, "overrides", ()),
        ({"backup": _GONE}, "backup", ()),
    ],
)
def test_a_file_may_leave_out_or_loosely_write_what_has_an_obvious_meaning(
    changes: dict[str, object], attribute: str, expected: object
) -> None:
    value: object = parse_roster(_edited(changes))
    for part in attribute.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)  # type: ignore[index]

    assert value == expected


def test_a_member_who_lists_no_categories_may_be_on_any_rotation() -> None:
    roster = parse_roster(_edited({"responders.1.categories": []}))

    assert "Ben Ortiz" in roster.rotations[0].members


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        (
            {"rotatons": [], "rotations": _GONE},
            ['rotatons: unknown key (did you mean "rotations"?)', "rotations: missing"],
        ),
        ({"timezone": _GONE}, ["timezone: missing"]),
        ({"responders": _GONE}, ["responders: missing"]),
        ({"responders": None}, ["responders: must be a list"]),
        ({"rotations": {"name": "Nights"}}, ["rotations: must be a list"]),
        (
            {"timezone": "America/Los_Angles"},
            [
                'timezone: "America/Los_Angles" is not an IANA timezone name'
                ' like "America/Los_Angeles"'
            ],
        ),
        (
            {"timezone": -8},
            ['timezone: -8 is not an IANA timezone name like "America/Los_Angeles"'],
        ),
        (
            {"responders.0.phone": "510-555-0101"},
            [
                'responders[0].phone: "510-555-0101" is not an E.164 phone number'
                ' like "+15105550101"'
            ],
        ),
        (
            {"responders.0.phone": "+1510555"},
            ['responders[0].phone: "+1510555" is not an E.164 phone number like "+15105550101"'],
        ),
        (
            {"responders.0.phone": "+1 510 555 0101"},
            [
                'responders[0].phone: "+1 510 555 0101" is not an E.164 phone number'
                ' like "+15105550101"'
            ],
        ),
        (
            {"responders.0.phone": 15105550101},
            ['responders[0].phone: must be quoted text like "+15105550101", not a number'],
        ),
        (
            {"responders.2": {**_CY, "name": "Ana Reyes"}},
            ['responders[2].name: "Ana Reyes" is already used by responders[0]'],
        ),
        (
            {"responders.2": {**_CY, "phone": "+15105550101"}},
            ['responders[2].phone: "+15105550101" is already used by responders[0]'],
        ),
        (
            {"responders.0.languages": ["en", "fr"]},
            ['responders[0].languages[1]: unknown language "fr" (expected one of en, es)'],
        ),
        (
            {"responders.0.languages": []},
            ["responders[0].languages: must list at least one language"],
        ),
        ({"responders.0.languages": "en"}, ["responders[0].languages: must be a list"]),
        (
            {"responders.1.categories": ["housing"]},
            [
                'responders[1].categories[0]: unknown category "housing"'
                " (expected one of mental_health, substance_use, safety_planning)"
            ],
        ),
        (
            {"responders.1.phone": _GONE, "responders.1.phone_number": "+15105550102"},
            [
                'responders[1].phone_number: unknown key (did you mean "phone"?)',
                "responders[1].phone: missing",
            ],
        ),
        (
            {"rotations.0.every": "monthly"},
            [
                'rotations[0].every: unknown period "monthly"'
                " (expected one of hourly, daily, weekly)"
            ],
        ),
        (
            {"rotations.0.category": "housing"},
            [
                'rotations[0].category: unknown category "housing"'
                " (expected one of mental_health, substance_use, safety_planning)"
            ],
        ),
        (
            {"rotations.0.shift_length": 0},
            ["rotations[0].shift_length: must be a whole number of at least 1 (got 0)"],
        ),
        (
            {"rotations.0.shift_length": True},
            ["rotations[0].shift_length: must be a whole number of at least 1 (got True)"],
        ),
        (
            {"rotations.0.per_shift": "2"},
            ['rotations[0].per_shift: must be a whole number of at least 1 (got "2")'],
        ),
        (
            {"rotations.0.per_shift": 1.5},
            ["rotations[0].per_shift: must be a whole number of at least 1 (got 1.5)"],
        ),
        (
            {"rotations.0.per_shift": 3},
            ["rotations[0].per_shift: 3 is more than the rotation's 2 members"],
        ),
        (
            {"rotations.0.members": []},
            ["rotations[0].members: must list at least one responder"],
        ),
        (
            {"rotations.0.members": ["Ana Reyes", "Bo"]},
            ['rotations[0].members[1]: no responder named "Bo" (did you mean "Ben Ortiz"?)'],
        ),
        (
            {"rotations.0.members": ["Ana Reyes", "Ben Ortiz", "Ana Reyes"]},
            ['rotations[0].members[2]: "Ana Reyes" is already listed at rotations[0].members[0]'],
        ),
        (
            {"rotations.1": _contract_doc()["rotations"][0]},  # type: ignore[index]
            ['rotations[1].name: "Mental health nights" is already used by rotations[0]'],
        ),
        ({"rotations.0.start": _GONE}, ["rotations[0].start: missing"]),
        (
            {"rotations.0.start": "2026-11-23 20:00"},
            [
                "rotations[0].start: must be a wall-clock date and time like"
                ' "2026-11-23T20:00" (got "2026-11-23 20:00")'
            ],
        ),
        (
            {"rotations.0.start": "2026-11-23T20:00Z"},
            [
                "rotations[0].start: must be a wall-clock date and time like"
                ' "2026-11-23T20:00" (got "2026-11-23T20:00Z")'
            ],
        ),
        (
            {"rotations.0.start": "2026-11-23T20:00-08:00"},
            [
                "rotations[0].start: must be a wall-clock date and time like"
                ' "2026-11-23T20:00" (got "2026-11-23T20:00-08:00")'
            ],
        ),
        (
            {"rotations.0.start": datetime(2026, 11, 24, 4, tzinfo=UTC)},
            [
                "rotations[0].start: must be wall-clock time in the roster's timezone,"
                " with no offset"
            ],
        ),
        (
            {"rotations.0.start": date(2026, 11, 23)},
            ['rotations[0].start: must have a time of day too, like "2026-11-23T20:00"'],
        ),
        (
            {"rotations.0.start": "2026-02-30T20:00"},
            ['rotations[0].start: "2026-02-30T20:00" is not a real date and time'],
        ),
        (
            {"rotations.0.start": "2026-11-23T24:00"},
            ['rotations[0].start: "2026-11-23T24:00" is not a real date and time'],
        ),
        (
            {"overrides.0.rotation": "Nights"},
            ['overrides[0].rotation: no rotation named "Nights"'],
        ),
        (
            {"overrides.0.responder": "Bo"},
            ['overrides[0].responder: no responder named "Bo" (did you mean "Ben Ortiz"?)'],
        ),
        (
            {"responders.2": _CY, "overrides.0.replaces": "Cy Park"},
            ['overrides[0].replaces: "Cy Park" is not a member of rotation "Mental health nights"'],
        ),
        (
            {"overrides.0.to": "2026-11-27T20:00"},
            ["overrides[0].to: must be after from (2026-11-27T20:00)"],
        ),
        (
            {"overrides.0.to": "2026-11-27T08:00"},
            ["overrides[0].to: must be after from (2026-11-27T20:00)"],
        ),
        ({"overrides.0.from": _GONE}, ["overrides[0].from: missing"]),
        (
            {"backup": ["Ana Reyes", "Bo"]},
            ['backup[1]: no responder named "Bo" (did you mean "Ben Ortiz"?)'],
        ),
        (
            {"backup": ["Ana Reyes", "Ana Reyes"]},
            ['backup[1]: "Ana Reyes" is already listed at backup[0]'],
        ),
        (
            {"hours.0.from": "25:00"},
            ['hours[0].from: must be a time of day "HH:MM" from 00:00 to 23:59 (got "25:00")'],
        ),
        (
            {"hours.0.to": "8pm"},
            ['hours[0].to: must be a time of day "HH:MM" from 00:00 to 23:59 (got "8pm")'],
        ),
        ({"hours.0.to": 1200}, ['hours[0].to: must be quoted text like "20:00", not a number']),
        ({"hours.0.days": []}, ["hours[0].days: must list at least one day"]),
        (
            {"hours.0.days": ["fri", "fry"]},
            [
                'hours[0].days[1]: unknown day "fry"'
                " (expected one of mon, tue, wed, thu, fri, sat, sun)"
            ],
        ),
        (
            {"hours.0.until": "08:00", "hours.0.to": _GONE},
            ["hours[0].until: unknown key (expected days, from, to)", "hours[0].to: missing"],
        ),
        (
            {"resources.fr": "Appelez le 988."},
            ['resources.fr: unknown language, need or urgent "fr" (expected one of en, es, '
             'mental_health, substance_use, safety_planning, urgent)'],
        ),
        ({"resources.en": "  "}, ["resources.en: must not be empty"]),
        ({"resources.EN": "Call 911."}, ['resources.EN: a second text in "en"']),
        (
            {"resources": ["Call 988"]},
            ["resources: must be a mapping of language to text, like en: ..."],
        ),
    ],
)
def test_each_problem_is_reported_at_its_place_in_the_file(
    changes: dict[str, object], problems: list[str]
) -> None:
    assert _problems(_edited(changes)) == problems


@pytest.mark.parametrize("doc", [None, [], "timezone: UTC", 42])
def test_a_document_that_is_not_a_mapping_is_one_problem(doc: object) -> None:
    assert _problems(doc) == [
        "roster: must be a mapping with keys"
        " timezone, responders, rotations, hours, resources, overrides, backup, retention_days,"
        " waiting_notice_minutes, reopen_after_stop_minutes, coordinators,"
        " shift_reminder_hours, shift_confirm_hours"
    ]


def test_a_file_with_several_problems_reports_all_of_them_in_file_order() -> None:
    doc = _edited(
        {
            "timezone": "Mars/Olympus",
            "hours.0.to": "8",
            "responders.1.phone": "5550102",
            "responders.1.languages": ["en", "de"],
            "rotations.0.members": ["Ana Reyes", "Bo"],
            "rotations.0.every": "fortnightly",
            "overrides.0.to": "2026-11-27T19:00",
            "backup": ["Cy"],
            "rotatons": [],
        }
    )

    assert _problems(doc) == [
        'rotatons: unknown key (did you mean "rotations"?)',
        'timezone: "Mars/Olympus" is not an IANA timezone name like "America/Los_Angeles"',
        'hours[0].to: must be a time of day "HH:MM" from 00:00 to 23:59 (got "8")',
        'responders[1].phone: "5550102" is not an E.164 phone number like "+15105550101"',
        'responders[1].languages[1]: unknown language "de" (expected one of en, es)',
        'rotations[0].every: unknown period "fortnightly" (expected one of hourly, daily, weekly)',
        'rotations[0].members[1]: no responder named "Bo" (did you mean "Ben Ortiz"?)',
        "overrides[0].to: must be after from (2026-11-27T20:00)",
        'backup[0]: no responder named "Cy"',
    ]


def test_a_broken_responder_still_counts_as_named_so_references_to_it_are_not_reported() -> None:
    problems = _problems(_edited({"responders.0.phone": "nope"}))

    assert problems == [
        'responders[0].phone: "nope" is not an E.164 phone number like "+15105550101"'
    ]


def test_the_error_message_lists_every_problem_one_a_line() -> None:
    with pytest.raises(RosterError) as caught:
        parse_roster(_edited({"timezone": _GONE, "backup": ["Bo"]}))

    assert str(caught.value) == (
        'timezone: missing\nbackup[0]: no responder named "Bo" (did you mean "Ben Ortiz"?)'
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"hours": _GONE, "resources": _GONE, "overrides": _GONE, "backup": _GONE},
        {"rotations.0.start": "2026-11-23T20:00:45", "overrides.0.replaces": _GONE},
        {"responders.0.categories": [], "hours.0.to": "20:00"},
    ],
)
def test_an_exported_roster_reads_back_the_same(changes: dict[str, object]) -> None:
    roster = parse_roster(_edited(changes))

    assert parse_roster(roster_to_doc(roster)) == roster


def test_the_export_is_written_as_the_contract_writes_it() -> None:
    assert roster_to_doc(parse_roster(_contract_doc())) == _contract_doc()


def test_retention_days_defaults_to_30_and_must_be_a_positive_whole_number():
    assert parse_roster(_retention_doc(None)).retention_days == 30
    assert parse_roster(_retention_doc(7)).retention_days == 7
    assert roster_to_doc(parse_roster(_retention_doc(7)))["retention_days"] == 7
    with pytest.raises(RosterError) as error:
        parse_roster(_retention_doc(0))
    assert error.value.problems[0].startswith("retention_days:")


def _retention_doc(days):
    doc = {"timezone": "UTC", "responders": [], "rotations": []}
    if days is not None:
        doc["retention_days"] = days
    return doc
