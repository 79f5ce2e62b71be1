"""The RAG rules restated as date cutoffs, so a database can count ratings set-wise.

`classify` and `computed_rag` measure distances in working days; each distance test is
monotonic in the date it measures, so on a given day it equals a comparison with one date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from domain.calendar import LONDON, add_working_days, is_working_day, working_days_between
from domain.reminders.policy import Policy


@dataclass(frozen=True)
class RagCutoffs:
    """On `today`: the dates and moment that separate one rating from another."""

    today: date
    # An open area due after today and on or before this date is due soon.
    due_soon_until: date
    # An active area whose last activity fell before this moment (UTC) is stale.
    stale_before: datetime
    # An active area due on or after this date lands in the next inspection window.
    at_risk_from: date | None


def london_midnight(day: date) -> datetime:
    """The first moment of `day` in England, as an aware UTC datetime."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def last_stale_day(today: date, stale_after_days: int) -> date:
    """The latest activity date that is `stale_after_days` or more working days before today."""
    if stale_after_days <= 0:
        return today
    latest_working = today if is_working_day(today) else add_working_days(today, -1)
    nth_back = add_working_days(latest_working, -(stale_after_days - 1))
    return nth_back - timedelta(days=1)


def rag_cutoffs(today: date, policy: Policy, window_start: date | None) -> RagCutoffs:
    """The cutoffs equivalent to `classify(..., today, policy)` for one authority's window."""
    due_soon_until = add_working_days(today, policy.due_soon_horizon + 1) - timedelta(days=1)
    at_risk = (
        window_start
        if window_start is not None
        and working_days_between(today, window_start) <= policy.at_risk_before_window_days
        else None
    )
    return RagCutoffs(
        today=today,
        due_soon_until=due_soon_until,
        stale_before=london_midnight(last_stale_day(today, policy.stale_after_days) + timedelta(1)),
        at_risk_from=at_risk,
    )
