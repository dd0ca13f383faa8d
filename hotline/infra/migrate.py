"""Migrations with Alembic, run by `hotline db upgrade` (the Procfile's release step)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from hotline.infra import db

MIGRATIONS = Path(__file__).parent.parent / "migrations"


def alembic_config() -> Config:
    """Alembic's settings, pointing at the app's database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = db.engine()
    return config


def upgrade(revision: str = "head") -> None:
    """Bring the database to the newest schema."""
    command.upgrade(alembic_config(), revision)
