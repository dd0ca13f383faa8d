"""The web process as the Procfile runs it (`gunicorn wsgi:app` with gunicorn.conf.py):
clients that send their request bodies slowly cannot hold every worker, so a real text from
Twilio still gets its answer at once."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from scripts.harness.procs import free_port
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN, HOTLINE
from tests.hotline.line import PUBLIC_URL

ROOT = Path(__file__).resolve().parents[2]


def answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def slow_client(port: int) -> socket.socket:
    """A client that starts a signed-looking POST (so its body must be read to check the
    signature) and then sends that body one byte at a time, slowly."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /twilio/sms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                 b"X-Twilio-Signature: c2lnbmVkLWxvb2tpbmc=\r\n"
                 b"Content-Length: 60000\r\n\r\nB")
    return sock


def test_slow_clients_cannot_hold_every_web_worker(database_url, redis_url, twilio, tmp_path):
    port = free_port()
    env = {**os.environ, "HOTLINE_ENV": "test", "DATABASE_URL": database_url,
           "REDIS_URL": redis_url, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
           "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_API_URL": twilio.url,
           "PUBLIC_URL": PUBLIC_URL, "HOTLINE_NUMBER": HOTLINE, "PORT": str(port),
           "WEB_CONCURRENCY": "2"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(tmp_path / "web.log", "w")  # noqa: SIM115 (closed below)
    web = subprocess.Popen([str(gunicorn), "wsgi:app"], cwd=ROOT, env=env, stdout=log,
                           stderr=subprocess.STDOUT)
    slow: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 30
        while not answers(port):
            assert time.monotonic() < deadline, (tmp_path / "web.log").read_text()[-2000:]
            time.sleep(0.1)
        slow = [slow_client(port) for _ in range(6)]  # more than the processes there are
        trickling = threading.Event()

        def trickle():  # each slow client keeps sending a byte every half second
            while not trickling.wait(0.5):
                for sock in slow:
                    try:
                        sock.sendall(b"o")
                    except OSError:
                        pass

        threading.Thread(target=trickle, daemon=True).start()
        time.sleep(1)
        form = {"MessageSid": "SM" + "5" * 32, "AccountSid": ACCOUNT_SID,
                "From": "+15555550123", "To": HOTLINE, "Body": "i relapsed and need help"}
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + "/twilio/sms",
                                                                  form)
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/twilio/sms", urlencode(form), {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature})
        status = connection.getresponse().status
        took = time.monotonic() - started
        connection.close()
    finally:
        if slow:
            trickling.set()
        for sock in slow:
            sock.close()
        web.terminate()
        web.wait(timeout=30)
        log.close()
    assert status == 200
    # Held behind them, it would wait for a worker to be killed (gunicorn's 30 s timeout).
    assert took < 15, f"a real text waited {took:.1f}s behind slow clients"
