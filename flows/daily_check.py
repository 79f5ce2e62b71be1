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
from flows.runs import Run, finish, lease_cutoff, publish, runtime_from_settings, start
from infra.db import session_scope
from infra.runtime import Runtime
from notifications import render_digest
from notifications.addressing import digests_for, envelope_for


@task(name="plan-reminders", cache_policy=NO_CACHE)
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


@task(name="deliver-digests", cache_policy=NO_CACHE)
def deliver_digests(run: Run, runtime: Runtime) -> int:
    """Send one digest per person holding all their claimed reminders; how many went."""
    with session_scope(runtime.engine) as session:
        held = claimed_reminders(session, run.holder.token)
    addressed = digests_for(held, today=run.today, base_url=runtime.settings.base_url)
    delivery = delivery_or_fail(run, runtime, [a.reminder_ids for a in addressed])
    parcels = [
        Parcel(
            envelope_for(
                f"digest {a.recipient.email}", render_digest(a.digest), a.recipient, delivery
            ),
            a.reminder_ids,
        )
        for a in addressed
    ]
    return send_parcels(run, runtime, parcels, delivery)


def so_far(run: Run, plan: PlanResult, held: int) -> RunReport:
    """The run's report before delivery: what it planned, cancelled, held and left out."""
    resting = len(plan.resting_authorities)
    return RunReport(
        flow=run.flow,
        run_date=run.today,
        planned=plan.planned,
        cancelled=plan.cancelled,
        claimed=held,
        extra=(("authorities resting today", str(resting)),) if resting else (),
        skipped=tuple(plan.skipped_authorities),
    )


@flow(name="daily-check")
def daily_check(
    as_of: date | None = None, runtime: SkipJsonSchema[Runtime | None] = None
) -> RunReport:
    """Classify every open area, deliver today's reminders as one digest per person, report."""
    runtime = runtime or runtime_from_settings()
    run = start(DAILY_CHECK, as_of, runtime)
    plan = plan_reminders(run, runtime)  # new reminders come held
    held = plan.planned + claim(run, runtime, DAILY_REASONS, plan.active_authorities)
    stopped_short = deliver(run, runtime, deliver_digests, held=held)
    report = settle(run, runtime, so_far(run, plan, held))
    publish(report)
    return finish(run, report, runtime, stopped_short=stopped_short)
