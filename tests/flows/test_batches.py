"""The daily check split into batches of authorities, on a real PostgreSQL: every authority in
exactly one batch, batches planning side by side without doubling or blocking each other, and
the day's report adding the batches up."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from domain.accounts.models import Person
from domain.permissions import SYSTEM
from domain.reminders.batches import Share, lock_authorities
from domain.reminders.models import Reminder, ReminderState
from domain.reminders.planning import PlanResult, RunClaim, plan_daily_reminders
from flows.daily_check import daily_check, daily_check_batch
from flows.fan_out import add_up
from flows.runs import Run
from infra.runtime import Runtime, build_runtime
from notifications import list_outbox
from tests.conftest import _truncate
from tests.flows.conftest import settings_for
from tests.flows.example_world import reads_weekly
from tests.flows.world import World, add_area, build_world

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)
AUTHORITIES, LEADS = 5, 2


@given(st.sets(st.integers(1, 2**31 - 1), max_size=50), st.integers(1, 64))
def test_every_authority_is_in_exactly_one_batch(ids: set[int], batches: int) -> None:
    shares = [Share(b, batches).of(ids) for b in range(batches)]
    assert sorted(a for share in shares for a in share) == sorted(ids)


def test_a_batch_outside_its_split_is_refused() -> None:
    with pytest.raises(ValueError, match="batch 3 must be from 0 to 2"):
        Share(3, 3)
    with pytest.raises(ValueError, match="batches 0 must be from 1 to 64"):
        Share(0, 0)


@pytest.fixture
def worlds(postgres_engine: Engine) -> list[World]:
    """Five authorities, each with two leads owning an area three days overdue."""
    _truncate(postgres_engine)
    with Session(postgres_engine, expire_on_commit=False) as session:
        built = [build_world(session, leads=LEADS) for _ in range(AUTHORITIES)]
        for world in built:  # after every world: building one closes every open area
            for lead in world.leads:
                add_area(session, world, owner=lead, due=DAY - timedelta(days=3))
    return built


@pytest.fixture
def runtime(tmp_path: Path, postgres_url: str, postgres_engine: Engine) -> Iterator[Runtime]:
    settings = settings_for(tmp_path / "var", database_url=postgres_url)
    yield build_runtime(settings, engine=postgres_engine)


def plan(engine: Engine, share: Share | None) -> PlanResult:
    holder = RunClaim(run_id=uuid.uuid4().hex, token=uuid.uuid4().hex)
    with Session(engine) as session:
        return plan_daily_reminders(
            session,
            today=DAY,
            now=NOW,
            run=holder,
            lease_cutoff=NOW - timedelta(minutes=30),
            by=SYSTEM,
            share=share,
        )


def ledger_authorities(engine: Engine) -> Counter[int]:
    with engine.connect() as connection:
        column = col(Reminder.authority_id)
        rows = connection.execute(select(column, func.count()).group_by(column))
        return Counter({authority: count for authority, count in rows})


def test_the_batches_plan_every_authority_once_and_a_whole_run_then_finds_nothing(
    worlds: list[World], postgres_engine: Engine
) -> None:
    planned = {b: plan(postgres_engine, Share(b, 3)) for b in range(3)}
    for b, result in planned.items():
        assert all(a % 3 == b for a in result.active_authorities or ())
    ids = sorted(w.authority.id or 0 for w in worlds)
    assert sorted(a for r in planned.values() for a in r.active_authorities or ()) == ids
    per_authority = ledger_authorities(postgres_engine)
    assert sorted(per_authority) == ids and len(set(per_authority.values())) == 1
    assert sum(r.planned for r in planned.values()) == per_authority.total()
    assert plan(postgres_engine, None).planned == 0


def in_threads(*calls: Callable[[], object]) -> list[BaseException]:
    """Run the calls at once, each in a thread; the errors they raised."""
    errors: list[BaseException] = []

    def guarded(call: Callable[[], object]) -> None:
        try:
            call()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive()
    return errors


def test_two_splits_of_one_day_plan_at_once_without_doubling(
    worlds: list[World], postgres_engine: Engine
) -> None:
    # Both triggers of the day run all three batches at the same moment.
    shares = [Share(b, 3) for b in range(3)] * 2
    assert in_threads(*(lambda s=s: plan(postgres_engine, s) for s in shares)) == []
    per_authority = ledger_authorities(postgres_engine)
    assert len(per_authority) == AUTHORITIES and len(set(per_authority.values())) == 1
    assert plan(postgres_engine, None).planned == 0


def test_a_run_holding_one_batch_does_not_hold_up_another(
    worlds: list[World], postgres_engine: Engine
) -> None:
    first, second = Share(0, 2), Share(1, 2)
    ids = [w.authority.id or 0 for w in worlds]
    with Session(postgres_engine) as holding:
        lock_authorities(holding, first.of(ids))  # held until this block ends
        done = plan(postgres_engine, second)  # would wait for ever if batches shared a lock
        assert set(done.active_authorities or ()) == set(second.of(ids)) and done.planned
        waiting = threading.Thread(target=plan, args=(postgres_engine, first))
        waiting.start()
        # The same batch run again waits for the lock this session holds.
        assert eventually(lambda: ungranted_advisory_locks(postgres_engine) == 1)
        assert waiting.is_alive()
        holding.rollback()
    waiting.join(timeout=120)
    assert not waiting.is_alive()
    assert sorted(ledger_authorities(postgres_engine)) == sorted(ids)


def ungranted_advisory_locks(engine: Engine) -> int:
    with engine.connect() as connection:
        query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        return int(connection.execute(text(query)).scalar_one())


def eventually(condition: Callable[[], bool]) -> bool:
    """Whether `condition` comes true within a minute (polled, for a thread to get there)."""
    for _ in range(600):
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_day_s_report_adds_up_its_batches(worlds: list[World], runtime: Runtime) -> None:
    parent = RunClaim(run_id=f"parent-{uuid.uuid4().hex}", token=uuid.uuid4().hex)
    reports = [daily_check_batch.fn(DAY, b, 3, parent.run_id, runtime=runtime) for b in range(3)]
    day, stopped_short = add_up.fn(Run("daily check", DAY, parent), runtime, 3)
    assert not stopped_short and ("batches", "3") in day.extra
    owed = ledger_authorities(runtime.engine).total()
    assert day.planned == sum(r.planned for r in reports) == owed > 0
    assert day.sent == sum(r.sent for r in reports) == owed
    assert day.messages == sum(r.messages for r in reports)
    assert len(list_outbox(runtime.settings.outbox_dir)) == day.messages >= AUTHORITIES * LEADS
    assert day.undelivered == () and not day.is_failed
    # A whole-day run after the batches finds the day done.
    again = daily_check.fn(as_of=DAY, runtime=runtime)
    assert (again.planned, again.sent) == (0, 0)


def test_the_day_s_report_counts_what_its_batches_held_for_a_weekly_day(
    worlds: list[World], runtime: Runtime
) -> None:
    # One lead in each of two authorities reads weekly, on Wednesdays; DAY is a Monday.
    weekly = [world.leads[0].id for world in worlds[:2]]
    with Session(runtime.engine) as session:
        for world in worlds[:2]:
            lead = session.get(Person, world.leads[0].id)
            assert lead is not None
            reads_weekly(session, lead, "wednesday", now=NOW)
    parent = RunClaim(run_id=f"parent-{uuid.uuid4().hex}", token=uuid.uuid4().hex)
    reports = [daily_check_batch.fn(DAY, b, 3, parent.run_id, runtime=runtime) for b in range(3)]
    day, _ = add_up.fn(Run("daily check", DAY, parent), runtime, 3)
    with Session(runtime.engine) as session:
        waiting = session.exec(
            sqlmodel_select(Reminder).where(col(Reminder.recipient_id).in_(weekly))
        ).all()
    assert waiting and {r.state for r in waiting} == {ReminderState.PENDING}
    held = sum(r.held_for_weekly_day for r in reports)
    assert day.held_for_weekly_day == held == len(waiting)
    assert day.sent == ledger_authorities(runtime.engine).total() - held
    assert f"{held} held for a weekly reader's day" in day.summary()


def test_a_batch_that_never_ran_leaves_the_day_unfinished(
    worlds: list[World], runtime: Runtime
) -> None:
    parent = RunClaim(run_id=f"parent-{uuid.uuid4().hex}", token=uuid.uuid4().hex)
    daily_check_batch.fn(DAY, 0, 2, parent.run_id, runtime=runtime)
    day, stopped_short = add_up.fn(Run("daily check", DAY, parent), runtime, 2)
    assert stopped_short
    assert ("batch 2 of 2", "did not finish; the next run takes it over") in day.extra
