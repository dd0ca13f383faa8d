"""The coordinator console: sign-in, the Now page of each line, the audit log, invitations,
and a responder's own page (their shifts, ON/OFF and languages).

`register(app)` adds it to the app: server-side sessions, CSRF, the blueprint. Every route
goes through `guard.allow` (or is marked `guard.public`); see docs/console.md.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from hotline.console import routes  # noqa: F401  (the views join the blueprint)
from hotline.console.blueprint import bp
from hotline.console.guard import csrf
from hotline.console.sessions import ServerSessionInterface
from hotline.console.store import register_store
from hotline.console.text import t


def register(app: Flask) -> None:
    """Server-side sessions, CSRF checked on every console form, and the console's routes."""
    register_store(app)
    app.session_interface = ServerSessionInterface()
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # checked by the console's guard
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a token lives as long as its session
    csrf.init_app(app)
    if app.config.get("PROXY_HOPS"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"],
                                x_proto=app.config["PROXY_HOPS"])
    app.jinja_env.globals["t"] = t
    app.jinja_env.filters["localtime"] = lambda seconds: datetime.fromtimestamp(
        seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")
    app.register_blueprint(bp)
