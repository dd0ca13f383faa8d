"""The job queue: RQ on Redis in production, an in-process worker thread in development.

Work is named, not imported: a service enqueues a `Task` by name, and the queue hands RQ the
dotted path of the function of that name in `hotline.worker.tasks`, the one module that
imports the services behind the names (as Zulip's workers import actions, never the reverse).
`enqueue` runs a task soon, or after `delay` seconds (RQ's scheduler); it is the only way work
leaves a request. With no REDIS_URL (development only) an embedded queue runs the same
functions on a thread of the web process, so the demo needs no Redis.

Each task belongs to one of three RQ queues, which workers take in this order: `urgent` (texts
and calls someone is waiting for: offers, alerts, relays, a person's answers, offer timeouts),
`hotline` (intake of inbound texts, in arrival order, and the line's other timers) and `bulk`
(check-ins, redactions, the retention run). A worker takes from `hotline` only when `urgent` is
empty, so a burst of texts or a batch of check-ins never delays an offer already decided.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from flask import Flask, current_app
from redis import Redis
from rq import Queue, Retry
from rq.utils import import_attribute

log = logging.getLogger(__name__)

URGENT, DEFAULT, BULK = "urgent", "hotline", "bulk"
QUEUE_NAMES = (URGENT, DEFAULT, BULK)  # the order a worker takes them in
QUEUE_NAME = DEFAULT
TASKS_MODULE = "hotline.worker.tasks"


class Task(StrEnum):
    """The names of the work a service can ask for; `hotline.worker.tasks` defines each one."""

    PROCESS_INBOUND = "process_inbound"
    STORE_PARKED = "store_parked"
    DRAIN_INTAKE = "drain_intake"
    SEND_MESSAGE = "send_message"
    SEND_URGENT = "send_urgent"
    SEND_BULK = "send_bulk"
    EXPIRE_OFFER = "expire_offer"
    MENU_TIMEOUT = "menu_timeout"
    STILL_WAITING = "still_waiting"
    PLACE_CALL = "place_call"
    END_CALL = "end_call"
    REDIRECT_CALL = "redirect_call"
    SEND_CHECKIN = "send_checkin"
    FORGET_PERSON = "forget_person"
    PURGE_OLD_MESSAGES = "purge_old_messages"
    REDACT_AT_TWILIO = "redact_at_twilio"
    DELETE_AT_TWILIO = "delete_at_twilio"
    PLAN_SHIFTS = "plan_shifts"
    SEND_SHIFT_REMINDER = "send_shift_reminder"
    SHIFT_UNCONFIRMED = "shift_unconfirmed"
    COVER_UNANSWERED = "cover_unanswered"
    WATCH_GAPS = "watch_gaps"


#: The queue of each task not on `hotline`; the one place a task's priority is decided.
QUEUE_OF = {
    Task.SEND_URGENT: URGENT, Task.EXPIRE_OFFER: URGENT, Task.PLACE_CALL: URGENT,
    Task.END_CALL: URGENT, Task.REDIRECT_CALL: URGENT,
    Task.SEND_CHECKIN: BULK, Task.SEND_BULK: BULK, Task.PURGE_OLD_MESSAGES: BULK,
    Task.REDACT_AT_TWILIO: BULK, Task.DELETE_AT_TWILIO: BULK, Task.PLAN_SHIFTS: BULK,
    Task.WATCH_GAPS: BULK,
}

#: Outbound texts by purpose: what nobody waits for goes in bulk; what can wait its turn
#: behind intake (the check-in question after a case closes, shift reminders and cover
#: requests) stays on `hotline`; the rest
#: (offers, alerts, relays, a person's answers, notices) is urgent.
BULK_PURPOSES = frozenset({"checkin"})
DEFAULT_PURPOSES = frozenset({"consent", "shift"})


def send_task(purpose: str) -> Task:
    """The task that sends a text of this purpose, and so its queue."""
    if purpose in BULK_PURPOSES:
        return Task.SEND_BULK
    if purpose in DEFAULT_PURPOSES:
        return Task.SEND_MESSAGE
    return Task.SEND_URGENT


def queue_name(task: Task) -> str:
    """The RQ queue a task is put on."""
    return QUEUE_OF.get(Task(task), DEFAULT)


class Work(NamedTuple):
    """A task with its arguments, as a capability's lost-work query finds it."""

    task: Task
    args: tuple = ()
    retries: int = 0


def task_path(task: Task) -> str:
    """The dotted path RQ stores for a task and imports when it runs it."""
    return f"{TASKS_MODULE}.{Task(task).value}"


class EmbeddedQueue:
    """A single worker thread with a timer heap: RQ's enqueue/enqueue_in, in one process.
    Of the jobs that are due, urgent ones run first, as under RQ."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._timers: list[tuple[float, int, Task, tuple, int]] = []  # (due, order, ...)
        self._due: list[tuple[int, int, Task, tuple, int]] = []  # (queue rank, order, ...)
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def put(self, task: Task, args: tuple, delay: float = 0, retries: int = 0) -> None:
        """Run the task on the worker thread after `delay` seconds."""
        with self._cond:
            heapq.heappush(self._timers, (time.monotonic() + delay, next(self._order), task,
                                          args, retries))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="hotline-jobs", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _next(self) -> tuple[Task, tuple, int]:
        with self._cond:
            while True:
                while self._timers and self._timers[0][0] <= time.monotonic():
                    _, order, task, args, retries = heapq.heappop(self._timers)
                    rank = QUEUE_NAMES.index(queue_name(task))
                    heapq.heappush(self._due, (rank, order, task, args, retries))
                if self._due:
                    return heapq.heappop(self._due)[2:]
                self._cond.wait(self._timers[0][0] - time.monotonic() if self._timers else None)

    def _run(self) -> None:
        while True:
            task, args, retries = self._next()
            try:
                with self.app.app_context():
                    import_attribute(task_path(task))(*args)
            except Exception:
                log.exception("job %s failed", task)
                if retries > 0:
                    self.put(task, args, delay=2, retries=retries - 1)


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
    """The current app's queue (the RQ `hotline` queue, or the embedded one)."""
    return current_app.extensions["hotline.queue"]


