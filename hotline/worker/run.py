"""`hotline worker`: an RQ worker with its scheduler, plus the sweep that finds lost work.

Jobs run in this process (RQ's SimpleWorker), inside the app this command built, so there is
one database pool per worker and no fork per text. Many of these may run on many machines.
"""

from __future__ import annotations

import logging
import threading

from flask import current_app
from rq import SimpleWorker

from hotline.infra.handoff import forward_intake
from hotline.infra.queue import EmbeddedQueue, queue, queues
from hotline.worker.sweep import SWEEP_EVERY, sweep

log = logging.getLogger(__name__)


MAX_BACKOFF = 30  # seconds between tries to reach a Redis that went away


def _sweep_forever(app, stop: threading.Event) -> None:
    while True:
        try:
            with app.app_context():
                sweep()
        except Exception as error:  # the database or Redis is away; try again next round
            log.warning("sweep failed: %s", type(error).__name__)
        if stop.wait(SWEEP_EVERY):
            return


def _forward_forever(app, stop: threading.Event) -> None:
    """Move inbound texts from the webhook's intake list onto the queue, as they come."""
    while not stop.is_set():
        try:
            with app.app_context():
                forward_intake(wait=1)
        except Exception as error:  # Redis is away; the sweep catches up on stored texts
            log.warning("intake paused: %s", type(error).__name__)
            stop.wait(2)


def run(burst: bool = False) -> None:
    """Work the queues, urgent first, until stopped (or until empty, with `burst`)."""
    q = queue()
    if isinstance(q, EmbeddedQueue):
        raise SystemExit("hotline worker needs REDIS_URL (without it, jobs run in the web process)")
    app = current_app._get_current_object()
    stop = threading.Event()
    if burst:
        forward_intake()
        SimpleWorker(queues(), connection=q.connection).work(burst=True, with_scheduler=True)
        return
    threading.Thread(target=_sweep_forever, args=(app, stop), daemon=True).start()
    threading.Thread(target=_forward_forever, args=(app, stop), daemon=True).start()
    try:
        _work_forever(q)
    finally:
        stop.set()


STOP = threading.Event()  # set when the process is asked to shut down


class HotlineWorker(SimpleWorker):
    """RQ's SimpleWorker that remembers a request to stop, so that a loop that ended because
    Redis went away can be told apart from one that ended because it was asked to."""

    def request_stop(self, signum, frame):
        STOP.set()
        super().request_stop(signum, frame)


def _work_forever(q) -> None:
    """Work the queues, urgent first; when Redis goes away, wait for it with backoff and
    carry on. Returns only once the process is asked to stop (SIGTERM or Ctrl-C)."""
    backoff = 1
    while not STOP.is_set():
        try:
            HotlineWorker(queues(), connection=q.connection).work(with_scheduler=True)
            if STOP.is_set():
                return
            log.warning("the queue stopped without being asked (Redis away?); "
                        "working again in %ss", backoff)
        except Exception as error:  # Redis away, even inside RQ's own signal handler
            if STOP.is_set():
                return
            log.warning("Redis went away (%s); working again in %ss", type(error).__name__,
                        backoff)
        try:
            STOP.wait(backoff)
            q.connection.ping()
            backoff = 1
        except Exception:  # still away (or a stop arrived): the loop decides
            backoff = min(backoff * 2, MAX_BACKOFF)
