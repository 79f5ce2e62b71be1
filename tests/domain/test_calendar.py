"""Working days, months and local dates in England."""

from datetime import UTC, date, datetime

import pytest

from domain.calendar import (
    add_months,
    add_working_days,
    is_working_day,
    london_date,
    london_noon,
    working_days_between,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 12, 27),
        date(2027, 12, 28),
        date(2028, 1, 3),
    ],
)
def test_england_bank_holidays_are_not_working_days(day: date) -> None:
    assert not is_working_day(day)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are() -> None:
    assert not is_working_day(date(2026, 3, 7))
    assert not is_working_day(date(2026, 3, 8))
    assert is_working_day(date(2026, 3, 9))


def test_adding_working_days_skips_good_friday_and_easter_monday() -> None:
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_adding_working_days_skips_christmas_and_the_substitute_boxing_day() -> None:
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_adding_negative_working_days_counts_back_over_a_weekend() -> None:
    assert add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 6)


def test_working_days_between_is_zero_for_the_same_day_and_antisymmetric() -> None:
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 5
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 6)) == -5


def test_working_days_across_easter_leave_out_both_holidays() -> None:
    assert working_days_between(date(2026, 3, 30), date(2026, 4, 10)) == 7


def test_add_months_clamps_to_the_end_of_a_shorter_month_in_leap_and_common_years() -> None:
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 8, 31), 1) == date(2026, 9, 30)


def test_london_date_follows_british_summer_time() -> None:
    late_summer_evening = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    late_winter_evening = datetime(2026, 1, 15, 23, 30, tzinfo=UTC)
    assert london_date(late_summer_evening) == date(2026, 7, 2)
    assert london_date(late_winter_evening) == date(2026, 1, 15)


def test_london_noon_is_eleven_utc_in_summer_and_noon_in_winter() -> None:
    assert london_noon(date(2026, 3, 29)).hour == 11  # the day the clocks go forward
    assert london_noon(date(2026, 10, 25)).hour == 12  # the day they go back


def test_london_date_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        london_date(datetime(2026, 1, 1, 12))
