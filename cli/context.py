"""What every command needs: a migrated database session, the moment, and who is acting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TypedDict

from sqlalchemy import inspect
from sqlmodel import Session

from domain.accounts.people import actor_for, get_person
from domain.dates import parse_date
from domain.permissions import Actor
from infra import clock
from infra.db import engine_for, session_scope
from infra.migrate import upgrade
from infra.settings import get_settings

_checked: set[str] = set()


@contextmanager
def open_session() -> Iterator[Session]:
    """A session on the configured database, migrating it first if it was never set up."""
    engine = engine_for(get_settings().sqlalchemy_url)
    key = str(engine.url)
    if key not in _checked:
        if not inspect(engine).has_table("alembic_version"):
            upgrade(engine.url.render_as_string(hide_password=False))
        _checked.add(key)
    with session_scope(engine) as session:
        yield session


def as_of_date(value: str | None) -> date | None:
    """The --as-of option as a date (None for today)."""
    return parse_date(value, "--as-of") if value else None


def optional_date(value: str | None, option: str) -> date | None:
    return parse_date(value, option) if value else None


def actor(session: Session, email: str) -> Actor:
    """The person named by --by, as an Actor."""
    return actor_for(session, get_person(session, email))


class Acting(TypedDict):
    """What a command passes each use case it calls: the moment, and who acts."""

    now: datetime
    by: Actor


@contextmanager
def acting_as(who: Actor | str) -> Iterator[tuple[Session, Acting]]:
    """A session, with the moment and the actor its use cases are given: `who` is SYSTEM for
    an administrative command, or the email a --by option names."""
    with open_session() as session:
        by = actor(session, who) if isinstance(who, str) else who
        yield session, Acting(now=clock.now(), by=by)
