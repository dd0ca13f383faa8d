"""The reports' rule against differencing, checked by brute force: whatever the counts of a
breakdown, once protected, a reader who knows how they add up can never pin a hidden count of
people to exactly 1, 2, 3 or 4."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hotline.reports.privacy import FEW, SOME, Breakdown, Count, protect

CAP = 60  # larger than any total drawn below


def shown_range(count: Count) -> range:
    """Every value a reader must allow for a count, from how it is shown."""
    if not count.shown:
        return range(CAP + 1)
    if count.text == FEW:
        return range(5)
    if count.text == SOME:
        return range(5, CAP + 1)
    return range(count.value, count.value + 1)


def possible(breakdown: Breakdown, index: int) -> set[int]:
    """The values part `index` can take, the others and the total as shown, adding up."""
    sums = {0}
    for n, part in enumerate(breakdown.parts):
        if n != index:
            sums = {s + v for s in sums for v in shown_range(part) if s + v <= CAP}
    totals = set(shown_range(breakdown.total))
    return {v for v in shown_range(breakdown.parts[index]) if any(s + v in totals for s in sums)}


parts = st.lists(st.tuples(st.integers(0, 12), st.booleans()), min_size=1, max_size=5)


@given(parts)
@settings(max_examples=400, deadline=None)
def test_no_hidden_count_can_be_worked_out_from_its_total(cells):
    counts = [Count(value, shown=shown or n == 0) for n, (value, shown) in enumerate(cells)]
    total = Count(sum(c.value for c in counts))
    breakdown = Breakdown(total, counts)
    protect([breakdown])
    for n, count in enumerate(counts):
        if count.visible:
            assert count.text == str(count.value)
            continue
        if count.shown:
            assert count.text == (FEW if count.value < 5 else SOME)
        left = possible(breakdown, n)
        assert count.value in left
        if 0 < count.value < 5:
            # Never pinned; but for counts all under 5 adding up to 4 each (nothing to hide).
            assert len(left) > 1 or all(c.value == 4 for c in counts), (cells, n, left)


def test_one_small_count_beside_a_total_hides_the_next_smallest_too():
    spanish, english = Count(3), Count(137)
    protect([Breakdown(Count(140), [english, spanish])])
    assert (spanish.text, english.text) == ("<5", "5+")


def test_two_small_counts_hide_each_other_and_larger_ones_stay():
    counts = [Count(2), Count(3), Count(40), Count(55)]
    protect([Breakdown(Count(100), counts)])
    assert [c.text for c in counts] == ["<5", "<5", "40", "55"]


def test_a_share_left_unshown_is_protected_like_a_shown_count():
    replied, unanswered = Count(20), Count(2, shown=False)
    protect([Breakdown(Count(22), [replied, unanswered])])
    assert replied.text == "5+"  # else 22 - 20 tells that 2 did not reply
