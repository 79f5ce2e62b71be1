"""Bringing a database's schema up to date with the Alembic migrations in infra/migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from infra.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config for `url` (default: the configured database)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url or get_settings().sqlalchemy_url)
    return config


def upgrade(url: str | None = None) -> None:
    """Apply every migration not yet applied (every head, so parallel branches all land)."""
    command.upgrade(alembic_config(url), "heads")


def revision(message: str, url: str | None = None) -> None:
    """Write a new migration from the difference between the tables and the database."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
