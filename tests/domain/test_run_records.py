"""Whether the daily check kept to its schedule: the rule, and the records it reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from domain.reminders.run_records import DAILY_CHECK, run_finished, run_started, schedule_health
from domain.reminders.run_rules import working_days_missed

FRIDAY = date(2026, 5, 22)  # before the spring bank holiday, Monday 25 May 2026


@pytest.mark.parametrize(
    ("last", "today", "missed"),
    [
        (FRIDAY, FRIDAY, 0),  # today's run done
        (FRIDAY - timedelta(days=1), FRIDAY, 0),  # today's run may still come
        (FRIDAY, date(2026, 5, 23), 0),  # Saturday: no run to miss
        (FRIDAY, date(2026, 5, 26), 0),  # Tuesday after the bank holiday: nothing missed
        (FRIDAY, date(2026, 5, 27), 1),  # Wednesday: Tuesday's run never finished
        (FRIDAY - timedelta(days=3), FRIDAY, 2),  # Tuesday's, then none on Wednesday, Thursday
        (None, FRIDAY, None),
    ],
)
def test_working_days_with_no_run_finished(last: date | None, today: date, missed: int) -> None:
    assert working_days_missed(last, today) == missed


def _at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_a_run_that_began_and_never_finished_is_named(session: Session) -> None:
    run_started(session, flow=DAILY_CHECK, run_id="a", run_date=FRIDAY, now=_at(FRIDAY))
    run_finished(session, run_id="a", now=_at(FRIDAY, 8), succeeded=True, summary="1 sent")
    tuesday = date(2026, 5, 26)
    run_started(session, flow=DAILY_CHECK, run_id="b", run_date=tuesday, now=_at(tuesday))

    found = schedule_health(session, today=date(2026, 5, 27))

    assert not found.is_healthy
    assert found.working_days_missed == 1
    assert found.describe() == (
        "the daily check last finished for 22 May 2026: succeeded (1 sent); 1 working day "
        "since with no run finished; a run for 26 May 2026 began and has not finished"
    )


def test_a_failed_run_is_unhealthy_until_one_succeeds(session: Session) -> None:
    run_started(session, flow=DAILY_CHECK, run_id="a", run_date=FRIDAY, now=_at(FRIDAY))
    run_finished(
        session, run_id="a", now=_at(FRIDAY, 8), succeeded=False, summary="2 not delivered"
    )
    failed = schedule_health(session, today=FRIDAY)
    assert not failed.is_healthy
    assert failed.describe() == (
        "the daily check last finished for 22 May 2026: failed (2 not delivered)"
    )
    # Prefect retrying the same flow run starts the same record again, then it succeeds.
    run_started(session, flow=DAILY_CHECK, run_id="a", run_date=FRIDAY, now=_at(FRIDAY, 9))
    assert schedule_health(session, today=FRIDAY).last_finished is None
    run_finished(session, run_id="a", now=_at(FRIDAY, 9), succeeded=True, summary="2 sent")
    assert schedule_health(session, today=date(2026, 5, 26)).is_healthy


def test_with_no_run_ever_finished_the_schedule_is_unhealthy(session: Session) -> None:
    found = schedule_health(session, today=FRIDAY)
    assert (found.is_healthy, found.working_days_missed) == (False, None)
    assert found.describe() == "the daily check has never finished a run"
