"""The services one run of a script uses, all on 127.0.0.1 and all its own.

A throwaway PostgreSQL database, a Redis db number flushed before and after (and locked, so two
runs never share it), contract §2's settings with fresh secrets, and the Twilio-compatible
server (`twilio_server.py`). Kept apart from `procs` because these need the venv's packages.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from scripts.harness.procs import ROOT, VENV, Processes, wait_http
from scripts.harness.redis_claim import flush_keeping_claim, held_db

ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_BASE = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379"

# Every variable of contract §2 (and gunicorn's own): the scripts set them, never inherit them.
APP_VARIABLES = (
    "HOTLINE_ENV", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DATA_KEY", "HOTLINE_NUMBER",
    "PUBLIC_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_URL",
    "OFFER_TIMEOUT_SECONDS", "CHECKIN_AFTER_SECONDS", "MENU_TIMEOUT_SECONDS", "WEB_CONCURRENCY",
    "WEB_THREADS",
    "PORT",
    "GUNICORN_CMD_ARGS", "TWILIO_EDGE", "TWILIO_REGION", "LOG_LEVEL",
)


@contextmanager
def scratch_database(prefix: str, keep: bool = False) -> Iterator[str]:
    """A new, empty PostgreSQL database for one run (dropped after, unless `keep`)."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        if keep:
            print(f"kept database {base}/{name}")
        else:
            with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_redis(db: int) -> Iterator[str]:
    """A Redis db number of our own (`db` when free), held against every other run on this
    machine, tests included (scripts/harness/redis_claim.py), and flushed before and after."""
    from redis import Redis

    with held_db(REDIS_BASE, prefer=(db,)) as number:
        url = f"{REDIS_BASE}/{number}"
        client = Redis.from_url(url, socket_connect_timeout=3)
        flush_keeping_claim(client)
        try:
            yield url
        finally:
            client.flushdb()
            client.close()


class Settings:
    """Contract §2's environment for one run: every secret fresh, every URL on 127.0.0.1."""

    def __init__(self, database_url: str, redis_url: str, twilio_url: str, web_port: int,
                 **extra: str) -> None:
        self.account_sid = "AC" + secrets.token_hex(16)
        self.auth_token = secrets.token_hex(16)
        self.number = "+15005550006"
        self.web_port = web_port
        self.public_url = f"http://127.0.0.1:{web_port}"
        self.values = {
            "HOTLINE_ENV": "production",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "SECRET_KEY": secrets.token_urlsafe(32),
            "DATA_KEY": secrets.token_urlsafe(32),
            "HOTLINE_NUMBER": self.number,
            "PUBLIC_URL": self.public_url,
            "TWILIO_ACCOUNT_SID": self.account_sid,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "TWILIO_API_URL": twilio_url,
            "PORT": str(web_port),
            **extra,
        }

    def env(self, **changes: str | None) -> dict[str, str]:
        """The process environment: ours over the inherited one, .venv/bin first on PATH."""
        env = {k: v for k, v in os.environ.items() if k not in APP_VARIABLES}
        env.update(self.values)
        for key, value in changes.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        # this checkout's code, whichever checkout the venv's editable install points at
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        env["PYTHONUNBUFFERED"] = "1"
        return env


def start_twilio(processes: Processes, settings_sid: str, token: str, port: int,
                 callbacks: bool = False) -> tuple[str, subprocess.Popen]:
    """Start the fake Twilio (twilio_server.py) on `port`; its URL and process once it answers."""
    argv = [str(VENV / "bin" / "python"), "-m", "scripts.harness.twilio_server", "--host",
            "127.0.0.1",
            "--port", str(port), "--account-sid", settings_sid, "--auth-token", token]
    if callbacks:
        argv.append("--callbacks")
    env = {k: v for k, v in os.environ.items() if k not in APP_VARIABLES}
    process = processes.start("twilio", argv, env)
    wait_http(port, "/_fake/messages", timeout=20, process=process)
    return f"http://127.0.0.1:{port}", process
