"""What a person is told when nobody can come: the most specific text the team wrote."""

import pytest

from routing.resources import pick, to_doc
from routing.roster import RosterError, parse_roster, roster_to_doc

GENERAL_EN = "If you are in danger now, call or text 988."
GENERAL_ES = "Si estás en peligro ahora, llama o textea al 988."
OVERDOSE_EN = "Not breathing? Call 911, give naloxone, rescue breaths. Stay with them."
OVERDOSE_ES = "¿No respira? Llama al 911, usa naloxona y dale respiración. Quédate ahí."
SAFETY_EN = "Delete this thread if you need to. DV hotline: 1-800-799-7233."
URGENT_EN = "Danger now? Call or text 988, or 911 for an ambulance."

DOC = {
    "en": GENERAL_EN,
    "es": GENERAL_ES,
    "safety_planning": {"en": SAFETY_EN},
    "urgent": {"en": URGENT_EN, "substance_use": {"en": OVERDOSE_EN, "es": OVERDOSE_ES}},
}


def roster_with(resources: object) -> dict:
    return {"timezone": "UTC", "resources": resources,
            "responders": [{"name": "Ana", "phone": "+15105550101", "languages": ["en"],
                            "categories": ["substance_use"]}],
            "rotations": []}


TEXTS = parse_roster(roster_with(DOC)).resources


@pytest.mark.parametrize("language, category, urgent, expected", [
    ("en", "substance_use", True, OVERDOSE_EN),
    ("es", "substance_use", True, OVERDOSE_ES),
    ("en", "mental_health", True, URGENT_EN),
    ("es", "mental_health", True, GENERAL_ES),  # words the person can read come first
    ("en", "safety_planning", False, SAFETY_EN),
    ("en", "safety_planning", True, URGENT_EN),  # danger now outranks the need's own text
    ("en", "substance_use", False, GENERAL_EN),
    ("es", "mental_health", False, GENERAL_ES),
    ("en", None, True, URGENT_EN),
    ("es", None, False, GENERAL_ES),
])
def test_the_most_specific_text_wins(language, category, urgent, expected):
    assert pick(TEXTS, language, category, urgent) == expected


def test_a_roster_with_no_resources_has_nothing_to_pick():
    assert pick((), "en", "substance_use", True) is None


def test_resources_by_need_survive_an_export_and_import_unchanged():
    roster = parse_roster(roster_with(DOC))
    assert roster_to_doc(roster)["resources"] == DOC
    assert parse_roster(roster_to_doc(roster)) == roster
    assert to_doc(roster.resources) == DOC


@pytest.mark.parametrize("resources, problem", [
    ({"urgent": {"urgent": {"en": "x"}}}, "resources.urgent.urgent: unknown language, need"),
    ({"substance_use": "call 911"}, "resources.substance_use: must be a mapping"),
    ({"substance_use": {"fr": "x"}}, 'resources.substance_use.fr: unknown language "fr"'),
    ({"urgent": {"en": ""}}, "resources.urgent.en: must not be empty"),
])
def test_a_misplaced_resource_is_reported_where_it_stands(resources, problem):
    with pytest.raises(RosterError) as error:
        parse_roster(roster_with(resources))
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems
