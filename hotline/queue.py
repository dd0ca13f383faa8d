"""The job queue: RQ on Redis in production, an in-process worker thread in development.

Every job is a module-level function taking ids and plain values. `enqueue` runs it soon,
`enqueue` with `delay` runs it later (RQ's scheduler); both are the only way work leaves a
request. With no REDIS_URL (development only) an embedded queue runs the same functions on a
thread of the web process, so the demo needs no Redis.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from flask import Flask, current_app
from redis import Redis
from rq import Queue, Retry

log = logging.getLogger(__name__)

QUEUE_NAME = "hotline"


class EmbeddedQueue:
    """A single worker thread with a timer heap: RQ's enqueue/enqueue_in, in one process."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._heap: list[tuple[float, int, Callable, tuple, int]] = []
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def put(self, func: Callable, args: tuple, delay: float = 0, retries: int = 0) -> None:
        """Run func(*args) on the worker thread after `delay` seconds."""
        with self._cond:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._order), func, args,
                                        retries))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="hotline-jobs", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    wait = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._cond.wait(wait)
                _, _, func, args, retries = heapq.heappop(self._heap)
            try:
                with self.app.app_context():
                    func(*args)
            except Exception:
                log.exception("job %s failed", func.__name__)
                if retries > 0:
                    self.put(func, args, delay=2, retries=retries - 1)


def register_queue(app: Flask) -> None:
    """Connect the app to Redis, or give it an embedded queue in development."""
    url = app.config.get("REDIS_URL")
    if url:
        connection = redis_connection(url)
        app.extensions["hotline.redis"] = connection
        app.extensions["hotline.queue"] = Queue(QUEUE_NAME, connection=connection)
    else:
        app.extensions["hotline.redis"] = None
        app.extensions["hotline.queue"] = EmbeddedQueue(app)


def redis_connection(url: str) -> Redis:
    """A Redis client for a URL; `fakeredis://` gives an in-process server (tests only)."""
    if url.startswith("fakeredis://"):
        import fakeredis

        return fakeredis.FakeRedis(server=_fake_server(), db=int(url.rsplit("/", 1)[-1] or 0))
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)


_FAKE = None


def _fake_server():
    global _FAKE
    if _FAKE is None:
        import fakeredis

        _FAKE = fakeredis.FakeServer()
    return _FAKE


def queue():
    """The current app's queue (an RQ Queue or the embedded one)."""
    return current_app.extensions["hotline.queue"]


def enqueue(func: Callable, *args, delay: float = 0, retries: int = 0, job_id: str | None = None):
    """Run a job now or after `delay` seconds; raises when Redis cannot take it."""
    q = queue()
    if isinstance(q, EmbeddedQueue):
        q.put(func, args, delay=delay, retries=retries)
        return None
    retry = Retry(max=retries, interval=[2, 10, 30, 60, 120][:retries]) if retries else None
    with q.connection.pipeline() as pipe:  # one round trip to Redis
        options = {"retry": retry, "job_id": job_id, "failure_ttl": 7 * 86400, "pipeline": pipe}
        if delay > 0:
            # RQ's scheduler keeps whole seconds, rounded down: round up, never run early
            job = q.enqueue_in(timedelta(seconds=math.ceil(delay) + 1), func, *args, **options)
        else:
            job = q.enqueue(func, *args, **options)
        pipe.execute()
    return job


def try_enqueue(func: Callable, *args, **kwargs) -> bool:
    """Enqueue, or log and return False when Redis is away (the sweep picks the work up)."""
    try:
        enqueue(func, *args, **kwargs)
        return True
    except Exception as error:  # Redis down: the rows are committed, the sweep will find them
        log.warning("could not enqueue %s: %s", func.__name__, type(error).__name__)
        return False


INTAKE_KEY = "hotline:intake"


FORWARDER_KEY = "hotline:intake-forwarder"  # alive while a `hotline worker` forwards intake


def hand_in(func: Callable, drain: Callable, message_id: int) -> bool:
    """The webhook's one round trip to Redis: an inbound text's id on the intake list.

    `hotline worker` moves each id onto the RQ queue as `func(id)` as it comes. Where no such
    worker runs (`rq worker` alone), the push that finds the list empty also enqueues one
    `drain()` job that does the same, so no id waits. With the embedded queue the job is queued
    directly. False (logged) when Redis is away: the row is committed and the sweep finds it.
    """
    q = queue()
    if isinstance(q, EmbeddedQueue):
        q.put(func, (message_id,), retries=3)
        return True
    try:
        with q.connection.pipeline(transaction=False) as pipe:
            pipe.rpush(INTAKE_KEY, message_id)
            pipe.exists(FORWARDER_KEY)
            length, forwarder = pipe.execute()
        if length == 1 and not forwarder:
            enqueue(drain, retries=3)
        return True
    except Exception as error:
        log.warning("could not hand in text %s: %s", message_id, type(error).__name__)
        return False


def forward_intake(func: Callable, wait: float = 0) -> int:
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
        enqueue(func, int(raw), retries=3)
        moved += 1
