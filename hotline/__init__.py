"""The hotline's web, queue and database shell around the `routing` engine."""

from __future__ import annotations

import logging
import os

from flask import Flask

from hotline import config as settings


def create_app(config: dict | None = None) -> Flask:
    """Build the app from the environment, with `config` overriding it (tests, the demo)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(settings.from_env(instance_path=app.instance_path))
    app.config.update(config or {})
    settings.check(app.config)
    register_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    return app


def register_logging(app: Flask) -> None:
    """Plain log lines on stderr; they never carry a message body or a full number."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=os.environ.get("LOG_LEVEL", "INFO"),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)  # request dumps


def register_extensions(app: Flask) -> None:
    """The database engine and the queue."""
    from hotline import crypto
    from hotline.db import register_db
    from hotline.queue import register_queue

    crypto.configure(app.config["DATA_KEY"])
    register_db(app)
    register_queue(app)


def register_blueprints(app: Flask) -> None:
    """Webhooks, health checks and, in development, the phone simulator."""
    from hotline import health, voice, webhooks

    app.register_blueprint(webhooks.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(health.bp)
    if app.config["HOTLINE_ENV"] == "development" and not app.config["TWILIO_ACCOUNT_SID"]:
        from hotline import simulator

        app.register_blueprint(simulator.bp)


def register_errorhandlers(app: Flask) -> None:
    """A database or Redis that went away gets 503, so Twilio turns to the fallback URL."""
    from redis.exceptions import RedisError
    from sqlalchemy.exc import DBAPIError, OperationalError

    def unavailable(error):
        app.logger.error("service unavailable: %s", type(error).__name__)
        return {"error": "temporarily unavailable"}, 503

    app.register_error_handler(OperationalError, unavailable)
    app.register_error_handler(DBAPIError, unavailable)
    app.register_error_handler(RedisError, unavailable)
