"""`hotline worker`: an RQ worker with its scheduler, plus the sweep that finds lost work, an
intake thread that acts on inbound texts as they come, and its own sender for the urgent texts
they decide (`hotline.worker.sender`).

Jobs run in this process (RQ's SimpleWorker), inside the app this command built, so there is
one database pool per worker and no fork per text. Many of these may run on many machines.
"""

from __future__ import annotations

import logging
import threading

from flask import current_app
from rq import SimpleWorker

from hotline.infra.handoff import Intake, forward_intake
from hotline.infra.queue import RUNNER, EmbeddedQueue, queue, queues
from hotline.worker import tasks
from hotline.worker.sender import Sender
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


def _intake_forever(app, stop: threading.Event) -> None:
    """Act on inbound texts from the webhook's intake list, as they come."""
    intake = Intake(tasks.process_inbound, wait=1)
    while not stop.is_set():
        try:
            with app.app_context():
                intake.next()
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
    sender = app.extensions[RUNNER] = Sender(app)
    threading.Thread(target=_sweep_forever, args=(app, stop), daemon=True).start()
    intake = threading.Thread(target=_intake_forever, args=(app, stop), daemon=True)
    intake.start()
    try:
        _work_forever(q)
    finally:
        stop.set()
        intake.join(timeout=10)  # the text in hand is finished, or left for the sweep
        app.extensions.pop(RUNNER, None)
        sender.close()  # the texts already taken go out before the process ends


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
