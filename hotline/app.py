"""The app factory: a short list of `register_*` calls over the shell's parts."""

from __future__ import annotations

import os

from flask import Flask
from redis.exceptions import RedisError
from sqlalchemy.exc import DBAPIError, OperationalError

from hotline import console
from hotline.infra import config as settings
from hotline.infra import crypto, keycheck, logs
from hotline.infra.db import register_db
from hotline.infra.queue import register_queue
from hotline.simulator import views as simulator
from hotline.web import calendar, fallback, health, metrics, sms, voice


def create_app(config: dict | None = None) -> Flask:
    """Build the app from the environment, with `config` overriding it (tests, the demo)."""
    app = Flask(__name__, instance_relative_config=True)
    environ = dict(os.environ)
    if config and config.get("HOTLINE_ENV"):  # its defaults follow the environment asked for
        environ["HOTLINE_ENV"] = config["HOTLINE_ENV"]
    app.config.update(settings.from_env(environ, instance_path=app.instance_path))
    app.config.update(config or {})
    settings.check(app.config)
    register_logging(app)
    register_extensions(app)
    wrong_key = keycheck.problem(app.extensions["hotline.engine"])
    if wrong_key:
        app.extensions["hotline.engine"].dispose()
        raise settings.ConfigError(wrong_key)
    register_blueprints(app)
    register_errorhandlers(app)
    return app


def register_logging(app: Flask) -> None:
    """Log lines on stderr, plain or JSON (LOG_FORMAT); never a message body or a full
    number (see hotline/infra/logs.py)."""
    logs.configure(app.config["LOG_FORMAT"], os.environ.get("LOG_LEVEL", "INFO"))


def register_extensions(app: Flask) -> None:
    """The database engine and the queue."""
    crypto.configure(app.config["DATA_KEY"])
    register_db(app)
    register_queue(app)


def register_blueprints(app: Flask) -> None:
    """Webhooks, health checks, /metrics, the console and, in development on a local database, the
    simulator."""
    app.register_blueprint(sms.bp)
    app.register_blueprint(fallback.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(metrics.bp)
    app.register_blueprint(calendar.bp)
    console.register(app)
    if simulator_allowed(app.config):
        app.register_blueprint(simulator.bp)


def simulator_allowed(config) -> bool:
    """The simulator shows every number and text unsigned: only HOTLINE_ENV=development
    without Twilio, on a SQLite file of this machine."""
    return (config["HOTLINE_ENV"] == "development" and not config["TWILIO_ACCOUNT_SID"]
            and str(config["DATABASE_URL"]).startswith("sqlite"))


def register_errorhandlers(app: Flask) -> None:
    """A database or Redis that went away gets 503, so Twilio turns to the fallback URL."""

    def unavailable(error):
        app.logger.error("service unavailable: %s", type(error).__name__)
        return {"error": "temporarily unavailable"}, 503

    app.register_error_handler(OperationalError, unavailable)
    app.register_error_handler(DBAPIError, unavailable)
    app.register_error_handler(RedisError, unavailable)
