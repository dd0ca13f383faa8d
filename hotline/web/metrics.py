"""`GET /metrics` for Prometheus, behind METRICS_TOKEN (`Authorization: Bearer ...`), and the
timing of every Twilio webhook. Unset, the token turns the endpoint off: 404."""

from __future__ import annotations

import hmac
import time

from flask import Blueprint, Response, current_app, g, request
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from hotline.infra import metrics

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def scrape():
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        return {"error": "not found"}, 404
    given = request.headers.get("Authorization", "").encode()
    if not hmac.compare_digest(given, f"Bearer {token}".encode()):
        return Response('{"error": "a bearer token is required"}\n', 401,
                        {"WWW-Authenticate": 'Bearer realm="metrics"'},
                        mimetype="application/json")
    return Response(metrics.exposition(), content_type=CONTENT_TYPE_PLAIN_0_0_4)


@bp.before_app_request
def _started() -> None:
    g.metrics_started = time.perf_counter()


@bp.after_app_request
def _timed(response):
    started = g.pop("metrics_started", None)
    if started is not None and request.path.startswith("/twilio/") and request.url_rule:
        metrics.WEBHOOK_SECONDS.labels(request.url_rule.rule, str(response.status_code)) \
            .observe(time.perf_counter() - started)
    return response
