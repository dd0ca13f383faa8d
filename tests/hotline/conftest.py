"""Real parts for the shell's tests: a database per test, Redis, and a Twilio-compatible server.

- SQLite: a file per test, copied from one migrated template. PostgreSQL, when
  TEST_DATABASE_URL names a server: a fresh database for this run, migrated once, emptied
  between tests, dropped at the end.
- Redis: TEST_REDIS_URL (default the local server) on a db number this run holds, flushed
  around each test; `fakeredis://` runs an in-process one.
- Twilio: scripts/harness/twilio_server.py, with the real SDK pointed at it and webhooks
  signed by the SDK's own RequestValidator.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

import hotline
from hotline.app import create_app
from hotline.infra.db import make_engine
from hotline.infra.queue import redis_connection
from scripts.harness.redis_claim import flush_keeping_claim, held_db
from scripts.harness.twilio_server import TwilioServer
from tests.hotline.line import Line

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "test-auth-token"
HOTLINE = "+15550100000"


def _migrate(url: str) -> None:
    from hotline.infra.migrate import upgrade

    app = create_app({"HOTLINE_ENV": "test", "DATABASE_URL": url, "REDIS_URL": None})
    with app.app_context():
        upgrade()
    app.extensions["hotline.engine"].dispose()


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


@pytest.fixture(scope="session")
def database_server(tmp_path_factory):
    """A migrated database for this run: (kind, url)."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        template = tmp_path_factory.mktemp("db") / "template.sqlite"
        _migrate(f"sqlite:///{template}")
        yield "sqlite", str(template)
        return
    server = server.replace("postgres://", "postgresql+psycopg://", 1).replace(
        "postgresql://", "postgresql+psycopg://", 1)
    name = f"hotline_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = _with_database(server, name)
    _migrate(url)
    yield "postgresql", url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def database_url(database_server, tmp_path):
    """This test's own empty database."""
    kind, where = database_server
    if kind == "sqlite":
        path = tmp_path / "hotline.sqlite"
        shutil.copy(where, path)
        return f"sqlite:///{path}"
    engine = make_engine(where)
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return where


@pytest.fixture(scope="session")
def redis_base():
    """A Redis URL on a db number no other run (of the tests or of scripts/) is using."""
    base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
    if base.startswith("fakeredis"):
        yield "fakeredis://0"
        return
    base = base.rstrip("/").rsplit("/", 1)[0] if base.count("/") > 2 else base.rstrip("/")
    try:
        with held_db(base, connect=redis_connection) as number:
            yield f"{base}/{number}"
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture
def redis_url(redis_base):
    """Redis for one test, flushed before and after."""
    connection = redis_connection(redis_base)
    flush_keeping_claim(connection)
    yield redis_base
    flush_keeping_claim(connection)
    connection.close()


@pytest.fixture(autouse=True)
def _no_remembered_resources():
    """Each test starts without this process's memory of another test's line resources."""
    from hotline.cases import rosters

    rosters._known_resources.clear()


@pytest.fixture(scope="session")
def twilio_server():
    """The Twilio-compatible HTTP server the real SDK talks to."""
    with TwilioServer(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as server:
        yield server


@pytest.fixture
def twilio(twilio_server):
    """The Twilio server, emptied for this test."""
    twilio_server.clear()
    return twilio_server


@pytest.fixture
def app(database_url, redis_url, twilio):
    """The hotline, configured as in production but for its test services."""
    app = create_app({
        "HOTLINE_ENV": "test",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_API_URL": twilio.url,
        "PUBLIC_URL": "https://line.example.org",
        "HOTLINE_NUMBER": HOTLINE,
        "OFFER_TIMEOUT_SECONDS": 120,
    })
    with app.app_context():
        yield app
    app.extensions["hotline.engine"].dispose()


@pytest.fixture
def line(app, twilio):
    """Drive the line as Twilio would: signed webhooks in, the queue worked, texts out.

    Afterwards, whatever the test did: no text the line sent showed anyone else's number."""
    driver = Line(app, twilio, AUTH_TOKEN)
    yield driver
    driver.assert_no_number_shown()


DEMO_ROSTER = Path(hotline.__file__).parent / "demo" / "roster.yaml"


@pytest.fixture
def demo(tmp_path):
    """The simulator's app: development, no Twilio, no Redis, the demo roster, as
    `scripts/demo` runs it. Its test client."""
    from hotline.cases import rosters
    from hotline.infra.db import transaction
    from hotline.infra.migrate import upgrade

    app = create_app({
        "HOTLINE_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite",
        "REDIS_URL": None,
        "TWILIO_ACCOUNT_SID": None,
        "TWILIO_AUTH_TOKEN": None,
    })
    with app.app_context():
        upgrade()
        with transaction() as session:
            rosters.import_roster(session, rosters.read_document(DEMO_ROSTER.read_text()))
    yield app.test_client()
    app.extensions["hotline.engine"].dispose()
