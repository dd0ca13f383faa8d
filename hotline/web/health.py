"""Liveness and readiness for the platform's health checks."""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import text

from hotline.infra import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process runs."""
    return {"ok": True}


@bp.get("/readyz")
def readyz():
    """The database and Redis both answer."""
    problems = []
    try:
        with db.engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        problems.append(f"database: {type(error).__name__}")
    redis = current_app.extensions.get("hotline.redis")
    if redis is not None:
        try:
            redis.ping()
        except Exception as error:
            problems.append(f"redis: {type(error).__name__}")
    if problems:
        return {"ok": False, "problems": problems}, 503
    return {"ok": True}
