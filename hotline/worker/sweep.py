"""The sweep: every few seconds each capability is asked for the work the queue lost (Redis
down or flushed), and that work is enqueued again. The sweep knows no tables of its own, the
way GoAlert's engine loops over its modules.
"""

from __future__ import annotations

import logging

from hotline.cases import rosters
from hotline.checkins import sending
from hotline.dispatch import offers
from hotline.infra import db, queue
from hotline.infra.models import utcnow
from hotline.privacy import retention
from hotline.sms import delivery, intake, parked

log = logging.getLogger(__name__)

SWEEP_EVERY = 15  # seconds

# Each capability's lost work, by the name the sweep reports it under.
LOST_WORK = {
    "inbound": intake.lost_work,
    "outbound": delivery.lost_work,
    "offers": offers.lost_work,
    "checkins": sending.lost_work,
    "retention": retention.lost_work,
}


def sweep() -> dict[str, int]:
    """Find work the queue lost and enqueue it again; how much of each kind."""
    now = utcnow()
    with db.transaction() as session:
        found = {name: lost(session, now) for name, lost in LOST_WORK.items()}
    with db.transaction() as session:
        rosters.publish_resources(session)
    counts = {"parked": parked.store_parked()}
    for name, work in found.items():
        for item in work:
            queue.try_enqueue(item.task, *item.args, retries=item.retries)
        if name != "retention":
            counts[name] = len(work)
    if any(counts.values()):
        log.info("sweep re-enqueued %s", counts)
    return counts
