"""Offer timing: an offer stays with its responder for all of OFFER_TIMEOUT_SECONDS, and moves
on as soon as that time is up. Checked with the clock set (a timer firing early, as on a worker
whose clock runs ahead) and for real, with `hotline worker` and RQ's scheduler running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from hotline.infra.crypto import phone_hash
from hotline.infra.db import transaction
from hotline.infra.models import Offer, Responder
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN
from tests.hotline.line import ANA, BEN

PERSON = "+15555550123"
SAD = "i feel hopeless and can't get out of bed"  # mental health: Ben first, then Ana
START = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def offer_to(phone: str) -> Offer | None:
    with transaction() as session:
        return session.exec(select(Offer).join(Responder, Responder.id == Offer.responder_id)
                            .where(Responder.phone_hash == phone_hash(phone))).first()


@pytest.mark.parametrize("early", [119, 60, 1])
def test_an_offer_timer_that_fires_early_leaves_the_offer_with_its_responder(line, early):
    line.load()
    with time_machine.travel(START, tick=False) as clock:
        line.text(PERSON, SAD)
        code = line.code_in(BEN)
        clock.shift(120 - early)
        assert line.run_timers_now() == 2  # the offer's timer, and the person's "still here"
        assert line.inbox(ANA) == []
        assert offer_to(BEN).status == "open"
        line.text(BEN, f"YES {code}")
        assert any("is yours" in text for text in line.inbox(BEN))


def test_an_offer_moves_on_once_its_time_is_up_even_after_an_early_timer(line):
    line.load()
    with time_machine.travel(START, tick=False) as clock:
        line.text(PERSON, SAD)
        clock.shift(60)
        line.run_timers_now()  # early: waits out the other 60 s
        clock.shift(61)
        assert line.run_timers_now() == 1
    assert offer_to(BEN).status == "expired"
    assert "ended" in line.last(BEN)
    assert "YES" in line.last(ANA)


def wait_until(condition, timeout: float, every: float = 0.05):
    """Poll `condition` until it returns something truthy; that value, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return None


@pytest.fixture
def worker(app, twilio, tmp_path):
    """`hotline worker` in its own process, on this test's database, Redis and Twilio, with
    a two-second offer timeout."""
    app.config["OFFER_TIMEOUT_SECONDS"] = 2
    env = {**os.environ, "HOTLINE_ENV": "test", "DATABASE_URL": app.config["DATABASE_URL"],
           "REDIS_URL": app.config["REDIS_URL"], "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
           "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_API_URL": twilio.url,
           "PUBLIC_URL": app.config["PUBLIC_URL"], "HOTLINE_NUMBER": app.config["HOTLINE_NUMBER"],
           "OFFER_TIMEOUT_SECONDS": "2", "LOG_LEVEL": "WARNING"}
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-c", "from hotline.cli import main; main()", "worker"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    process.log = log
    yield process
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_with_the_worker_running_an_offer_moves_on_when_its_time_is_up_not_before(line, worker):
    line.load()
    line.text(PERSON, SAD, work=False)
    first = wait_until(lambda: offer_to(BEN), timeout=20)
    assert first is not None, worker.log.read_text()
    assert abs(first.expires_at - first.created_at - timedelta(seconds=2)) < timedelta(seconds=1)
    second = wait_until(lambda: offer_to(ANA), timeout=15)
    assert second is not None, "the offer stayed with Ben after its time"
    assert second.created_at >= first.expires_at  # not a moment early
    assert second.created_at - first.expires_at < timedelta(seconds=5)  # nor long after
    assert wait_until(lambda: any("YES" in b for b in line.inbox(ANA)), timeout=10)
    assert wait_until(lambda: any("ended" in b for b in line.inbox(BEN)), timeout=10)
