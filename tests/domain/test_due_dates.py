"""Turning the timescales letters give into due dates, and reading typed dates."""

from datetime import date

import pytest

from domain.areas.due_date_rules import default_due_date, due_date_from_timescale
from domain.dates import parse_date
from domain.errors import InvalidDate, InvalidTimescale
from domain.reminders.policy import Policy

LETTER = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("timescale", "due"),
    [
        ("Immediately", date(2026, 3, 16)),
        ("Within three months", date(2026, 6, 2)),
        ("within 3 months", date(2026, 6, 2)),
        ("Within six months", date(2026, 9, 2)),
        ("within 20 working days", date(2026, 3, 30)),
        ("within six weeks", date(2026, 4, 13)),
        ("within 70 working days", date(2026, 6, 12)),
        ("by 31 March 2026", date(2026, 3, 31)),
        ("2026-05-01", date(2026, 5, 1)),
        ("within one year", date(2027, 3, 2)),
    ],
)
def test_timescales_become_due_dates(timescale: str, due: date) -> None:
    assert due_date_from_timescale(timescale, start=LETTER) == due


def test_working_day_timescales_step_over_easter() -> None:
    assert due_date_from_timescale("within 5 working days", start=date(2026, 4, 1)) == date(
        2026, 4, 10
    )


def test_immediately_follows_the_authority_policy() -> None:
    policy = Policy(immediately_working_days=5)
    assert due_date_from_timescale("immediately", start=LETTER, policy=policy) == date(2026, 3, 9)


def test_an_unknown_timescale_is_refused_naming_it_and_the_valid_forms() -> None:
    with pytest.raises(InvalidTimescale, match="'soonish' is not understood; use e.g."):
        due_date_from_timescale("soonish", start=LETTER)


def test_default_due_date_is_six_months_after_the_letter() -> None:
    assert default_due_date(date(2026, 8, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-02-28", date(2026, 2, 28)),
        ("28/02/2026", date(2026, 2, 28)),
        ("2 March 2011", date(2011, 3, 2)),
        ("1st Sept 2025", date(2025, 9, 1)),
    ],
)
def test_dates_parse_in_the_forms_people_type(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2026-02-30", "tomorrow", "31/31/2026", ""])
def test_a_bad_date_names_the_value_and_the_valid_form(text: str) -> None:
    with pytest.raises(InvalidDate, match=r"is not a date; use YYYY-MM-DD"):
        parse_date(text, "--due")
