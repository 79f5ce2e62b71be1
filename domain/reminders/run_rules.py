"""Whether the daily check has kept to its schedule: one run every working day."""

from __future__ import annotations

from datetime import date

from domain.calendar import is_working_day, working_days_between


def working_days_missed(last_run_for: date | None, today: date) -> int | None:
    """How many working days before `today` went by with no daily check finished for them.

    Today's own run may still be to come, so it is not counted; weekends and bank holidays
    have no run to miss. None when no daily check has ever finished.
    """
    if last_run_for is None:
        return None
    if last_run_for >= today:
        return 0
    return working_days_between(last_run_for, today) - (1 if is_working_day(today) else 0)
