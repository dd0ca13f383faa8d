"""`hotline worker`: an RQ worker with its scheduler, plus the sweep that finds lost work.

Jobs run in this process (RQ's SimpleWorker), inside the app this command built, so there is
one database pool per worker and no fork per text. Many of these may run on many machines.
"""

from __future__ import annotations

import logging
import threading

from flask import current_app
from rq import SimpleWorker

from hotline.infra.queue import EmbeddedQueue, forward_intake, queue
from hotline.worker.sweep import SWEEP_EVERY, sweep

log = logging.getLogger(__name__)


def _sweep_forever(app, stop: threading.Event) -> None:
    while not stop.wait(SWEEP_EVERY):
        try:
            with app.app_context():
                sweep()
        except Exception as error:  # the database or Redis is away; try again next round
            log.warning("sweep failed: %s", type(error).__name__)


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
    """Work the hotline queue until stopped (or until empty, with `burst`)."""
    q = queue()
    if isinstance(q, EmbeddedQueue):
        raise SystemExit("hotline worker needs REDIS_URL (without it, jobs run in the web process)")
    app = current_app._get_current_object()
    stop = threading.Event()
    if burst:
        forward_intake()
    else:
        sweep()
        threading.Thread(target=_sweep_forever, args=(app, stop), daemon=True).start()
        threading.Thread(target=_forward_forever, args=(app, stop), daemon=True).start()
    try:
        SimpleWorker([q], connection=q.connection).work(burst=burst, with_scheduler=True)
    finally:
        stop.set()
