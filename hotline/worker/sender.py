"""A `hotline worker`'s own sender: the urgent texts its jobs decide leave from this process.

An inbound text that opens a case decides the person's first reply and an offer. As RQ jobs,
each would wait behind every urgent job already queued and cost a worker a dequeue, RQ's
bookkeeping and a fresh app context, more CPU than the send itself. Here, each text is handed
to Twilio as soon as its row has committed, on a few threads of the worker that decided it:
texts to one phone one after another, in the order they were decided; texts to different
phones at once, so a slow answer from Twilio holds up no one else.

Nothing is lost on the way: every text is a committed `queued` row before it is handed over.
A send that fails goes to the queue with the tries it has left. When more than MOST texts
wait here, the next ones go to the queue, where any worker takes them. If this process dies,
the sweep finds its rows still queued or sending (`delivery.lost_work`) and sends them, after
asking Twilio whether an interrupted one went.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from rq.utils import import_attribute

from hotline.infra import queue
from hotline.infra.queue import Later, Task, task_path

log = logging.getLogger(__name__)

THREADS = 4  # texts in flight to Twilio at once, per worker process
MOST = 32  # texts waiting here at most; past that they go to the queue
RETRY_AFTER = 2  # seconds before a failed send is tried again, from the queue


class Sender:
    """Sends the urgent texts of the jobs this process runs; see the module's doc."""

    def __init__(self, app: Flask, threads: int = THREADS, most: int = MOST) -> None:
        self.app = app
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="hotline-send")
        self._lock = threading.Lock()
        self._waiting = 0
        self._most = most
        self._closed = False

    def take(self, jobs: list[Later]) -> list[Later]:
        """Start sending the urgent texts among `jobs` here; returns the jobs left for the
        queue (all of them when this sender is full or closed)."""
        mine = [job for job in jobs if job.task == Task.SEND_URGENT and job.delay <= 0]
        if not mine:
            return jobs
        with self._lock:
            if self._closed or self._waiting + len(mine) > self._most:
                return jobs
            self._waiting += len(mine)
        chains: dict[str, list[Later]] = {}
        for job in mine:
            chains.setdefault(job.chain or f"message-{job.args}", []).append(job)
        for chain in chains.values():
            self._pool.submit(self._send, chain)
        taken = {id(job) for job in mine}
        return [job for job in jobs if id(job) not in taken]

    def _send(self, chain: list[Later]) -> None:
        for job in chain:
            try:
                with self.app.app_context():
                    import_attribute(task_path(job.task))(*job.args)
            except Exception as error:  # Twilio or the database failed for now: the queue retries
                log.warning("send %s failed (%s); queued to try again", job.args[0],
                            type(error).__name__)
                self._requeue(job)
            finally:
                with self._lock:
                    self._waiting -= 1

    def _requeue(self, job: Later) -> None:
        again = job._replace(delay=RETRY_AFTER, retries=max(job.retries - 1, 0))
        try:
            with self.app.app_context():
                queue.enqueue_all([again])  # a delayed job: never taken back by this sender
        except Exception as error:  # the sweep finds the row still queued
            log.warning("send %s left for the sweep: %s", job.args[0], type(error).__name__)

    def close(self) -> None:
        """Take no more texts, and finish those already taken."""
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=True)
