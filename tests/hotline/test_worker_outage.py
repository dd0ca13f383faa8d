"""`hotline worker` rides out a Redis outage: it waits, reconnects with backoff, and carries
on with the work that comes after, without anybody restarting it. The worker runs as its own
process against a Redis server of this test's own, which the test kills and starts again."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hotline.app import create_app
from scripts.harness.procs import free_port, wait_until
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN, HOTLINE
from tests.hotline.line import BEN, CY, Line

PERSON = "+15555550123"
FIRST = "+15555550124"

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="needs a redis-server binary to stop and start")


def start_redis(port: int) -> subprocess.Popen:
    server = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port),
                               "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: _answers(port), 10, "redis-server to answer")
    return server


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.parametrize("outage", ["restarted empty", "hung"])
def test_the_worker_carries_on_after_redis_goes_away_and_comes_back(database_url, twilio,
                                                                     tmp_path, outage):
    port = free_port()
    redis_url = f"redis://127.0.0.1:{port}/0"
    config = {"HOTLINE_ENV": "test", "DATABASE_URL": database_url, "REDIS_URL": redis_url,
              "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
              "TWILIO_API_URL": twilio.url, "PUBLIC_URL": "https://line.example.org",
              "HOTLINE_NUMBER": HOTLINE}
    env = {**os.environ, **{k: str(v) for k, v in config.items()}}
    redis = start_redis(port)
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 (closed below)
    hotline = Path(sys.executable).with_name("hotline")  # the console script beside python
    worker = subprocess.Popen([str(hotline), "worker"], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    app = create_app(config)
    try:
        with app.app_context():
            line = Line(app, twilio, AUTH_TOKEN)
            line.load()
            wait_until(lambda: b"Listening on" in (tmp_path / "worker.log").read_bytes(), 30,
                       "worker listening")
            twilio.stall_next(1, seconds=4)  # the first send hangs: a job is running...
            line.text(FIRST, "my anxiety is really bad tonight", work=False)
            wait_until(lambda: twilio.requests, 30, "the worker's first send to start")
            if outage == "hung":  # ...when Redis stops answering, for longer than a timeout
                redis.send_signal(signal.SIGSTOP)
                time.sleep(12)
                assert worker.poll() is None, "the worker exited when Redis hung"
                redis.send_signal(signal.SIGCONT)
            else:  # ...when Redis goes away, and comes back empty
                redis.send_signal(signal.SIGKILL)
                redis.wait()
                time.sleep(6)  # the job ends; the worker's next calls to Redis fail
                assert worker.poll() is None, "the worker exited when Redis went away"
                redis = start_redis(port)
            line.text(PERSON, "i relapsed and need help", work=False)
            wait_until(lambda: any("substance use" in body
                                   for body in line.inbox(BEN) + line.inbox(CY)), 45,
                       "an offer sent by the worker after Redis came back")
            assert worker.poll() is None
    finally:
        app.extensions["hotline.engine"].dispose()
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        redis.kill()
        redis.wait()
        log.close()
    assert worker.returncode is not None  # and it still stops when asked to
