"""The daily check: classify every open area, deliver today's reminders, report the run."""

from __future__ import annotations

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from pydantic.json_schema import SkipJsonSchema

from domain.permissions import SYSTEM
from domain.reminders.ledger import claimed_reminders
from domain.reminders.planning import DAILY_REASONS, PlanResult, plan_daily_reminders
from domain.reminders.run_records import DAILY_CHECK
from flows.ledger_tasks import Parcel, claim, deliver, delivery_or_fail, send_parcels, settle
from flows.report import RunReport
from flows.runs import (
    FLOW_TIMEOUT,
    TASK_TIMEOUT,
    Run,
    finish,
    lease_cutoff,
    publish,
    run_name,
    runtime_from_settings,
    start,
)
from infra.db import session_scope
from infra.runtime import Runtime
from notifications import Envelope, render_digest
from notifications.addressing import digests_for, envelope_for


@task(name="plan-reminders", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def plan_reminders(run: Run, runtime: Runtime) -> PlanResult:
    """Classify every open area in SQL and bring the ledger up to date for the day."""
    with session_scope(runtime.engine) as session:
        return plan_daily_reminders(
            session,
            today=run.today,
            now=runtime.clock.now(),
            run=run.holder,
            lease_cutoff=lease_cutoff(runtime),
            by=SYSTEM,
        )


@task(name="deliver-digests", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def deliver_digests(run: Run, runtime: Runtime) -> int:
    """Send each person one digest of all their claimed reminders; how many messages went.

    A channel that took some of the reminders before (a retry, or a run that stopped) gets a
    digest of only the others."""
    with session_scope(runtime.engine) as session:
        held = claimed_reminders(session, run.holder.token)
    by_id = {r.id: r for r in held}
    addressed = digests_for(held, today=run.today, base_url=runtime.settings.base_url)
    delivery = delivery_or_fail(run, runtime, [a.reminder_ids for a in addressed])

    def envelope_of(ids: tuple[int, ...]) -> Envelope:
        [one] = digests_for(
            [by_id[i] for i in ids], today=run.today, base_url=runtime.settings.base_url
        )
        return envelope_for(
            f"digest {one.recipient.email}", render_digest(one.digest), one.recipient, delivery
        )

    parcels = [
        Parcel(a.reminder_ids, envelope_of, {i: by_id[i].delivered_on for i in a.reminder_ids})
        for a in addressed
    ]
    return send_parcels(run, runtime, parcels, delivery)


def so_far(
    run: Run, plan: PlanResult, held: int, elsewhere: tuple[tuple[str, str], ...] = ()
) -> RunReport:
    """The run's report before delivery: what it planned, cancelled, held and left out, and
    what other runs still hold."""
    resting = len(plan.resting_authorities)
    return RunReport(
        flow=run.flow,
        run_date=run.today,
        planned=plan.planned,
        cancelled=plan.cancelled,
        claimed=held,
        extra=((("authorities resting today", str(resting)),) if resting else ()) + elsewhere,
        skipped=tuple(plan.skipped_authorities),
    )


@flow(
    name="daily-check",
    flow_run_name=run_name("daily-check"),
    timeout_seconds=FLOW_TIMEOUT,
)
def daily_check(
    as_of: date | None = None,
    replay: bool = False,
    runtime: SkipJsonSchema[Runtime | None] = None,
) -> RunReport:
    """Classify every open area, deliver today's reminders as one digest per person, report."""
    runtime = runtime or runtime_from_settings()
    run = start(DAILY_CHECK, as_of, runtime, replay=replay)
    plan = plan_reminders(run, runtime)  # new reminders come held
    claimed = claim(run, runtime, DAILY_REASONS, plan.active_authorities)
    held = plan.planned + claimed.count
    stopped_short = deliver(run, runtime, deliver_digests, held=held)
    report = settle(run, runtime, so_far(run, plan, held, claimed.held_elsewhere))
    publish(report)
    return finish(run, report, runtime, stopped_short=stopped_short)
