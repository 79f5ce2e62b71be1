"""A run of a sending flow from its start to its finish: its runtime, its record and its report.

A flow called by Prefect (on schedule, or by `closeout check`) builds its runtime here, from the
settings of the process it runs in; a test calls the flow's function with a runtime of its own.
The runtime is never a flow parameter Prefect records, and no task's inputs are cached
(NO_CACHE), so the relay URL inside it reaches no record, artifact or log.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError
from prefect.runtime import flow_run

from domain.calendar import london_date
from domain.reminders.planning import RunClaim
from domain.reminders.run_records import run_finished, run_started
from flows.report import DeliveriesFailed, RunReport
from infra.clock import now as clock_now
from infra.db import session_scope
from infra.runtime import Runtime, build_runtime
from infra.settings import get_settings

# No step of a run may hang for ever: a task is stopped after half an hour (delivering 20,000
# digests takes about two and a half minutes), a whole run after two hours.
TASK_TIMEOUT = 30 * 60
FLOW_TIMEOUT = 2 * 60 * 60


def run_name(prefix: str) -> Callable[[], str]:
    """A flow run's name: what it is and the day it acts for, e.g. daily-check-2026-12-08."""

    def name() -> str:
        given = (flow_run.parameters or {}).get("as_of")
        if given:
            return f"{prefix}-{given}"
        scheduled = flow_run.scheduled_start_time
        day = london_date(scheduled) if scheduled is not None else london_date(clock_now())
        return f"{prefix}-{day.isoformat()}"

    return name


@dataclass(frozen=True)
class Run:
    """One run of a sending flow: the day it acts for, and who holds what it claims."""

    flow: str
    today: date
    holder: RunClaim


def runtime_from_settings() -> Runtime:
    """The runtime this process's settings describe, for a run that was not given one."""
    return build_runtime(get_settings())


def run_logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The run's logger inside Prefect, a plain one when a flow is called as a function."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("closeout.flows")


def start(flow: str, as_of: date | None, runtime: Runtime, *, replay: bool = False) -> Run:
    """A run for `as_of`, or else for the day it was scheduled for, recorded as begun.

    It is named by Prefect's flow run id; called as a function there is none, so a fresh one.
    `replay` marks a replay of a day still to come, which the schedule's health leaves out.
    """
    holder = RunClaim(run_id=str(flow_run.id or uuid.uuid4()), token=uuid.uuid4().hex)
    run = Run(flow, as_of or scheduled_day(runtime), holder)
    with session_scope(runtime.engine) as session:
        run_started(
            session,
            flow=flow,
            run_id=holder.run_id,
            run_date=run.today,
            now=runtime.clock.now(),
            replay=replay,
        )
    return run


def scheduled_day(runtime: Runtime) -> date:
    """The day in England the flow run was scheduled for; today, run by hand or late.

    A run scheduled for 06:30 that a busy worker starts after midnight still acts for its
    own day, not the next.
    """
    if flow_run.id is None:
        return runtime.clock.today()
    scheduled = flow_run.scheduled_start_time
    return london_date(scheduled) if scheduled is not None else runtime.clock.today()


def lease_cutoff(runtime: Runtime) -> datetime:
    """Claims made before this moment belong to runs that have died."""
    return runtime.clock.now() - timedelta(minutes=runtime.settings.claim_lease_minutes)


@task(name="publish-report", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def publish(report: RunReport) -> None:
    """Log the report's summary and publish it as a markdown artifact of the run."""
    run_logger().info(report.summary())
    key = report.flow.replace(" ", "-")
    create_markdown_artifact(report.markdown(), key=key, description=report.summary())


def finish(run: Run, report: RunReport, runtime: Runtime, *, stopped_short: bool) -> RunReport:
    """Record how the run ended, and end it Failed when anything went undelivered.

    DeliveriesFailed is raised only after everything the run could do has been recorded, so
    Prefect's alerting sees the failure and the ledger sees the rest.
    """
    failed = report.is_failed or stopped_short
    with session_scope(runtime.engine) as session:
        run_finished(
            session,
            run_id=run.holder.run_id,
            now=runtime.clock.now(),
            succeeded=not failed,
            summary=report.counts(),
        )
    if failed:
        raise DeliveriesFailed(report)
    return report
