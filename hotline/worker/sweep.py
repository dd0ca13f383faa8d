"""The sweep: every few seconds each capability is asked for the work the queue lost (Redis
down or flushed), and that work is enqueued again. The sweep knows no tables of its own, the
way GoAlert's engine loops over its modules, and each step runs on its own: one that fails
(a bad row, the database away) is logged and skipped, and the others still run.
"""

from __future__ import annotations

import logging

from hotline.cases import rosters
from hotline.checkins import sending
from hotline.dispatch import offers
from hotline.infra import db, queue
from hotline.infra.models import utcnow
from hotline.privacy import forget, retention
from hotline.shifts import cover, gaps, reminders
from hotline.sms import delivery, intake, parked, recovered, unclear, waiting

log = logging.getLogger(__name__)

SWEEP_EVERY = 15  # seconds

# Each capability's lost work, by the name the sweep reports it under.
LOST_WORK = {
    "inbound": intake.lost_work,
    "outbound": delivery.lost_work,
    "offers": offers.lost_work,
    "menus": unclear.lost_work,
    "waiting": waiting.lost_work,
    "checkins": sending.lost_work,
    "retention": retention.lost_work,
    "erasures": forget.lost_work,
    "shift_plan": reminders.planning,
    "shifts": reminders.lost_work,
    "cover": cover.lost_work,
    "gaps": gaps.lost_work,
}
ROUTINE = ("resources", "retention", "shift_plan", "gaps")  # scheduled runs, not lost work


def _publish_resources() -> None:
    with db.transaction() as session:
        rosters.publish_resources(session)


def _requeue(name: str) -> int:
    """Enqueue one capability's lost work again; how much went.

    Each item goes under a job id of its own, and not again while that job still waits: work
    that is only late (a backlog, not a loss) would otherwise be queued once more every round,
    by every worker's sweep, and the backlog would grow with repeats."""
    with db.transaction() as session:
        work = LOST_WORK[name](session, utcnow())
    ids = [f"hotline-sweep-{item.task}-{'-'.join(map(str, item.args))}" for item in work]
    try:
        queued = queue.waiting(ids)
    except Exception as error:  # Redis away: the enqueues below fail and say so
        log.warning("sweep: queued jobs unknown: %s", type(error).__name__)
        queued = set()
    return sum(queue.try_enqueue(item.task, *item.args, retries=item.retries, job_id=job_id)
               for item, job_id in zip(work, ids, strict=True) if job_id not in queued)


def sweep() -> dict[str, int]:
    """Find work the queue lost and enqueue it again; how much of each kind."""
    counts: dict[str, int] = {}
    steps = [("resources", _publish_resources), ("parked", parked.store_parked),
             ("recovered", recovered.recover)]
    steps += [(name, lambda name=name: _requeue(name)) for name in LOST_WORK]
    for name, step in steps:
        try:
            found = step()
        except Exception as error:  # this step waits for the next round; the others go on
            log.warning("sweep: %s skipped this round: %s", name, type(error).__name__)
            found = 0
        if name not in ROUTINE:
            counts[name] = found or 0
    if any(counts.values()):
        log.info("sweep re-enqueued %s", counts)
    return counts
