"""The working-day calendar table: written once, checked each run, rebuilt when it disagrees."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from domain.reminders.calendar_table import ensure_working_days, number_of
from domain.reminders.models import WorkingDay
from domain.reminders.rules import working_day_number

TODAY = date(2026, 6, 1)


def test_the_calendar_is_written_once_and_then_left_alone(session: Session) -> None:
    assert ensure_working_days(session, TODAY) is True
    assert ensure_working_days(session, TODAY) is False
    assert number_of(session, TODAY) == working_day_number(TODAY)


def test_a_calendar_that_disagrees_with_the_bank_holidays_is_rebuilt(session: Session) -> None:
    ensure_working_days(session, TODAY)
    # As if the calendar had been written before the late May bank holiday was known.
    holiday = session.exec(select(WorkingDay).where(WorkingDay.day == date(2026, 5, 25))).one()
    holiday.is_working = True
    session.add(holiday)
    session.commit()

    assert ensure_working_days(session, TODAY) is True

    session.expire_all()
    restored = session.exec(select(WorkingDay).where(WorkingDay.day == date(2026, 5, 25))).one()
    assert restored.is_working is False
    assert restored.number == working_day_number(date(2026, 5, 25))


def test_a_calendar_whose_numbers_do_not_step_with_the_working_days_is_rebuilt(
    session: Session,
) -> None:
    ensure_working_days(session, TODAY)
    # One day's number out of step with the days either side of it, the days off all right.
    day = session.exec(select(WorkingDay).where(WorkingDay.day == date(2026, 5, 20))).one()
    day.number += 1
    session.add(day)
    session.commit()

    assert ensure_working_days(session, TODAY) is True

    session.expire_all()
    mended = session.exec(select(WorkingDay).where(WorkingDay.day == date(2026, 5, 20))).one()
    assert mended.number == working_day_number(date(2026, 5, 20))
