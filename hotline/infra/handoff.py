"""The webhook's hand-off of inbound texts to the workers: one Redis round trip per text.

The webhook pushes each stored text's id onto an intake list; `hotline worker` forwards the
ids onto the RQ queue as `process_inbound` jobs as they come (a `drain_intake` job does it
where only `rq worker` runs). Whatever the list loses, the sweep finds in the database.
"""

from __future__ import annotations

import logging

from hotline.infra.queue import EmbeddedQueue, Task, enqueue, queue

log = logging.getLogger(__name__)

INTAKE_KEY = "hotline:intake"


FORWARDER_KEY = "hotline:intake-forwarder"  # alive while a `hotline worker` forwards intake


def hand_in(message_id: int) -> bool:
    """The webhook's one round trip to Redis: an inbound text's id on the intake list.

    `hotline worker` moves each id onto the RQ queue as a `process_inbound` job as it comes.
    Where no such worker runs (`rq worker` alone), the push that finds the list empty also
    enqueues one `drain_intake` job that does the same, so no id waits. With the embedded queue
    the job is queued directly. False (logged) when Redis is away: the row is committed and the
    sweep finds it.
    """
    q = queue()
    if isinstance(q, EmbeddedQueue):
        q.put(Task.PROCESS_INBOUND, (message_id,), retries=3)
        return True
    try:
        with q.connection.pipeline(transaction=False) as pipe:
            pipe.rpush(INTAKE_KEY, message_id)
            pipe.exists(FORWARDER_KEY)
            length, forwarder = pipe.execute()
        if length == 1 and not forwarder:
            enqueue(Task.DRAIN_INTAKE, retries=3)
        return True
    except Exception as error:
        log.warning("could not hand in text %s: %s", message_id, type(error).__name__)
        return False


def forward_intake(wait: float = 0) -> int:
    """Move handed-in ids onto the RQ queue; with `wait`, block up to that long for one."""
    q = queue()
    if isinstance(q, EmbeddedQueue):
        return 0
    moved = 0
    if wait:
        q.connection.set(FORWARDER_KEY, "1", ex=int(wait) + 5)
    while True:
        if wait and not moved:
            popped = q.connection.blpop([INTAKE_KEY], timeout=wait)
            raw = popped[1] if popped else None
        else:
            raw = q.connection.lpop(INTAKE_KEY)
        if raw is None:
            return moved
        enqueue(Task.PROCESS_INBOUND, int(raw), retries=3)
        moved += 1
