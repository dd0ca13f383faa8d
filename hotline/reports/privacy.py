"""Small counts hidden, and kept hidden against differencing.

Every count of people under 5 reads "<5". That alone is not enough: where counts add up to a
total the reader knows (contacts by channel add up to contacts; answered and not answered
too), one hidden count could be worked out by subtraction. So each such breakdown is checked
as the reader would: from what is shown, a hidden count is narrowed to a range, and while a
hidden count could be pinned to 1, 2, 3 or 4, the smallest shown count of 5 or more in that
breakdown is hidden too (it reads "5+"). Counts the page never shows (the answered share's
complement, say) take part as hidden cells, since a reader can still work them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SMALL = 5  # counts of people below this are never shown
FEW = "<5"
SOME = "5+"
MANY = 10**12  # "no upper bound" in a reader's range


@dataclass(eq=False)
class Count:
    """One count of people, and how it is shown: the number, "<5", "5+", or not at all."""

    value: int
    shown: bool = True  # False: a count the report never prints (still worked out by readers)
    hidden: bool = False  # True: "5+" (a count hidden to protect a smaller one)

    def __post_init__(self) -> None:
        self.value = int(self.value)

    @property
    def few(self) -> bool:
        return self.value < SMALL

    @property
    def visible(self) -> bool:
        """A reader sees the exact number."""
        return self.shown and not self.few and not self.hidden

    def bounds(self) -> tuple[int, int]:
        """What a reader knows of it: the range it must lie in."""
        if self.visible:
            return self.value, self.value
        if not self.shown:
            return 0, MANY
        return (0, SMALL - 1) if self.few else (SMALL, MANY)

    @property
    def text(self) -> str:
        """As the page and the CSV show it."""
        if self.few:
            return FEW
        return SOME if self.hidden else str(self.value)


@dataclass(eq=False)
class Breakdown:
    """Counts that add up to a total (itself a Count, shown or not)."""

    total: Count
    parts: list[Count] = field(default_factory=list)


def narrowed(breakdown: Breakdown) -> list[tuple[Count, int, int]]:
    """Each hidden count with the range a reader can narrow it to from this breakdown."""
    cells = [(part, 1) for part in breakdown.parts] + [(breakdown.total, -1)]
    found = []
    for cell, _ in cells:
        if cell.visible:
            continue
        # Solve sum(parts) - total = 0 for `cell`, the others within their bounds.
        low_rest = high_rest = 0
        for other, sign in cells:
            if other is cell:
                continue
            lo, hi = other.bounds()
            if sign > 0:
                low_rest, high_rest = low_rest + lo, high_rest + hi
            else:
                low_rest, high_rest = low_rest - hi, high_rest - lo
        lo, hi = cell.bounds()
        if cell is breakdown.total:
            lo, hi = max(lo, low_rest), min(hi, high_rest)
        else:
            lo, hi = max(lo, -high_rest), min(hi, -low_rest)
        found.append((cell, lo, hi))
    return found


def exposed(breakdown: Breakdown) -> bool:
    """A hidden count a reader could pin to exactly 1, 2, 3 or 4."""
    return any(lo == hi and 0 < lo < SMALL for _, lo, hi in narrowed(breakdown))


def protect(breakdowns: Iterable[Breakdown]) -> None:
    """Hide counts of 5 or more ("5+") until no breakdown exposes a small one."""
    breakdowns = list(breakdowns)
    changed = True
    while changed:
        changed = False
        for breakdown in breakdowns:
            while exposed(breakdown):
                candidates = [c for c in [*breakdown.parts, breakdown.total] if c.visible]
                if not candidates:
                    break  # every count already hidden: only "4 each" can be told
                min(candidates, key=lambda c: c.value).hidden = True
                changed = True
