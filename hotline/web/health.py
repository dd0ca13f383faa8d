"""Liveness and readiness for the platform's health checks."""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import text

from hotline.infra import db, keycheck

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process runs."""
    return {"ok": True}


@bp.get("/readyz")
def readyz():
    """The database and Redis both answer, and DATA_KEY opens what is stored."""
    problems = []
    try:
        with db.engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        wrong_key = keycheck.problem(db.engine())
        if wrong_key:
            problems.append(f"data key: {wrong_key}")
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
