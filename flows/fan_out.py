"""The daily check split across workers: batch runs started on the work pool, awaited, added up.

The deployed daily check, with CLOSEOUT_DAILY_CHECK_BATCHES above one, starts one flow run of
the batch deployment per batch of authorities, returns at once from each start, then waits for
them all. A batch whose worker died is left to its lease: once every other batch has ended
and one lease has passed, the parent runs that batch itself, taking over its expired claims.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

import httpx
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.exceptions import PrefectHTTPStatusError
from prefect.runtime import deployment

from domain.reminders.batches import Share, batches_of, unfinished_batches
from domain.reminders.history import delivered_by_run
from domain.reminders.policy_groups import policy_groups
from flows.ledger_tasks import undelivered_of
from flows.report import RunReport, Undelivered
from flows.runs import FLOW_TIMEOUT, TASK_TIMEOUT, Run, run_logger
from infra.db import session_scope
from infra.runtime import Runtime

DAILY_CHECK = "daily-check"
BATCH_FLOW = "daily-check-batch"
POLL_SECONDS = 2.0


def batch_deployment(runtime: Runtime) -> str | None:
    """The batch deployment beside the deployment this run came from (`daily-check-batch/
    daily-check-batch`, or its `-served` twin), when the day is to be split; else None."""
    own = deployment.name
    if runtime.settings.daily_check_batches < 2 or not own or not own.startswith(DAILY_CHECK):
        return None
    return f"{BATCH_FLOW}/{BATCH_FLOW}{own.removeprefix(DAILY_CHECK)}"


@task(name="start-batches", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def start_batches(run: Run, target: str, batches: int, replay: bool) -> list[str]:
    """Start one run of `target` per batch on the work pool, without waiting for any.

    Each start carries a key made of this run and the batch, so a retry of this run finds
    the batch runs it started before rather than starting more.
    """
    started = []
    for batch in range(batches):
        flow_run = cast(
            FlowRun,
            run_deployment(
                target,
                parameters={
                    "as_of": run.today.isoformat(),
                    "batch": batch,
                    "batches": batches,
                    "parent_run_id": run.holder.run_id,
                    "replay": replay,
                },
                timeout=0,
                idempotency_key=f"{run.holder.run_id}-batch-{batch}-of-{batches}",
            ),
        )
        started.append(str(flow_run.id))
    run_logger().info("started %d batch runs of %s", batches, target)
    return started


@dataclass(frozen=True)
class Waited:
    """How the batch runs ended: the state of each, by flow run id."""

    states: dict[str, str]

    @property
    def unfinished(self) -> list[str]:
        return [rid for rid, state in self.states.items() if state in UNFINAL]


UNFINAL = {"SCHEDULED", "PENDING", "RUNNING", "PAUSED", "CANCELLING"}


@task(name="await-batches", cache_policy=NO_CACHE, timeout_seconds=FLOW_TIMEOUT)
def await_batches(run_ids: list[str], lease_minutes: float) -> Waited:
    """Wait until every batch run has ended, or until one lease after the others ended.

    A batch whose process was killed stays Running in Prefect; its claims pass to another
    run once the lease is over, so waiting longer than that for it would gain nothing. The
    Prefect server going away for a while (a restart) only makes this wait longer.
    """
    grace = timedelta(minutes=lease_minutes).total_seconds()
    others_done_at: float | None = None
    while True:
        waited = read_states(run_ids)
        pending = waited.unfinished
        if not pending:
            return waited
        if len(pending) < len(run_ids) or len(run_ids) == 1:
            others_done_at = others_done_at or time.monotonic()
            if time.monotonic() - others_done_at > grace:
                run_logger().warning("%d batch run(s) never ended: %s", len(pending), pending)
                return waited
        time.sleep(POLL_SECONDS)


def read_states(run_ids: list[str]) -> Waited:
    """Each batch run's state as the server has it; RUNNING for any it could not be asked."""
    states = dict.fromkeys(run_ids, "RUNNING")
    try:
        with get_client(sync_client=True) as client:
            for rid in run_ids:
                found = client.read_flow_run(uuid.UUID(rid)).state_type
                states[rid] = found.value if found else "PENDING"
    except (httpx.HTTPError, PrefectHTTPStatusError) as error:
        run_logger().warning("the Prefect server did not answer (%s); asking again", error)
    return Waited(states)


def missing_shares(run: Run, runtime: Runtime, batches: int) -> list[Share]:
    """The batches of the day no batch run has finished."""
    with session_scope(runtime.engine) as session:
        return unfinished_batches(batches_of(session, run.holder.run_id), batches)


@task(name="add-up-batches", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def add_up(run: Run, runtime: Runtime, batches: int) -> tuple[RunReport, bool]:
    """The day's report, summed over its batch runs, and whether any batch never finished."""
    planned = cancelled = claimed = sent = messages = weekly = 0
    undelivered: list[Undelivered] = []
    with session_scope(runtime.engine) as session:
        seen = batches_of(session, run.holder.run_id)
        for batch in seen:
            planned, cancelled = planned + batch.planned, cancelled + batch.cancelled
            claimed, weekly = claimed + batch.claimed, weekly + batch.held_back
            went, people = delivered_by_run(session, batch.run_id)
            sent, messages = sent + went, messages + people
            undelivered += undelivered_of(session, batch.run_id)
        skipped = tuple(policy_groups(session).unreadable)
    missing = unfinished_batches(seen, batches)
    extra = (
        ("batches", str(batches)),
        *((share.describe(), "did not finish; the next run takes it over") for share in missing),
    )
    report = RunReport(
        flow=run.flow,
        run_date=run.today,
        planned=planned,
        cancelled=cancelled,
        claimed=claimed,
        sent=sent,
        messages=messages,
        held_for_weekly_day=weekly,
        undelivered=tuple(undelivered),
        extra=extra,
        skipped=skipped,
    )
    return report, bool(missing)
