"""Dates as Ofsted prints them: single days, "1 and 2 February 2011", ranges across months."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_JOIN = r"\s*(?:-|–|—|to|and|until|till)\s*"

DATE_PATTERN = rf"{_DAY}\s+{_MONTH}\s+{_YEAR}"
# "14 November 2016 – 8 December 2016", "14 November to 8 December 2016", "1 and 2 February 2011"
_RANGE = re.compile(
    rf"(?i)\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>{_YEAR}))?{_JOIN}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b"
)
# Any day or range, its year perhaps printed only after a later one ("4 to 8 March and 22 to
# 26 April 2019"): the pieces of an inspection held in parts.
_SPAN = re.compile(
    rf"(?i)\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>{_YEAR}))?"
    rf"(?:{_JOIN}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))?(?:\s+(?P<y2>{_YEAR}))?(?!\w)"
)
_SINGLE = re.compile(rf"(?i)\b(?P<d>{_DAY})\s+(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b")
_ORDINAL = re.compile(r"(?i)(st|nd|rd|th)$")


def _make(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS[month.lower().rstrip(".")], int(_ORDINAL.sub("", day)))
    except (KeyError, ValueError):
        return None


def parse_date(text: str) -> date | None:
    """The first full date in the text ("07 February 2017"), or None."""
    match = _SINGLE.search(text)
    return _make(match["d"], match["m"], match["y"]) if match else None


def parse_date_range(text: str) -> tuple[date, date] | None:
    """The first date or date range in the text as (start, end); a single day gives equal ends."""
    range_match = _RANGE.search(text)
    single = _SINGLE.search(text)
    if range_match and (single is None or range_match.start() <= single.start()):
        end = _make(range_match["d2"], range_match["m2"], range_match["y2"])
        start = _make(
            range_match["d1"],
            range_match["m1"] or range_match["m2"],
            range_match["y1"] or range_match["y2"],
        )
        if start and end and start <= end:
            return start, end
    if single:
        day = _make(single["d"], single["m"], single["y"])
        if day:
            return day, day
    return None


def is_date_line(text: str) -> bool:
    """Whether a whole line is just one date, as at the head of a letter."""
    match = _SINGLE.fullmatch(text.strip().rstrip(","))
    return bool(match and _make(match["d"], match["m"], match["y"]))


def parse_date_span(text: str) -> tuple[date, date] | None:
    """The first day and the last of every date and range in the text, a day or range without
    a year taking the year printed after it; None when the text holds no full date."""
    spans = [match for match in _SPAN.finditer(text) if match["m1"] or match["m2"]]
    days: list[date] = []
    year: str | None = None
    later: date | None = None  # the first day of the span printed after this one
    for match in reversed(spans):
        printed = match["y2"] or match["y1"]
        year = printed or year
        if year is None:
            continue
        end = _make(match["d2"] or match["d1"], match["m2"] or match["m1"], match["y2"] or year)
        start = _make(match["d1"], match["m1"] or match["m2"], match["y1"] or year)
        if start is None or end is None:
            continue
        if not printed and later and end > later:  # "30 November to 4 December and 11 to
            start, end = _year_before(start), _year_before(end)  # 15 January 2016"
        if start > end and not match["y1"]:
            start = _year_before(start)  # "30 December to 3 January 2020"
        days += [start, end]
        later = start
    return (min(days), max(days)) if days else None


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)
