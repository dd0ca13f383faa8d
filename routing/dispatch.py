"""Who a case is offered to next: the dispatch rules as one pure decision.

The shell calls `decide` whenever a case may need new offers (it was triaged, an offer was
declined or expired) and carries out the answer: `Offer` some responders, `Wait` for open
offers, or `Escalate` (resources to the person, an alert to the backup list). A case is never
dropped: after escalation the backup alert stays open until someone takes it.

Order, as the contract puts it: the category's on-call responders, one at a time, the one
offered least recently first and a language match preferred; then the backup list; then the
responders who were skipped because they are OFF or already busy with a case. An urgent case
goes to every available on-call and backup responder at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_EPOCH = datetime.min.replace(tzinfo=UTC)  # never offered: first in line


@dataclass(frozen=True)
class Candidate:
    """A responder as dispatch sees them at one moment."""

    name: str
    languages: tuple[str, ...]
    taking_offers: bool
    busy: bool
    last_offered_at: datetime | None

    @property
    def available(self) -> bool:
        """ON and not already helping someone."""
        return self.taking_offers and not self.busy


@dataclass(frozen=True)
class CaseView:
    """What dispatch needs to know of a case."""

    urgent: bool
    language: str
    offered: frozenset[str]  # names already offered this case, whatever they answered
    open_offers: int  # offers still waiting for an answer
    escalated: bool = False


@dataclass(frozen=True)
class Offer:
    """Offer the case to these responders now, each until `expires_at`."""

    names: tuple[str, ...]
    stage: str  # on_call | backup | fallback
    expires_at: datetime


@dataclass(frozen=True)
class Wait:
    """Offers are still open: do nothing yet."""


@dataclass(frozen=True)
class Escalate:
    """Nobody is left: send the person the resources and alert the backup list."""

    alert: tuple[str, ...]


Decision = Offer | Wait | Escalate


def _ranked(pool: Sequence[Candidate], language: str) -> list[Candidate]:
    """Language match first, then the one offered least recently, then roster order."""
    order = {c.name: i for i, c in enumerate(pool)}
    return sorted(
        pool,
        key=lambda c: (
            language not in c.languages,
            c.last_offered_at or _EPOCH,
            order[c.name],
        ),
    )


def queue_for(
    case: CaseView, on_call: Sequence[Candidate], backup: Sequence[Candidate]
) -> list[tuple[str, Candidate]]:
    """Everyone the case may still be offered to, best first, each with their stage."""
    seen = set(case.offered)
    tiers: list[tuple[str, list[Candidate]]] = [("on_call", []), ("backup", []), ("fallback", [])]
    for stage, pool in (("on_call", on_call), ("backup", backup)):
        for candidate in pool:
            if candidate.name in seen:
                continue
            seen.add(candidate.name)
            tier = tiers[0 if stage == "on_call" else 1] if candidate.available else tiers[2]
            tier[1].append(candidate)
    ranked: list[tuple[str, Candidate]] = []
    for stage, pool in tiers[:2]:
        ranked += [(stage, c) for c in _ranked(pool, case.language)]
    skipped = tiers[2][1]
    busy = [c for c in skipped if c.taking_offers]
    off = [c for c in skipped if not c.taking_offers]
    ranked += [("fallback", c) for c in _ranked(busy, case.language) + _ranked(off, case.language)]
    return ranked


def decide(
    case: CaseView,
    on_call: Sequence[Candidate],
    backup: Sequence[Candidate],
    now: datetime,
    timeout: timedelta,
) -> Decision:
    """The next step for a case that has no responder yet."""
    if case.open_offers:
        return Wait()
    remaining = queue_for(case, on_call, backup)
    if not remaining:
        if case.escalated:
            return Wait()
        alert = [c.name for c in backup] or [c.name for c in on_call]  # somebody must know
        return Escalate(alert=tuple(dict.fromkeys(alert)))
    expires_at = now + timeout
    if not case.urgent:
        stage, first = remaining[0]
        return Offer((first.name,), stage, expires_at)
    at_once = [(s, c) for s, c in remaining if s != "fallback"] or remaining
    stage = at_once[0][0] if len({s for s, _ in at_once}) == 1 else "on_call"
    return Offer(tuple(c.name for _, c in at_once), stage, expires_at)
