"""The webhook's hand-off of inbound texts to the workers: one Redis round trip per text.

The webhook pushes each stored text's id onto an intake list. `hotline worker` takes the ids
off it as they come and acts on each text itself, unless urgent work waits on the queue: then
the text goes onto the queue as a `process_inbound` job, behind that work. Where only
`rq worker` runs, a `drain_intake` job moves the ids onto the queue. Whatever the list loses,
the sweep finds in the database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from rq import Queue

from hotline.infra.queue import URGENT, EmbeddedQueue, Task, enqueue, queue, try_enqueue

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


class Intake:
    """`hotline worker`'s intake: each handed-in text acted on in this process as it comes.

    A text is acted on here only while the urgent queue is empty, so a burst of new texts
    never holds back an offer or an answer already decided; otherwise, and when acting on it
    fails, it goes onto the queue as a `process_inbound` job with its retries.
    """

    def __init__(self, act: Callable[[int], None], wait: float = 1) -> None:
        self.act = act
        self.wait = wait
        self._announced = 0.0

    def next(self) -> int | None:
        """Take the next text (waiting up to `wait` seconds for one) and see it acted on;
        its id, or None when none came."""
        connection = queue().connection
        if time.monotonic() - self._announced > self.wait:  # no drain_intake jobs meanwhile
            connection.set(FORWARDER_KEY, "1", ex=int(self.wait) + 5)
            self._announced = time.monotonic()
        popped = connection.blpop([INTAKE_KEY], timeout=self.wait)
        if popped is None:
            return None
        message_id = int(popped[1])
        if Queue(URGENT, connection=connection).count:  # urgent work first: this text waits
            enqueue(Task.PROCESS_INBOUND, message_id, retries=3)
            return message_id
        try:
            self.act(message_id)
        except Exception as error:  # the database away, a bug: the queue tries it again
            log.warning("text %s not acted on yet (%s); queued", message_id,
                        type(error).__name__)
            try_enqueue(Task.PROCESS_INBOUND, message_id, delay=2, retries=3)
        return message_id
