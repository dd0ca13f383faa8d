"""What /metrics reports, in Prometheus' text format (`prometheus-client`).

Webhook latency is measured where it happens, in each web process. Under gunicorn set
`PROMETHEUS_MULTIPROC_DIR` (gunicorn.conf.py makes one when it is unset): every process
writes its measurements there and a scrape, whichever process answers it, adds them up. The
rest is read at scrape time from where the line keeps it, so it is the same whichever
process answers and counts work the RQ workers did on any machine: queue depth from Redis;
open cases, escalations, texts by status and time to first offer from the database.

Labels are paths, statuses and queue names, never a number or the words of a message.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
)
from rq import Queue
from sqlalchemy import func
from sqlmodel import select

from hotline.infra import db
from hotline.infra.models import Case, Offer, OutboundMessage
from hotline.infra.queue import QUEUE_NAMES, queue

PROCESS = CollectorRegistry()  # this process's own series, when not under gunicorn
WEBHOOK_SECONDS = Histogram(
    "hotline_webhook_seconds", "Time to answer a Twilio webhook, by route and status.",
    ["path", "status"], registry=PROCESS,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15))
OFFER_BUCKETS = (1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800)
CASE_STATUSES = ("triage", "offering", "active")
SEND_STATUSES = ("queued", "sending", "sent", "delivered", "undelivered", "failed", "refused",
                 "cancelled", "local")


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class LineCollector:
    """The series read at scrape time from Redis and the database."""

    def collect(self):
        yield self.queue_depth()
        with db.transaction() as session:
            yield from self.cases(session)
            yield self.sends(session)
            yield self.time_to_offer(session)

    def queue_depth(self) -> GaugeMetricFamily:
        depth = GaugeMetricFamily("hotline_queue_depth", "Jobs waiting in each RQ queue.",
                                  labels=["queue"])
        default = queue()
        if isinstance(default, Queue):
            for name in QUEUE_NAMES:
                depth.add_metric([name], Queue(name, connection=default.connection).count)
        return depth

    def cases(self, session):
        open_cases = GaugeMetricFamily("hotline_open_cases", "Cases not closed, by status.",
                                       labels=["status"])
        found = dict(session.exec(select(Case.status, func.count()).where(
            Case.status != "closed").group_by(Case.status)).all())
        for status in CASE_STATUSES:
            open_cases.add_metric([status], found.get(status, 0))
        yield open_cases
        escalated = session.exec(select(func.count()).select_from(Case).where(
            Case.escalated)).one()
        yield CounterMetricFamily("hotline_escalations", "Cases nobody on call took in time, "
                                  "sent to the backup list.", value=escalated)

    def sends(self, session) -> GaugeMetricFamily:
        sends = GaugeMetricFamily("hotline_sends", "Texts the line sent or will send, by "
                                  "status.", labels=["status"])
        found = dict(session.exec(select(OutboundMessage.status, func.count())
                                  .group_by(OutboundMessage.status)).all())
        for status in SEND_STATUSES:
            sends.add_metric([status], found.get(status, 0))
        return sends

    def time_to_offer(self, session) -> HistogramMetricFamily:
        rows = session.exec(select(Case.created_at, func.min(Offer.created_at))
                            .join(Offer, Offer.case_id == Case.id).group_by(Case.id)).all()
        waits = [(aware(first) - aware(opened)).total_seconds() for opened, first in rows]
        buckets = [(str(b), sum(1 for w in waits if w <= b)) for b in OFFER_BUCKETS]
        buckets.append(("+Inf", len(waits)))
        family = HistogramMetricFamily(
            "hotline_time_to_first_offer_seconds",
            "From a case's first text or call to its first offer, over every case offered.")
        family.add_metric([], buckets, sum_value=sum(waits))
        return family


def exposition() -> bytes:
    """Every series, as a scrape gets them."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Own())
    registry.register(LineCollector())
    return generate_latest(registry)


class _Own:
    def collect(self):
        return PROCESS.collect()
