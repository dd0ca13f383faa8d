"""The database engine: one per app, SQLite or PostgreSQL, and short transactions over it.

SQLite takes its write lock at BEGIN, so two writers wait for each other instead of failing
half-way; PostgreSQL uses row locks (`locked`) where two workers could touch the same rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine, select

from hotline.infra import accounts, models, shift_records  # noqa: F401  (registers the tables)


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL, with SQLite set up for a web process and a worker."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record):
            dbapi_connection.isolation_level = None
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            dbapi_connection.execute("PRAGMA foreign_keys=ON")
            dbapi_connection.execute("PRAGMA busy_timeout=30000")

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # No pre-ping: a connection the server dropped fails one request (503, so Twilio's
    # fallback keeps the text) and SQLAlchemy then replaces the whole pool.
    return create_engine(
        url, pool_size=5, max_overflow=10, pool_recycle=1800,
        connect_args={"connect_timeout": 5},
    )


def register_db(app: Flask) -> None:
    """Create the app's engine from DATABASE_URL."""
    app.extensions["hotline.engine"] = make_engine(app.config["DATABASE_URL"])


def engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["hotline.engine"]


@contextmanager
def transaction() -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    with Session(engine(), expire_on_commit=False) as session:
        with session.begin():
            yield session


def create_all(bind: Engine) -> None:
    """Create every table directly (tests use migrations; this is for throwaway databases)."""
    SQLModel.metadata.create_all(bind)


def locked(session: Session, model, row_id: int):
    """Load one row and hold its lock (PostgreSQL) until the transaction ends."""
    statement = select(model).where(model.id == row_id).with_for_update(key_share=True)
    return session.exec(statement).one_or_none()


def insert_returning(session: Session, model, **values):
    """Insert a row unless a unique key already holds it, in one round trip; the new row as
    a loaded object of the session, or None when the key was taken."""
    statement = _insert(session)(model).values(**values).on_conflict_do_nothing()
    return session.scalars(statement.returning(model)).first()


def insert_ignoring_conflict(session: Session, model, **values) -> bool:
    """Insert a row unless a unique key already holds it; True when this call inserted it."""
    statement = _insert(session)(model.__table__).values(**values).on_conflict_do_nothing()
    return session.exec(statement).rowcount == 1


def _insert(session: Session):
    """The dialect's INSERT, which knows ON CONFLICT."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
