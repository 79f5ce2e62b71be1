"""Keeping the working-day calendar table in step with England's bank holidays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from domain.calendar import LONDON, is_working_day
from domain.errors import InvalidDate
from domain.reminders.models import WorkingDay
from domain.reminders.rules import CALENDAR_END, CALENDAR_START, working_day_numbers

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
    """Whether the table holds every day and agrees with the rules around `today`: the same
    days off, and numbers that step by one on working days and stand still on others."""
    total = (CALENDAR_END - CALENDAR_START).days + 1
    if session.exec(select(func.count()).select_from(WorkingDay)).one() != total:
        return False
    start = max(CALENDAR_START, today - timedelta(days=CHECKED_BEFORE))
    end = min(CALENDAR_END, today + timedelta(days=CHECKED_AFTER))
    window = (col(WorkingDay.day) >= start, col(WorkingDay.day) <= end)
    days_off = session.exec(
        select(col(WorkingDay.day)).where(*window, col(WorkingDay.is_working).is_(False))
    ).all()
    expected_off = [
        start + timedelta(days=n)
        for n in range((end - start).days + 1)
        if not is_working_day(start + timedelta(days=n))
    ]
    if sorted(days_off) != expected_off:
        return False
    step = col(WorkingDay.number) - func.lag(col(WorkingDay.number)).over(
        order_by=col(WorkingDay.day)
    )
    steps = select(step.label("step"), col(WorkingDay.is_working)).where(*window).subquery()
    wrong = session.exec(
        select(func.count())
        .select_from(steps)
        .where(
            steps.c.step.is_not(None),
            steps.c.step != case((steps.c.is_working, 1), else_=0),
        )
    ).one()
    return wrong == 0


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
