"""The daily check: classify every open area, deliver today's reminders, report the run."""

from __future__ import annotations

import uuid
from datetime import date

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from pydantic.json_schema import SkipJsonSchema

from domain.permissions import SYSTEM
from domain.reminders.batches import Share, batch_finished, batch_started
from domain.reminders.ledger import claimed_reminders
from domain.reminders.planning import DAILY_REASONS, PlanResult, RunClaim, plan_daily_reminders
from domain.reminders.routing import record_routing, route
from domain.reminders.run_records import DAILY_CHECK
from flows.fan_out import add_up, await_batches, batch_deployment, missing_shares, start_batches
from flows.ledger_tasks import (
    Parcel,
    claim,
    deliver,
    delivery_or_fail,
    release,
    send_parcels,
    settle,
)
from flows.reply_tokens import digest_envelope
from flows.report import DeliveriesFailed, RunReport
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
from notifications import Envelope
from notifications.addressing import digests_for


@task(name="plan-reminders", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def plan_reminders(run: Run, runtime: Runtime, share: Share | None = None) -> PlanResult:
    """Classify every open area (of one batch's authorities, with `share`) in SQL and bring
    the ledger up to date for the day."""
    with session_scope(runtime.engine) as session:
        return plan_daily_reminders(
            session,
            today=run.today,
            now=runtime.clock.now(),
            run=run.holder,
            lease_cutoff=lease_cutoff(runtime),
            by=SYSTEM,
            share=share,
        )


@task(name="hold-back-for-weekly-days", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def hold_back(run: Run, runtime: Runtime) -> int:
    """Let go of the reminders that wait for a weekly reader's day; how many.

    Done before delivery, whose retries would find them gone and could not count them."""
    with session_scope(runtime.engine) as session:
        routed = route(session, claimed_reminders(session, run.holder.token), run.today)
        record_routing(session, routed, token=run.holder.token)
    return len(routed.held_back)


def held_for_weekly_days(run: Run, runtime: Runtime, *, held: int) -> int:
    """How many held reminders wait for a weekly reader's day, let go; on an error, let go
    of everything the run holds before the error goes on, as delivery does."""
    if not held:
        return 0
    try:
        return hold_back(run, runtime)
    except BaseException:
        release(run, runtime)
        raise


@task(name="deliver-digests", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def deliver_digests(run: Run, runtime: Runtime) -> int:
    """Send each person one digest of all their claimed reminders; how many messages went.

    A channel that took some of the reminders before (a retry, or a run that stopped) gets a
    digest of only the others."""
    with session_scope(runtime.engine) as session:
        # To delegates for people away; what waits for a weekly reader's day is let go
        # already (hold_back), though a reader who turned weekly since would be let go here.
        routed = route(session, claimed_reminders(session, run.holder.token), run.today)
        record_routing(session, routed, token=run.holder.token)
    held = routed.reminders
    by_id = {r.id: r for r in held}
    addressed = digests_for(held, today=run.today, base_url=runtime.settings.base_url)
    delivery = delivery_or_fail(run, runtime, [a.reminder_ids for a in addressed])

    def envelope_of(ids: tuple[int, ...]) -> Envelope:
        [one] = digests_for(
            [by_id[i] for i in ids], today=run.today, base_url=runtime.settings.base_url
        )
        return digest_envelope(runtime, run.today, one, delivery)

    parcels = [
        Parcel(a.reminder_ids, envelope_of, {i: by_id[i].delivered_on for i in a.reminder_ids})
        for a in addressed
    ]
    return send_parcels(run, runtime, parcels, delivery)


def so_far(
    run: Run,
    plan: PlanResult,
    held: int,
    elsewhere: tuple[tuple[str, str], ...] = (),
    weekly: int = 0,
) -> RunReport:
    """The run's report before delivery: what it planned, cancelled, held and left out, what
    waits for a weekly reader's day, and what other runs still hold."""
    resting = len(plan.resting_authorities)
    return RunReport(
        flow=run.flow,
        run_date=run.today,
        planned=plan.planned,
        cancelled=plan.cancelled,
        claimed=held,
        held_for_weekly_day=weekly,
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
    """Classify every open area, deliver today's reminders as one digest per person, report.

    Deployed with CLOSEOUT_DAILY_CHECK_BATCHES above one, the day is split into batch runs
    on the work pool instead, and this run adds up what they did.
    """
    runtime = runtime or runtime_from_settings()
    run = start(DAILY_CHECK, as_of, runtime, replay=replay)
    target = batch_deployment(runtime)
    if target is not None:
        return split_day(run, runtime, target, replay=replay)
    plan = plan_reminders(run, runtime)  # new reminders come held
    claimed = claim(run, runtime, DAILY_REASONS, plan.active_authorities)
    held = plan.planned + claimed.count
    weekly = held_for_weekly_days(run, runtime, held=held)
    stopped_short = deliver(run, runtime, deliver_digests, held=held - weekly)
    report = settle(run, runtime, so_far(run, plan, held, claimed.held_elsewhere, weekly))
    publish(report)
    return finish(run, report, runtime, stopped_short=stopped_short)


def split_day(run: Run, runtime: Runtime, target: str, *, replay: bool) -> RunReport:
    """Run the day as batch runs of `target`, run here any batch whose run died, add up."""
    batches = runtime.settings.daily_check_batches
    started = start_batches(run, target, batches, replay)
    await_batches(started, runtime.settings.claim_lease_minutes)
    for share in missing_shares(run, runtime, batches):
        # Its run never finished (its worker died, or an error stopped it): run it here. A
        # dead run's claims are free once its lease has passed; what is still held then, the
        # next run sends.
        daily_check_batch(
            run.today, share.batch, share.batches, run.holder.run_id, replay, return_state=True
        )
    report, stopped_short = add_up(run, runtime, batches)
    publish(report)
    return finish(run, report, runtime, stopped_short=stopped_short)


def batch_run_name() -> str:
    """daily-check-2026-12-08-batch-2-of-3."""
    given = flow_run.parameters or {}
    return f"daily-check-{given.get('as_of')}-batch-{int(given.get('batch', 0)) + 1}-of-" + str(
        given.get("batches")
    )


@flow(name="daily-check-batch", flow_run_name=batch_run_name, timeout_seconds=FLOW_TIMEOUT)
def daily_check_batch(
    as_of: date,
    batch: int,
    batches: int,
    parent_run_id: str,
    replay: bool = False,
    runtime: SkipJsonSchema[Runtime | None] = None,
) -> RunReport:
    """One batch of a split day: plan, claim and deliver its authorities' reminders only."""
    del replay  # the parent records the day's run and whether it is a replay
    runtime = runtime or runtime_from_settings()
    share = Share(batch, batches)
    holder = RunClaim(run_id=str(flow_run.id or uuid.uuid4()), token=uuid.uuid4().hex)
    run = Run(f"{DAILY_CHECK} {share.describe()}", as_of, holder)
    with session_scope(runtime.engine) as session:
        batch_started(
            session,
            run_id=holder.run_id,
            parent_run_id=parent_run_id,
            run_date=as_of,
            share=share,
            now=runtime.clock.now(),
        )
    plan = plan_reminders(run, runtime, share)
    claimed = claim(run, runtime, DAILY_REASONS, plan.active_authorities)
    held = plan.planned + claimed.count
    weekly = held_for_weekly_days(run, runtime, held=held)
    stopped_short = deliver(run, runtime, deliver_digests, held=held - weekly)
    report = settle(run, runtime, so_far(run, plan, held, claimed.held_elsewhere, weekly))
    with session_scope(runtime.engine) as session:
        batch_finished(
            session,
            run_id=holder.run_id,
            now=runtime.clock.now(),
            succeeded=not (report.is_failed or stopped_short),
            planned=plan.planned,
            cancelled=plan.cancelled,
            claimed=claimed.count,
            held_back=weekly,
        )
    if report.is_failed or stopped_short:
        raise DeliveriesFailed(report)
    return report
