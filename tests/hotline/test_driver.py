"""The driver's number check: what it counts as showing a number, and what it lets through."""

from __future__ import annotations

import pytest

from tests.hotline.line import shows_part_of, without_legitimate_digits

PERSON = "+15555550123"


@pytest.mark.parametrize("text", [
    "[4821] earlier: help 0123", "call 555-0123", "(555) 555.0123", "ends 0 1 2 3",
    "+1 555 555 0123", "x123y",
])
def test_three_digits_of_a_number_in_a_row_are_seen_however_they_are_split(text):
    assert shows_part_of(text, PERSON)


@pytest.mark.parametrize("text", ["Reply 1, 2 or 3", "opens Monday 09:00", "12 ok", "3 2 1"])
def test_short_or_unrelated_digits_are_not_a_number(text):
    assert not shows_part_of(text, PERSON)


def test_case_codes_and_published_resources_are_legitimate_digits():
    text = "Case 5550: call 1-800-555-0123 now. YES 5550"
    cleaned = without_legitimate_digits(text, {"5550"}, {"call 1-800-555-0123 now."})
    assert not shows_part_of(cleaned, PERSON)
    assert shows_part_of(without_legitimate_digits(text, {"4821"}, set()), PERSON)
