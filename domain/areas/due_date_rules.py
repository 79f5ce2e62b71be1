"""Due dates from the timescales that letters give ("within three months", "immediately")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from domain.calendar import add_months, add_working_days
from domain.dates import parse_date
from domain.errors import InvalidDate, InvalidTimescale
from domain.reminders.policy import Policy

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "ninety": 90,
}
_SPAN = re.compile(
    r"^(?:within|in|by|over)?\s*(?:the\s+next\s+)?(\d+|[a-z]+)\s+"
    r"(working\s+days?|days?|weeks?|months?|years?)$"
)
_EXPLICIT = re.compile(r"^(?:by|before|no later than)\s+(.+)$")


def due_date_from_timescale(timescale: str, *, start: date, policy: Policy = Policy()) -> date:
    """The due date `timescale` sets, counted from `start` (usually the letter's date)."""
    try:
        return parse_date(timescale)
    except InvalidDate:
        pass
    text = " ".join(timescale.lower().replace("-", " ").split()).strip(" .:")
    if text in ("immediately", "immediate", "now", "at once"):
        return add_working_days(start, policy.immediately_working_days)
    explicit = _EXPLICIT.match(text)
    candidate = explicit.group(1) if explicit else text
    try:
        return parse_date(candidate)
    except InvalidDate:
        pass
    span = _SPAN.match(text)
    if span:
        amount_word, unit = span.groups()
        amount = int(amount_word) if amount_word.isdigit() else _NUMBERS.get(amount_word)
        if amount is not None:
            if unit.startswith("working"):
                return add_working_days(start, amount)
            if unit.startswith("day"):
                return start + timedelta(days=amount)
            if unit.startswith("week"):
                return start + timedelta(weeks=amount)
            if unit.startswith("month"):
                return add_months(start, amount)
            return add_months(start, 12 * amount)
    raise InvalidTimescale(
        f"timescale {timescale!r} is not understood; use e.g. 'immediately', "
        "'within three months', 'within 20 working days' or a date like 2026-03-31"
    )


def default_due_date(start: date, policy: Policy = Policy()) -> date:
    """The due date given to an area whose letter sets no timescale."""
    return add_months(start, policy.default_due_months)
