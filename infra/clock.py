"""The one place outside tests that reads the clock, turning --as-of into a moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from domain.calendar import london_date, london_noon


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def moment(as_of: date | None) -> datetime:
    """Now, or midday in England on `as_of` when a run replays another day."""
    current = now()
    if as_of is None or as_of == london_date(current):
        return current
    return london_noon(as_of)


def today(as_of: date | None = None) -> date:
    """The date in England now, or `as_of`."""
    return as_of or london_date(now())


@dataclass(frozen=True)
class Clock:
    """The moment a run or a request acts at; tests pass a fixed one."""

    now: Callable[[], datetime] = field(default=now)

    def today(self, as_of: date | None = None) -> date:
        """The date in England at this clock's moment, or `as_of` when a run replays a day."""
        return as_of or london_date(self.now())
