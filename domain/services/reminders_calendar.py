"""Keeping the working-day calendar table in step with England's bank holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import cache

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from domain.errors import InvalidDate
from domain.models import WorkingDay
from domain.rules.calendar import LONDON
from domain.rules.reminders import CALENDAR_END, CALENDAR_START, working_day_numbers


@cache
def expected_calendar() -> tuple[tuple[tuple[date, int, bool], ...], tuple[int, int]]:
    """The calendar rows the rules give, and their (count, sum of numbers) fingerprint."""
    rows = tuple(working_day_numbers(CALENDAR_START, CALENDAR_END))
    return rows, (len(rows), sum(number for _, number, _ in rows))


def london_midnight(day: date) -> datetime:
    """The first moment of `day` in England, as an aware UTC datetime."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def ensure_working_days(session: Session) -> bool:
    """Write the calendar when it is missing or out of date; True when it was written.

    The fingerprint changes whenever a bank holiday is added or moved, because every
    working-day number after it shifts. Rows are upserted, so two runs doing this at once
    both succeed.
    """
    rows, fingerprint = expected_calendar()
    found = session.exec(select(func.count(), func.sum(WorkingDay.number))).one()
    if tuple(found) == fingerprint:
        return False
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(WorkingDay)
    statement = statement.on_conflict_do_update(
        index_elements=["day"],
        set_={
            "number": statement.excluded.number,
            "is_working": statement.excluded.is_working,
            "starts_at": statement.excluded.starts_at,
        },
    )
    values = [
        {"day": d, "number": n, "is_working": w, "starts_at": london_midnight(d)}
        for d, n, w in rows
    ]
    session.execute(statement, values)
    session.commit()
    return True


def number_of(session: Session, day: date) -> int:
    """The working-day number of `day` as the calendar table holds it."""
    number = session.exec(select(WorkingDay.number).where(WorkingDay.day == day)).first()
    if number is None:
        raise InvalidDate(
            f"day {day.isoformat()} is outside the working-day calendar; give a day from "
            f"{CALENDAR_START.isoformat()} to {CALENDAR_END.isoformat()}"
        )
    return number


def last_day_numbered(session: Session, number: int) -> date:
    """The latest day whose working-day number is at most `number`."""
    found = session.exec(select(func.max(WorkingDay.day)).where(WorkingDay.number <= number)).one()
    return found or CALENDAR_START


def first_moment_numbered_above(session: Session, number: int) -> datetime:
    """The start of the first day whose working-day number is above `number`."""
    found = session.exec(
        select(func.min(WorkingDay.starts_at)).where(WorkingDay.number > number)
    ).one()
    return found or london_midnight(CALENDAR_END)
