"""Database engines and sessions, created on first use: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

import domain.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from infra.private_files import touch_private


def make_engine(url: str, *, exact_transactions: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys switched on.

    `exact_transactions` makes SQLite's transactions begin exactly when SQLAlchemy begins
    them, as savepoints inside a transaction that is rolled back need (a dry run). Python's
    driver otherwise begins them itself, at its first write, and reads outside them.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not _is_uri(parsed.database):
        touch_private(Path(parsed.database))  # owner-only, as SQLite's journals will be
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _tune(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        if exact_transactions:
            dbapi_connection.isolation_level = None

    if exact_transactions:

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine


def _is_uri(database: str) -> bool:
    """Whether SQLite is given a file: URI (opened as SQLite parses it, left alone here)."""
    return database.startswith("file:")


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """The engine for `url`, made once per process so its connection pool is shared."""
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that rolls back whatever was not committed when it closes."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()
