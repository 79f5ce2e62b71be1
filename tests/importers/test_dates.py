"""Dates as Ofsted prints them."""

from __future__ import annotations

from datetime import date

import pytest

from importers.dates import is_date_line, parse_date, parse_date_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("conducted on 1 and 2 February 2011.", (date(2011, 2, 1), date(2011, 2, 2))),
        ("14 November to 8 December 2016", (date(2016, 11, 14), date(2016, 12, 8))),
        ("14 November 2016 – 8 December 2016", (date(2016, 11, 14), date(2016, 12, 8))),
        ("26 February 2018–22 March 2018", (date(2018, 2, 26), date(2018, 3, 22))),
        ("22 October – 12 November 2014", (date(2014, 10, 22), date(2014, 11, 12))),
        ("3 to 7 March 2025", (date(2025, 3, 3), date(2025, 3, 7))),
        ("31 January 2022 to 3 February 2022", (date(2022, 1, 31), date(2022, 2, 3))),
        ("on 19 March 2019, inspectors", (date(2019, 3, 19), date(2019, 3, 19))),
        ("7 - 18 March 2011", (date(2011, 3, 7), date(2011, 3, 18))),
    ],
)
def test_date_ranges_give_first_and_last_day(text: str, expected: tuple[date, date]) -> None:
    assert parse_date_range(text) == expected


def test_text_without_a_full_date_gives_none() -> None:
    assert parse_date_range("in April 2010") is None
    assert parse_date("no date here") is None


def test_an_impossible_date_is_not_a_date() -> None:
    assert parse_date_range("31 February 2011") is None


def test_a_backwards_range_falls_back_to_its_first_whole_date() -> None:
    assert parse_date_range("9 March 2020 to 2 March 2020") == (date(2020, 3, 9), date(2020, 3, 9))


def test_a_letter_date_line_is_only_a_date() -> None:
    assert is_date_line("07 February 2017")
    assert not is_date_line("Report published: 07 February 2017")
