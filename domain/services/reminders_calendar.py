"""Keeping the working-day calendar table in step with England's bank holidays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from domain.errors import InvalidDate
from domain.models import WorkingDay
from domain.rules.calendar import LONDON, is_working_day
from domain.rules.reminders import CALENDAR_END, CALENDAR_START, working_day_numbers

# The stretch of days, around the day of a run, checked against the rules on every run.
CHECKED_BEFORE = 400
CHECKED_AFTER = 800


def london_midnight(day: date) -> datetime:
    """The first moment of `day` in England, as an aware UTC datetime."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def ensure_working_days(session: Session, today: date) -> bool:
    """Write the calendar when it is incomplete or disagrees with the rules; True if written.

    Checking every day back to 2000 would cost each run a tenth of a second, so the check
    covers the days around `today`, where a newly announced or moved bank holiday matters: a
    day whose working status changed, or a number that does not step by the working days
    between, means the calendar is rebuilt. Rows are upserted, so two runs doing this at once
    both succeed.
    """
    if not _is_current(session, today):
        _write(session, working_day_numbers(CALENDAR_START, CALENDAR_END))
        return True
    return False


def _is_current(session: Session, today: date) -> bool:
    """Whether the table holds every day and agrees with the rules around `today`."""
    total = (CALENDAR_END - CALENDAR_START).days + 1
    if session.exec(select(func.count()).select_from(WorkingDay)).one() != total:
        return False
    start = max(CALENDAR_START, today - timedelta(days=CHECKED_BEFORE))
    end = min(CALENDAR_END, today + timedelta(days=CHECKED_AFTER))
    stored = session.exec(
        select(col(WorkingDay.day), col(WorkingDay.number), col(WorkingDay.is_working))
        .where(col(WorkingDay.day) >= start, col(WorkingDay.day) <= end)
        .order_by(col(WorkingDay.day))
    ).all()
    previous = None
    for day, number, working in stored:
        if working != is_working_day(day):
            return False
        if previous is not None and number != previous + working:
            return False
        previous = number
    return True


def _write(session: Session, rows: Sequence[tuple[date, int, bool]]) -> None:
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