def queues() -> list[Queue]:
    """Every RQ queue, in the order workers take them (urgent first)."""
    default = queue()
    return [default if name == DEFAULT else Queue(name, connection=default.connection)
            for name in QUEUE_NAMES]


def queue_for(task: Task):
    """The queue a task goes on: an RQ Queue on the `hotline` queue's Redis, or the
    embedded queue."""
    default = queue()
    name = queue_name(task)
    if isinstance(default, EmbeddedQueue) or name == DEFAULT:
        return default
    return Queue(name, connection=default.connection)


def enqueue(task: Task, *args, delay: float = 0, retries: int = 0, job_id: str | None = None):
    """Run a task now or after `delay` seconds; raises when Redis cannot take it."""
    q = queue_for(task)
    if isinstance(q, EmbeddedQueue):
        q.put(Task(task), args, delay=delay, retries=retries)
        return None
    with q.connection.pipeline() as pipe:  # one round trip to Redis
        job = _put(q, task, args, delay, retries, job_id, pipe)
        pipe.execute()
    return job


def _put(q: Queue, task: Task, args: tuple, delay: float, retries: int, job_id: str | None,
         pipe):
    """Add one job to an RQ queue, within `pipe` (sent when the caller executes it)."""
    func = task_path(task)
    retry = Retry(max=retries, interval=[2, 10, 30, 60, 120][:retries]) if retries else None
    # result_ttl=0: nothing reads a job's result, so a finished job is deleted at once rather
    # than written back to Redis; a failed one is kept a week for whoever runs the line
    options = {"retry": retry, "job_id": job_id, "result_ttl": 0, "failure_ttl": 7 * 86400,
               "pipeline": pipe}
    if delay > 0:
        # RQ's scheduler keeps whole seconds, rounded down: round up, never run early
        return q.enqueue_in(timedelta(seconds=math.ceil(delay) + 1), func, *args, **options)
    return q.enqueue(func, *args, **options)


class Later(NamedTuple):
    """One job for `enqueue_all`: a task, its arguments, its delay and retries; texts to one
    phone share a `chain` (the phone's hash), so a worker sending them itself keeps their order."""

    task: Task
    args: tuple = ()
    delay: float = 0
    retries: int = 0
    chain: str = ""


RUNNER = "hotline.runner"  # app.extensions key of a `hotline worker`'s own sender, if any


def enqueue_all(jobs: list[Later]) -> bool:
    """Enqueue several jobs in one round trip to Redis (a unit of work's, after its commit).
    In `hotline worker`, its own sender (`hotline.worker.sender`) first takes the urgent texts
    it can send itself. False (logged) when Redis cannot take the rest: their rows are
    committed, the sweep finds them."""
    if not jobs:
        return True
    default = queue()
    if isinstance(default, EmbeddedQueue):
        for job in jobs:
            default.put(Task(job.task), job.args, delay=job.delay, retries=job.retries)
        return True
    runner = current_app.extensions.get(RUNNER)
    if runner is not None:  # in `hotline worker`: urgent texts go from here, at once
        jobs = runner.take(jobs)
        if not jobs:
            return True
    try:
        queues_by_name = {name: q for name, q in zip(QUEUE_NAMES, queues(), strict=True)}
        with default.connection.pipeline() as pipe:
            for job in jobs:
                _put(queues_by_name[queue_name(job.task)], job.task, job.args, job.delay,
                     job.retries, None, pipe)
            pipe.execute()
        return True
    except Exception as error:  # Redis down: the rows are committed, the sweep will find them
        log.warning("could not enqueue %d jobs (%s): %s", len(jobs),
                    ", ".join(sorted({str(job.task) for job in jobs})), type(error).__name__)
        return False


def try_enqueue(task: Task, *args, **kwargs) -> bool:
    """Enqueue, or log and return False when Redis is away (the sweep picks the work up)."""
    try:
        enqueue(task, *args, **kwargs)
        return True
    except Exception as error:  # Redis down: the rows are committed, the sweep will find them
        log.warning("could not enqueue %s: %s", task, type(error).__name__)
        return False


WAITING = frozenset({b"queued", b"scheduled", b"deferred"})
#: A job "started" longer ago than this is taken for one whose worker died (killed -9, the
#: machine gone): RQ marks it abandoned only minutes later, and meanwhile it must not hold back
#: its work. Jobs take well under a second; one slower is run again, which every job allows.
STARTED_FOR = timedelta(seconds=30)


def waiting(job_ids: list[str], now: datetime | None = None) -> set[str]:
    """Those of these RQ job ids whose jobs are queued, scheduled or running now (one round
    trip); none with the embedded queue."""
    q = queue()
    if isinstance(q, EmbeddedQueue) or not job_ids:
        return set()
    with q.connection.pipeline(transaction=False) as pipe:
        for job_id in job_ids:
            pipe.hmget(f"rq:job:{job_id}", "status", "started_at")
        found = pipe.execute()
    now = now or datetime.now(UTC)
    return {job_id for job_id, (status, started) in zip(job_ids, found, strict=True)
            if status in WAITING or (status == b"started" and _recent(started, now))}


def _recent(started: bytes | None, now: datetime) -> bool:
    try:
        at = datetime.strptime(started.decode(), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except (AttributeError, ValueError):  # no start time: RQ is still setting the job up
        return True
    return now - at < STARTED_FOR
