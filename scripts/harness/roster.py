"""The sample roster the scripts import: Ana (en/es), Ben, Cy and Dee, everyone on call now.

The test suite's driver (tests/hotline/line.py) loads this same roster, so the acceptance
checks and the tests name the same people.
"""

from __future__ import annotations

from pathlib import Path


def sample_roster(**changes) -> dict:
    """A roster where everyone is on call now: Ana (en/es), Ben, Cy, Dee (backup)."""
    doc = {
        "timezone": "America/Los_Angeles",
        "resources": {"en": "Call or text 988 if you are in danger.",
                      "es": "Llama o textea al 988 si estás en peligro."},
        "responders": [
            {"name": "Ana Reyes", "phone": "+15105550101", "languages": ["en", "es"],
             "categories": ["mental_health", "safety_planning"]},
            {"name": "Ben Ortiz", "phone": "+15105550102", "languages": ["en"],
             "categories": ["mental_health", "substance_use"]},
            {"name": "Cy Lam", "phone": "+15105550103", "languages": ["en"],
             "categories": ["substance_use", "safety_planning"]},
            {"name": "Dee Park", "phone": "+15105550104", "languages": ["en", "es"],
             "categories": ["mental_health"]},
        ],
        "rotations": [
            {"name": "Mental health", "category": "mental_health", "every": "weekly",
             "shift_length": 1, "per_shift": 2, "start": "2020-01-06T09:00",
             "members": ["Ben Ortiz", "Ana Reyes"]},
            {"name": "Substance use", "category": "substance_use", "every": "weekly",
             "shift_length": 1, "per_shift": 2, "start": "2020-01-06T09:00",
             "members": ["Ben Ortiz", "Cy Lam"]},
            {"name": "Safety", "category": "safety_planning", "every": "weekly",
             "shift_length": 1, "per_shift": 2, "start": "2020-01-06T09:00",
             "members": ["Ana Reyes", "Cy Lam"]},
        ],
        "backup": ["Dee Park"],
    }
    doc.update(changes)
    return doc


OTHER_LINE = "+15005550007"


def other_line_roster() -> dict:
    """A second line's roster, with none of the sample's people: Eve (en/es) and Fay, both on
    call now for every category, Fay the backup."""
    everyone = ["Eve Soto", "Fay Lin"]
    return {
        "timezone": "America/Chicago",
        "resources": {"en": "Call or text 988 if you are in danger.",
                      "es": "Llama o textea al 988 si estás en peligro."},
        "responders": [
            {"name": "Eve Soto", "phone": "+15105550201", "languages": ["en", "es"],
             "categories": ["mental_health", "substance_use", "safety_planning"]},
            {"name": "Fay Lin", "phone": "+15105550202", "languages": ["en", "es"],
             "categories": ["mental_health", "substance_use", "safety_planning"]},
        ],
        "rotations": [
            {"name": name, "category": category, "every": "weekly", "shift_length": 1,
             "per_shift": 2, "start": "2020-01-06T09:00", "members": everyone}
            for name, category in (("Mental health", "mental_health"),
                                   ("Substance use", "substance_use"),
                                   ("Safety", "safety_planning"))
        ],
        "backup": ["Fay Lin"],
    }


def write_roster(path: Path, doc: dict) -> dict:
    """Write a roster as the YAML `hotline roster import` reads; returns it."""
    import yaml

    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return doc
