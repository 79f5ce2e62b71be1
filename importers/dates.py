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
