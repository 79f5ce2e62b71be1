"""Measures the daily check's classification and ledger claim against the bare actionable query.

For each size and database it generates authorities, leads and development areas with bulk
inserts (in a child process), then, in a fresh child process so its peak memory is its own:

* bare: the one SQL query that selects the actionable rows (due soon, overdue, stale, at
  risk), every row fetched to the client;
* first run: classification and claim on an empty ledger (every reminder is new);
* next day: the same after a run the working day before had sent its reminders, the usual
  case, where most keys are in the ledger already (on PostgreSQL after the VACUUM ANALYZE
  that autovacuum would have run in the day between).

    .venv/bin/python bench/daily_check.py --sizes 10000 100000 1000000 --backends sqlite postgres
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import statistics
import sys
import tempfile
import time as clock
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from daily_check_data import TODAY, generate
from sqlalchemy import Engine, and_, delete, func, or_, select, text, update
from sqlmodel import Session, col

from domain.areas.models import DevelopmentArea
from domain.calendar import add_working_days
from domain.permissions import SYSTEM
from domain.reminders.calendar_table import last_day_numbered
from domain.reminders.ledger import claim_reminders
from domain.reminders.models import Reminder, ReminderState
from domain.reminders.planning import (
    DAILY_REASONS,
    RunClaim,
    day_bounds,
    plan_daily_reminders,
)
from domain.reminders.policy_groups import policy_groups
from domain.reminders.rules_sql import ACTIVE, latest_windows
from infra.db import make_engine

ROUNDS = 5
T = TypeVar("T")


def bare_query(session: Session) -> int:
    """The actionable rows, selected and fetched, with no classification and no ledger."""
    [group] = policy_groups(session).groups
    bounds = day_bounds(session, TODAY, group.policy)
    risk_day = last_day_numbered(session, bounds.risk_number)
    area = DevelopmentArea.__table__.alias("a")  # type: ignore[attr-defined]
    windows = latest_windows().subquery("windows")
    query = (
        select(area.c.id, area.c.owner_id, area.c.due_date, area.c.last_progress_at)
        .select_from(area)
        .outerjoin(windows, windows.c.authority_id == area.c.authority_id)
        .where(area.c.status.in_(ACTIVE))
        .where(
            or_(
                area.c.due_date <= bounds.due_horizon,
                func.coalesce(area.c.last_progress_at, area.c.created_at) < bounds.stale_before,
                and_(
                    windows.c.window_start <= risk_day,
                    area.c.due_date >= windows.c.window_start,
                ),
            )
        )
    )
    return sum(1 for _ in session.execute(query.execution_options(yield_per=10_000)))


def plan_and_claim(session: Session, day: date) -> tuple[str, int]:
    """What the flow's plan and claim tasks do; returns the run id and how many it claimed."""
    run = uuid.uuid4().hex
    now = datetime.now(UTC)
    plan = plan_daily_reminders(
        session, today=day, now=now, run=RunClaim(run, run), lease_cutoff=now, by=SYSTEM
    )
    older = claim_reminders(
        session, run=RunClaim(run, run), now=now, lease_cutoff=now, reasons=DAILY_REASONS
    )
    return run, plan.planned + older


def undo(session: Session, run: str) -> None:
    """Take a measured run's reminders out again, leaving the ledger as the run found it."""
    session.execute(delete(Reminder).where(Reminder.run_id == run))  # type: ignore[arg-type]
    session.commit()
    bind = session.get_bind()
    if isinstance(bind, Engine) and bind.dialect.name == "postgresql":
        # Without this the deleted rows stay behind as dead tuples, and every later round
        # inserts into a table and indexes bloated with them.
        with bind.connect() as db:
            db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM reminder"))


def paired(session: Session, day: date) -> tuple[float, float, int, int]:
    """Median times of the bare query and of plan-and-claim for `day`, run in turns.

    Each round times the bare query, then the check, then undoes the check untimed, so both
    sides see the same machine load. Returns (bare, check, actionable rows, reminders held).
    """
    bare_times, check_times = [], []
    for _ in range(ROUNDS):
        started = clock.perf_counter()
        rows = bare_query(session)
        bare_times.append(clock.perf_counter() - started)
        started = clock.perf_counter()
        run, held = plan_and_claim(session, day)
        check_times.append(clock.perf_counter() - started)
        undo(session, run)
    return statistics.median(bare_times), statistics.median(check_times), rows, held


def measure(url: str) -> dict[str, float]:
    engine = make_engine(url)
    with Session(engine) as session:
        bare_query(session)  # warm the caches once for both sides alike
        first_bare, first, rows, first_held = paired(session, TODAY)
        plan_and_claim(session, add_working_days(TODAY, -1))  # yesterday's run, delivered:
        session.execute(update(Reminder).values(state=ReminderState.SENT, claim_token=None))
        session.commit()
        if engine.dialect.name == "postgresql":
            # A day passes between the two runs, and PostgreSQL's autovacuum with it: it
            # clears out the pending-row index entries that yesterday's deliveries left dead.
            with engine.connect() as db:
                db.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM ANALYZE reminder")
                )
        next_bare, steady, _, steady_held = paired(session, TODAY)
        active = session.execute(
            select(func.count()).where(
                or_(
                    col(DevelopmentArea.status) == "open",
                    col(DevelopmentArea.status) == "in_progress",
                )
            )
        ).scalar_one()
    return {
        "rows": rows,
        "active": active,
        "first_bare": first_bare,
        "first": first,
        "first_held": first_held,
        "next_bare": next_bare,
        "steady": steady,
        "steady_held": steady_held,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _report(target: Callable[..., object], args: tuple[object, ...], queue: Queue) -> None:  # type: ignore[type-arg]
    queue.put(target(*args))


def in_child(target: Callable[..., object], *args: object) -> Any:
    """Run `target` in a fresh process, so its peak memory is its own, and return its result."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_report, args=(target, args, queue))
    child.start()
    result = queue.get()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"{target.__name__} failed with exit code {child.exitcode}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    from tests import pg

    cluster = pg.start_cluster() if "postgres" in args.backends else None
    work = Path(tempfile.mkdtemp(prefix="closeout-daily-check-"))
    print(
        "| database | areas | active | actionable | first run: bare s | check s | ratio "
        "| held | next day: bare s | check s | ratio | held | peak MiB | generated s |"
    )
    print("|---|" + "---:|" * 13)
    try:
        for backend in args.backends:
            for size in args.sizes:
                url = _fresh_database(backend, size, work, cluster.url if cluster else "")
                started = clock.perf_counter()
                in_child(generate, url, size)
                made = clock.perf_counter() - started
                r = in_child(measure, url)
                cells = [
                    backend,
                    f"{size:,}",
                    f"{r['active']:,}",
                    f"{r['rows']:,}",
                    f"{r['first_bare']:.2f}",
                    f"{r['first']:.2f}",
                    f"{r['first'] / r['first_bare']:.2f}",
                    f"{r['first_held']:,}",
                    f"{r['next_bare']:.2f}",
                    f"{r['steady']:.2f}",
                    f"{r['steady'] / r['next_bare']:.2f}",
                    f"{r['steady_held']:,}",
                    f"{r['peak_mib']:.0f}",
                    f"{made:.0f}",
                ]
                print("| " + " | ".join(cells) + " |", flush=True)
    finally:
        if cluster:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def _fresh_database(backend: str, size: int, work: Path, server: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{work / f'bench-{size}.db'}"
    from tests.pg import fresh_database

    return fresh_database(server, f"bench_{size}")


if __name__ == "__main__":
    main()
