"""Working days in England: weekends and England bank holidays are not working days."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    # Without the ENG subdivision the package misses Easter Monday and the August holiday.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    """Whether `day` is a bank holiday in England."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Whether `day` is a weekday that is not an England bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, count: int) -> date:
    """The working day `count` working days after `start` (before it when negative)."""
    step = 1 if count >= 0 else -1
    day, remaining = start, abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    # Whole weeks hold five weekdays each; count the leftover days, then drop the holidays.
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    weekdays = weeks * 5 + sum(1 for n in range(1, rest + 1) if (start.weekday() + n) % 7 < 5)
    holidays_in_range = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _bank_holidays(year)
        if start < day <= end and day.weekday() < 5
    )
    return weekdays - holidays_in_range


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def london_date(moment: datetime) -> date:
    """The calendar date in England at an aware `moment`."""
    if moment.tzinfo is None:
        raise ValueError(f"moment {moment.isoformat()} has no time zone; pass an aware one")
    return moment.astimezone(LONDON).date()


def london_noon(day: date) -> datetime:
    """Midday in England on `day`, as an aware UTC datetime (safe across clock changes)."""
    return datetime.combine(day, time(12), tzinfo=LONDON).astimezone(UTC)
