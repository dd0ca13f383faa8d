"""/metrics: Prometheus' text format behind a bearer token, with the series an operator
watches (webhook latency, queue depth, time to first offer, open cases, escalations, texts by
status), never a number or a message; and under gunicorn with two workers, one scrape adds up
what both measured."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import Case
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN, HOTLINE
from tests.hotline.line import ANA, BEN, CY, DEE, PUBLIC_URL
from tests.hotline.test_web_process import ROOT, answers, free_port

TOKEN = "m" * 32
PERSON, OTHER = "+15555550123", "+15555550177"
WORDS, MORE = "i relapsed and need help", "my friend took too many pills"


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """Every sample of a scrape, by name and labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[sample.name, tuple(sorted(sample.labels.items()))] = sample.value
    return found


def scrape(client, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get("/metrics", headers=headers)


def test_metrics_need_the_token_and_list_the_line_s_series(app, line):
    client = app.test_client()
    assert scrape(client).status_code == 404  # no METRICS_TOKEN: no /metrics
    app.config["METRICS_TOKEN"] = TOKEN
    assert scrape(client, token=None).status_code == 401
    assert scrape(client, token="m" * 31).status_code == 401
    refused = client.get("/metrics", headers={"Authorization": TOKEN})  # not "Bearer ..."
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")

    before = samples(scrape(client).text)
    line.load()
    line.text(PERSON, WORDS)  # offered to someone on call
    with transaction() as session:
        code = session.exec(select(Case)).one().code
    accepter = next(r for r in (ANA, BEN, CY, DEE) if line.inbox(r))
    line.text(accepter, f"YES {code}")
    line.text(OTHER, MORE)
    for _ in range(6):  # nobody takes the second: its offers run out, then the backup's
        line.fire_timers()
    with transaction() as session:
        assert session.exec(select(Case).where(Case.escalated)).first() is not None
    answer = scrape(client)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    got = samples(answer.text)

    sms = (("path", "/twilio/sms"), ("status", "200"))
    for key in (("hotline_webhook_seconds_count", sms),
                ("hotline_webhook_seconds_bucket", (("le", "+Inf"), *sms))):
        assert got[key] - before.get(key, 0) == 3  # this process's earlier tests aside
    for queue in ("urgent", "hotline", "bulk"):
        assert got["hotline_queue_depth", (("queue", queue),)] == 0  # the driver worked them
    assert got["hotline_time_to_first_offer_seconds_count", ()] == 2
    assert got["hotline_time_to_first_offer_seconds_bucket", (("le", "+Inf"),)] == 2
    assert got["hotline_open_cases", (("status", "active"),)] == 1
    assert got["hotline_open_cases", (("status", "offering"),)] == 1
    assert got["hotline_escalations_total", ()] == 1
    assert got["hotline_sends", (("status", "sent"),)] == len(line.twilio.messages) > 0

    # Names and labels, not the sample values (a timestamp may hold any seven digits).
    named = [row if row.startswith("#") else row.rsplit(" ", 1)[0]
             for row in answer.text.splitlines()]
    runs = [run for row in named for run in re.findall(r"\d+", row)]
    for number in (PERSON, OTHER, ANA, BEN, CY, DEE, HOTLINE):
        assert not any(re.sub(r"\D", "", number)[-7:] in run for run in runs), number
    assert WORDS not in answer.text and MORE not in answer.text


def post(port: int, path: str = "/twilio/sms") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, "From=%2B15555550123&Body=hi", {
            "Content-Type": "application/x-www-form-urlencoded"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_under_gunicorn_one_scrape_adds_up_both_workers(database_url, redis_url, twilio,
                                                         tmp_path):
    port, folder = free_port(), tmp_path / "metrics"
    env = {**os.environ, "HOTLINE_ENV": "test", "DATABASE_URL": database_url,
           "REDIS_URL": redis_url, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
           "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_API_URL": twilio.url,
           "PUBLIC_URL": PUBLIC_URL, "HOTLINE_NUMBER": HOTLINE, "PORT": str(port),
           "WEB_CONCURRENCY": "2", "WEB_THREADS": "1", "METRICS_TOKEN": TOKEN,
           "LOG_FORMAT": "json",
           "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(tmp_path / "web.log", "w")  # noqa: SIM115 (closed below)
    web = subprocess.Popen([str(gunicorn), "wsgi:app"], cwd=ROOT, env=env, stdout=log,
                           stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not answers(port):
            assert time.monotonic() < deadline, (tmp_path / "web.log").read_text()[-2000:]
            time.sleep(0.1)
        statuses: list[int] = []

        def send(n: int) -> None:
            statuses.extend(post(port) for _ in range(n))

        # Texts at once from several clients, until both workers have measured some (each
        # keeps its own file; which worker takes a connection is the kernel's choice).
        while len(list(folder.glob("histogram_*.db"))) < 2:
            assert len(statuses) < 600, "one worker took every request"
            threads = [threading.Thread(target=send, args=(5,)) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert set(statuses) == {403}  # unsigned: refused, and timed all the same
        for _ in range(4):  # whichever worker answers the scrape, it counts them all
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
            answer = connection.getresponse()
            text = answer.read().decode()
            connection.close()
            assert answer.status == 200
            got = samples(text)
            assert got["hotline_webhook_seconds_count",
                       (("path", "/twilio/sms"), ("status", "403"))] == len(statuses)
    finally:
        web.terminate()
        web.wait(timeout=30)
        log.close()
    # LOG_FORMAT=json: gunicorn's lines and the app's alike, one JSON object each.
    entries = [json.loads(line) for line in (tmp_path / "web.log").read_text().splitlines()
               if line.strip()]
    loggers = {entry["logger"] for entry in entries}
    assert "gunicorn.error" in loggers and "hotline.infra.signature" in loggers, loggers


def test_production_refuses_a_short_metrics_token():
    from hotline.infra import config
    from tests.hotline.test_config import PRODUCTION

    config.check(config.from_env({**PRODUCTION, "METRICS_TOKEN": TOKEN}))
    with pytest.raises(config.ConfigError, match="METRICS_TOKEN must be at least 24"):
        config.check(config.from_env({**PRODUCTION, "METRICS_TOKEN": "secret"}))
