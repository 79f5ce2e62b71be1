"""What every command needs: a migrated database session, the moment, and who is acting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TypedDict

from pydantic import ValidationError
from sqlalchemy import inspect
from sqlmodel import Session

from domain.accounts.people import actor_for, authority_named, get_person
from domain.dates import parse_date
from domain.errors import InvalidDate
from domain.permissions import SYSTEM, Actor
from domain.reminders.rules import CALENDAR_END, CALENDAR_START
from infra import clock
from infra.db import engine_for, session_scope
from infra.migrate import upgrade
from infra.settings import get_settings, prepare_var_dir

_checked: set[str] = set()


def settings_problem() -> str | None:
    """Why the settings cannot be used, in one line, or None: each CLOSEOUT_* value must
    parse, and the var folder is made (owner-only) when it is missing, for every command."""
    try:
        settings = get_settings()
    except ValidationError as invalid:
        first = invalid.errors()[0]
        name = "CLOSEOUT_" + "_".join(str(part) for part in first["loc"]).upper()
        return f"{name} {first.get('input')!r} is not valid: {first['msg']}"
    try:
        prepare_var_dir(settings)
    except OSError as problem:
        why = problem.strerror or str(problem)
        return (
            f"CLOSEOUT_VAR_DIR {str(settings.var_dir)!r} cannot be made a folder ({why}); "
            "name a folder Closeout may create and write to"
        )
    return None


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


def authority_id_of(session: Session, name_or_id: str | None) -> int | None:
    """The id of the authority an --authority option names (None when none is named); an
    unknown one is refused listing the recorded names, as the command line acts as SYSTEM."""
    if not name_or_id:
        return None
    return authority_named(session, name_or_id, known_to=SYSTEM).id


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


def checked_day(day: date | None, *, future: bool) -> date | None:
    """The day to check, refused when the calendar does not hold it, or when it is still to
    come and no replay was asked for."""
    today = clock.today()
    if day is None:
        return None
    if not CALENDAR_START <= day <= CALENDAR_END:
        raise InvalidDate(
            f"--as-of {day.isoformat()} is outside the working-day calendar; give a day from "
            f"{CALENDAR_START.isoformat()} to {CALENDAR_END.isoformat()}"
        )
    if day > today and not future:
        raise InvalidDate(
            f"--as-of {day.isoformat()} is after today ({today.isoformat()}); add --future to "
            "replay it (it sends real messages) or --dry-run to see what it would send"
        )
    return day
