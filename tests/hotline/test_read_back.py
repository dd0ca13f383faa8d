"""A text the fallback answered is not lost when Redis loses it: Twilio keeps every text it
received, and the worker reads them back from its Messages list. Each test runs the line on
a Redis server of its own, which it kills and starts again empty."""

from __future__ import annotations

import shutil

import pytest
from sqlmodel import func, select

from hotline.app import create_app
from hotline.infra.db import transaction
from hotline.infra.models import Case, InboundMessage
from hotline.sms import parked
from hotline.worker.sweep import sweep
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN, HOTLINE
from tests.hotline.line import BEN, CY, Line
from tests.hotline.test_worker_outage import free_port, start_redis

PERSON = "+15555550123"
OTHER = "+15555550124"

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="needs a redis-server binary to kill and start")


@pytest.fixture
def own_redis():
    port = free_port()
    server = start_redis(port)
    holder = {"server": server, "port": port}
    yield holder
    holder["server"].kill()
    holder["server"].wait()


def restart_empty(own_redis) -> None:
    own_redis["server"].kill()  # kill -9: no snapshot, nothing kept
    own_redis["server"].wait()
    own_redis["server"] = start_redis(own_redis["port"])


@pytest.fixture
def line(database_url, twilio, own_redis):
    app = create_app({
        "HOTLINE_ENV": "test", "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{own_redis['port']}/0",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_API_URL": twilio.url, "PUBLIC_URL": "https://line.example.org",
        "HOTLINE_NUMBER": HOTLINE, "OFFER_TIMEOUT_SECONDS": 120})
    with app.app_context():
        driver = Line(app, twilio, AUTH_TOKEN)
        yield driver
        driver.assert_no_number_shown()
    app.extensions["hotline.engine"].dispose()


def via_fallback(line, sender: str, body: str, sid: str) -> None:
    """A text that reached Twilio (which keeps it) and then only the fallback URL."""
    line.twilio.receive(sid, sender, line.number, body)
    form = {"MessageSid": sid, "AccountSid": "AC" + "1" * 32, "From": sender,
            "To": line.number, "Body": body, "NumMedia": "0"}
    response = line.post("/twilio/fallback", form)
    assert response.status_code == 200
    assert "988" in response.get_data(as_text=True)  # the person got the resources


def stored(sid: str) -> int:
    with transaction() as session:
        return session.exec(select(func.count()).select_from(InboundMessage)
                            .where(InboundMessage.sid == sid)).one()


def cases() -> int:
    with transaction() as session:
        return session.exec(select(func.count()).select_from(Case)).one()


def test_a_parked_text_lost_with_redis_is_read_back_from_twilio(line, own_redis):
    line.load()
    line.text(OTHER, "my anxiety is really bad tonight")  # stored the usual way
    sweep()
    offers = len(line.twilio.messages)
    via_fallback(line, PERSON, "i relapsed and need help", "SM" + "7" * 32)
    assert line.app.extensions["hotline.redis"].llen(parked.FALLBACK_KEY) == 1
    restart_empty(own_redis)  # before any worker stored it: the parked text is gone
    assert line.app.extensions["hotline.redis"].llen(parked.FALLBACK_KEY) == 0
    sweep()
    line.work()
    assert stored("SM" + "7" * 32) == 1
    assert any("substance use" in body for body in line.inbox(BEN) + line.inbox(CY))
    assert cases() == 2  # the text stored before was not taken for a new one
    assert len(line.twilio.messages) > offers
    sweep()  # read back again: nothing is stored or sent twice
    line.work()
    assert stored("SM" + "7" * 32) == 1 and cases() == 2


def test_a_text_neither_store_could_take_is_read_back_once_redis_is_back(line, own_redis):
    line.load()
    own_redis["server"].kill()
    own_redis["server"].wait()
    via_fallback(line, PERSON, "i relapsed and need help", "SM" + "8" * 32)  # nowhere to park
    own_redis["server"] = start_redis(own_redis["port"])
    sweep()
    line.work()
    assert stored("SM" + "8" * 32) == 1
    assert any("substance use" in body for body in line.inbox(BEN) + line.inbox(CY))
