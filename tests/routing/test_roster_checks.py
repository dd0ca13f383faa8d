"""Rosters that read fine value by value but make no sense as a whole: what coordinators see."""

from __future__ import annotations

import copy

import pytest

from routing.roster import RosterError, parse_roster
from routing.roster_warnings import check_roster

_ANA = {"name": "Ana Reyes", "phone": "+15105550101", "languages": ["en", "es"],
        "categories": ["mental_health", "safety_planning"]}
_BEN = {"name": "Ben Ortiz", "phone": "+15105550102", "languages": ["en"],
        "categories": ["mental_health", "substance_use"]}
_CY = {"name": "Cy Lam", "phone": "+15105550103", "languages": ["en"],
       "categories": ["substance_use"]}


def _doc(**changes) -> dict:
    doc = {
        "timezone": "America/Los_Angeles",
        "resources": {"en": "Call or text 988.", "es": "Llama o textea al 988."},
        "responders": [_ANA, _BEN, _CY],
        "rotations": [
            {"name": "Nights", "category": "mental_health", "every": "daily",
             "start": "2026-11-23T20:00", "members": ["Ana Reyes", "Ben Ortiz"]},
        ],
        "overrides": [],
    }
    doc.update(copy.deepcopy(changes))
    return doc


def _override(responder: str, replaces: str | None, start: str, end: str) -> dict:
    doc = {"rotation": "Nights", "responder": responder, "from": start, "to": end}
    if replaces:
        doc["replaces"] = replaces
    return doc


def _problems(doc: dict) -> list[str]:
    with pytest.raises(RosterError) as caught:
        parse_roster(doc)
    return caught.value.problems


def test_a_responder_on_a_rotation_for_a_need_they_do_not_serve_is_an_error():
    rotation = {"name": "Nights", "category": "mental_health", "every": "daily",
                "start": "2026-11-23T20:00", "members": ["Ana Reyes", "Cy Lam"]}

    assert _problems(_doc(rotations=[rotation])) == [
        'rotations[0].members[1]: "Cy Lam" does not serve mental_health, the rotation\'s'
        " category (their categories: substance_use)"
    ]


def test_an_override_putting_someone_on_a_rotation_they_do_not_serve_is_an_error():
    doc = _doc(overrides=[_override("Cy Lam", "Ana Reyes", "2026-11-27T20:00",
                                    "2026-11-28T08:00")])

    assert _problems(doc) == [
        'overrides[0].responder: "Cy Lam" does not serve mental_health, the category of'
        ' rotation "Nights" (their categories: substance_use)'
    ]


def test_someone_replacing_themself_is_an_error():
    doc = _doc(overrides=[_override("Ana Reyes", "Ana Reyes", "2026-11-27T20:00",
                                    "2026-11-28T08:00")])

    assert _problems(doc) == [
        'overrides[0].replaces: "Ana Reyes" cannot replace themself (responder is "Ana Reyes")'
    ]


def test_two_overrides_replacing_the_same_member_at_once_are_an_error_naming_both():
    dee = {"name": "Dee Park", "phone": "+15105550104", "languages": ["en"]}
    doc = _doc(responders=[_ANA, _BEN, _CY, dee], overrides=[
        _override("Ben Ortiz", "Ana Reyes", "2026-11-27T20:00", "2026-11-28T08:00"),
        _override("Dee Park", "Ana Reyes", "2026-11-28T06:00", "2026-11-28T12:00"),
    ])

    assert _problems(doc) == [
        "overrides[1]: overlaps overrides[0] from 2026-11-28T06:00 to 2026-11-28T08:00: both"
        ' put someone in place of "Ana Reyes" in rotation "Nights" ("Ben Ortiz" there,'
        ' "Dee Park" here); shorten one of them'
    ]


def test_back_to_back_overrides_and_overlapping_additions_are_fine():
    dee = {"name": "Dee Park", "phone": "+15105550104", "languages": ["en"]}
    roster = parse_roster(_doc(responders=[_ANA, _BEN, _CY, dee], overrides=[
        _override("Ben Ortiz", "Ana Reyes", "2026-11-27T20:00", "2026-11-28T08:00"),
        _override("Dee Park", "Ana Reyes", "2026-11-28T08:00", "2026-11-28T12:00"),
        _override("Dee Park", None, "2026-11-27T20:00", "2026-11-28T08:00"),
        _override("Ana Reyes", None, "2026-11-27T22:00", "2026-11-28T02:00"),
    ]))

    assert len(roster.overrides) == 4


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Bo", "Ben Ortiz"), ("ben ortiz", "Ben Ortiz"), ("Ana Reys", "Ana Reyes"),
     ("Cy", "Cy Lam"), ("Ortz", "Ben Ortiz")],
)
def test_a_misspelt_name_gets_a_did_you_mean(written, meant):
    assert _problems(_doc(backup=[written])) == [
        f'backup[0]: no responder named "{written}" (did you mean "{meant}"?)'
    ]


def test_a_name_like_nobody_gets_no_guess():
    assert _problems(_doc(backup=["Zed"])) == ['backup[0]: no responder named "Zed"']


def test_a_roster_with_texts_in_both_languages_has_no_warnings():
    assert check_roster(parse_roster(_doc())) == []


def test_a_roster_without_resources_loads_with_a_warning():
    roster = parse_roster(_doc(resources={}))

    assert check_roster(roster) == [
        "resources: none given; when nobody can come, people get only the line's built-in"
        ' text ("call or text 988")'
    ]


def test_no_spanish_resources_while_someone_speaks_spanish_is_a_warning():
    roster = parse_roster(_doc(resources={"en": "Call or text 988."}))

    assert check_roster(roster) == [
        "resources: no text in Spanish (es), though Ana Reyes speaks Spanish; people who"
        " text in Spanish get the English text"
    ]


def test_no_spanish_resources_without_spanish_speakers_is_fine():
    english = {**_ANA, "languages": ["en"]}
    roster = parse_roster(_doc(responders=[english, _BEN, _CY], resources={"en": "Call 988."}))

    assert check_roster(roster) == []


def test_a_need_or_urgent_text_in_english_only_is_a_warning_saying_what_spanish_gets():
    resources = {
        "en": "Call or text 988.", "es": "Llama o textea al 988.",
        "substance_use": {"en": "Treatment referral: 1-800-662-4357."},
        "urgent": {"en": "Call 911.", "es": "Llama al 911.",
                   "substance_use": {"en": "Call 911 and give naloxone."}},
    }

    assert check_roster(parse_roster(_doc(resources=resources))) == [
        "resources.substance_use: in English only, though Ana Reyes speaks Spanish; people who"
        " text in Spanish get resources.es instead",
        "resources.urgent.substance_use: in English only, though Ana Reyes speaks Spanish;"
        " people who text in Spanish get resources.urgent.es instead",
    ]
