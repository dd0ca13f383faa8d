"""A text parked by the fallback is stored by a plain `rq worker` however long the database
stays away: the store job keeps itself scheduled while texts wait."""

from __future__ import annotations

from rq.job import Job
from rq.registry import ScheduledJobRegistry

from hotline.infra.db import make_engine
from hotline.infra.queue import queues
from hotline.sms import parked
from tests.hotline.line import BEN, CY
from tests.hotline.test_faults import fallback_text, stored_sids


def run_scheduled(line) -> None:
    """Every scheduled job now, then the queue, as time passing under `rq worker` would."""
    for q in queues():
        registry = ScheduledJobRegistry(queue=q)
        for job_id in registry.get_job_ids():
            registry.remove(job_id)
            q.enqueue_job(Job.fetch(job_id, connection=q.connection))
    line.work()


def test_a_parked_text_outlives_a_long_outage_under_rq_worker_alone(line, app):
    line.load()
    fallback_text(line, 9, Body="i relapsed and need help")
    healthy = app.extensions["hotline.engine"]
    app.extensions["hotline.engine"] = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/x")
    try:
        for _ in range(8):  # longer than every retry of the store job
            run_scheduled(line)
    finally:
        app.extensions["hotline.engine"].dispose()
        app.extensions["hotline.engine"] = healthy
    assert app.extensions["hotline.redis"].llen(parked.FALLBACK_KEY) == 1
    line.fire_timers()  # the database is back; no sweep runs
    assert f"SM{9:032d}" in stored_sids()
    assert any("substance use" in body for body in line.inbox(BEN) + line.inbox(CY))
