"""The demo app (development, no Twilio, no Redis, the demo roster) served on a free port in a
thread, as `scripts/demo` serves it: what the browser tests drive."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

import hotline
from hotline.app import create_app

DEMO_ROSTER = Path(hotline.__file__).parent / "demo" / "roster.yaml"


@contextmanager
def serve_demo(tmp_path: Path, **config: object) -> Iterator[tuple[Flask, str]]:
    """The app and its base URL (ending in /), with `config` on top of the demo's settings."""
    from hotline.cases import rosters
    from hotline.infra.db import transaction
    from hotline.infra.migrate import upgrade

    app = create_app({"HOTLINE_ENV": "development", "REDIS_URL": None,
                      "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite",
                      "TWILIO_ACCOUNT_SID": None, "TWILIO_AUTH_TOKEN": None, **config})
    with app.app_context():
        upgrade()
        with transaction() as session:
            rosters.import_roster(session, rosters.read_document(DEMO_ROSTER.read_text()))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions["hotline.engine"].dispose()
