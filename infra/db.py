"""Database engines and sessions, created on first use: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

import domain.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from infra.private_files import touch_private

T = TypeVar("T")
log = logging.getLogger("closeout.db")


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


def write_patiently(
    engine: Engine,
    write: Callable[[Session], T],
    *,
    patience_seconds: float,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> T:
    """`write(session)` in a transaction, tried again while the database cannot be reached
    (a restart, a failover) for up to `patience_seconds`, then the last error is raised.

    For what must be recorded once it has happened elsewhere (a message already sent): a
    short outage then delays the record instead of losing it, which would send it again.
    `write` must do all its work inside the session, so a second try starts afresh.
    """
    started, pause = monotonic(), 0.5
    while True:
        try:
            with session_scope(engine) as session:
                return write(session)
        except OperationalError as exc:
            if monotonic() - started + pause > patience_seconds:
                raise
            log.warning("database unreachable, recording again in %.1f s: %s", pause, exc.orig)
            sleep(pause)
            pause = min(pause * 2, 5.0)
