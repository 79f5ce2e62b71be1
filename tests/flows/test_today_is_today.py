"""Today is today: a scheduled run acts for its scheduled day; a day still to come is replayed
only when asked, and never counted as the schedule's health; a dry run sends and writes
nothing; a run that finds reminders held by another says so."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel, select

import domain.tables  # noqa: F401  (every table, for the snapshot)
from domain.reminders.ledger import claim_reminders
from domain.reminders.models import RunRecord
from domain.reminders.planning import DAILY_REASONS, RunClaim
from domain.reminders.run_records import schedule_health
from flows import runs
from flows.daily_check import daily_check
from flows.dry_run import would_send
from infra.clock import Clock
from infra.db import make_engine, session_scope
from infra.runtime import Runtime, build_runtime
from infra.settings import get_settings
from notifications import list_outbox
from tests.cli.conftest import Run
from tests.conftest import _truncate
from tests.flows.conftest import use_cli_settings
from tests.flows.example_world import load_example_as_of
from tests.flows.relay import Relay

pytestmark = pytest.mark.usefixtures("prefect_harness")

TODAY = date(2026, 12, 7)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's clock, stopped at 10:00 on TODAY."""
    moment = datetime(2026, 12, 7, 10, tzinfo=UTC)
    monkeypatch.setattr("infra.clock.now", lambda: moment)


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    engine = make_engine(get_settings().sqlalchemy_url)
    with engine.connect() as connection:
        found = {
            table.name: sorted(
                map(tuple, connection.execute(text(f'SELECT * FROM "{table.name}"'))), key=repr
            )
            for table in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return found


def test_a_day_still_to_come_is_refused_unless_replayed_or_dry_run(
    closeout: Run, fixed_today: None
) -> None:
    assert closeout("example", "load", "--as-of", TODAY.isoformat()).exit_code == 0
    before = _snapshot()

    for day in ("2027-06-01", "9999-12-31", "1900-01-01"):
        refused = closeout("check", "--as-of", day)
        assert refused.exit_code == 2, refused.output
        assert len(refused.output.strip().splitlines()) == 1

    future = closeout("check", "--as-of", "2027-06-01").output
    assert "is after today (2026-12-07); add --future" in future
    assert "outside the working-day calendar" in closeout("check", "--as-of", "9999-12-31").output
    assert _snapshot() == before  # not even a run record begun


def test_a_dry_run_shows_what_would_go_and_sends_and_writes_nothing(
    closeout: Run, fixed_today: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay = Relay()
    relay.start()
    try:
        use_cli_settings(monkeypatch, email_url=relay.url)
        assert closeout("example", "load", "--as-of", TODAY.isoformat()).exit_code == 0
        before = _snapshot()

        shown = closeout("check", "--dry-run", "--as-of", "2027-01-04")
        today = closeout("check", "--dry-run")
    finally:
        relay.stop()

    assert shown.exit_code == 0, shown.output
    assert "priya.raman@eastmere.example" in shown.output and "overdue" in shown.output
    assert "nothing was sent or recorded" in shown.output
    assert today.exit_code == 0 and "dry run:" in today.output
    assert relay.inbox.received == []
    assert _snapshot() == before


def test_a_future_replay_sends_but_the_schedule_s_health_never_counts_it(
    runtime: Runtime,
) -> None:
    load_example_as_of(runtime, date(2026, 6, 1))
    replay = daily_check.fn(as_of=date(2026, 6, 10), replay=True, runtime=runtime)
    assert replay.sent > 0

    with session_scope(runtime.engine) as session:
        replays = session.exec(select(RunRecord.replay)).all()
        health = schedule_health(session, today=date(2026, 6, 12))  # after the day replayed
    assert replays == [True]
    assert health.last_finished is None and not health.is_healthy
    assert list_outbox(runtime.settings.outbox_dir)  # it did send


def test_a_run_started_after_midnight_acts_for_the_day_it_was_scheduled(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scheduled for 06:30 on 1 June in London (05:30 UTC); a busy worker starts it at 00:10.
    scheduled = datetime(2026, 6, 1, 5, 30, tzinfo=UTC)
    monkeypatch.setattr(
        runs, "flow_run", SimpleNamespace(id="late", scheduled_start_time=scheduled)
    )
    after_midnight = Clock(now=lambda: datetime(2026, 6, 1, 23, 10, tzinfo=UTC))
    late = build_runtime(runtime.settings, engine=runtime.engine, clock=after_midnight)

    run = runs.start("daily check", None, late)

    assert run.today == date(2026, 6, 1)


def test_a_run_that_finds_reminders_held_by_another_says_whose_and_until_when(
    runtime: Runtime,
) -> None:
    day = date(2026, 6, 1)
    load_example_as_of(runtime, day)
    moment = runtime.clock.now()
    other = RunClaim(run_id="other-run", token="other-token")
    first = daily_check.fn(as_of=day, runtime=runtime)  # plans and sends today's
    assert first.sent > 0
    with session_scope(runtime.engine) as session:
        session.execute(
            text("UPDATE reminder SET state = 'pending', sent_at = NULL, delivered_on = ''")
        )
        session.commit()
        held = claim_reminders(
            session,
            run=other,
            now=moment,
            lease_cutoff=moment - timedelta(minutes=30),
            reasons=DAILY_REASONS,
        )

    second = daily_check.fn(as_of=day, runtime=runtime)

    lines = dict(second.extra)
    assert second.sent == 0
    assert lines["held by run other-run"].startswith(f"{held} reminder(s), released by ")
    assert "held by run other-run" in second.markdown()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def either_runtime(request: pytest.FixtureRequest, runtime: Runtime) -> Runtime:
    """The flow tests' SQLite runtime, or one on the shared PostgreSQL, emptied."""
    if request.param == "sqlite":
        return runtime
    shared = request.getfixturevalue("postgres_engine")
    _truncate(shared)
    return build_runtime(runtime.settings, engine=shared)


def test_a_dry_run_leaves_either_database_as_it_was(either_runtime: Runtime) -> None:
    load_example_as_of(either_runtime, date(2026, 6, 1))

    def rows() -> dict[str, list[tuple[object, ...]]]:
        with either_runtime.engine.connect() as connection:
            return {
                t.name: sorted(map(tuple, connection.execute(t.select())), key=repr)
                for t in SQLModel.metadata.sorted_tables
            }

    before = rows()
    lines = would_send(either_runtime, date(2026, 6, 1))

    assert {line.to for line in lines} >= {"priya.raman@eastmere.example"}
    assert rows() == before
