"""Reading dates that people type or documents print, and writing them as people read them."""

from __future__ import annotations

import re
from datetime import date, datetime

from domain.errors import InvalidDate

_WRITTEN = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\s*$")
_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def parse_date(value: str, what: str = "date") -> date:
    """Parse YYYY-MM-DD, DD/MM/YYYY or '2 March 2011'; raise InvalidDate naming the value."""
    text = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    written = _WRITTEN.match(text)
    if written and written.group(2).lower() in _MONTHS:
        try:
            return date(
                int(written.group(3)), _MONTHS[written.group(2).lower()], int(written.group(1))
            )
        except ValueError:
            pass
    raise InvalidDate(f"{what} {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-31")


def written_date(day: date) -> str:
    """A date as GOV.UK style writes it for people: 7 November 2026."""
    return f"{day.day} {day:%B %Y}"


def written_moment(local: datetime) -> str:
    """A moment, already in England's time, as GOV.UK style writes it: 7 November 2026 at
    2:05pm (12 at noon is 12:00pm, at midnight 12:00am)."""
    hour = local.hour % 12 or 12
    return f"{written_date(local.date())} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
