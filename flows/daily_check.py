"""The daily check: classify every open area, deliver today's reminders, report the run."""

from __future__ import annotations

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from domain.reminders.ledger import claimed_reminders
from domain.reminders.planning import DAILY_REASONS, PlanResult, RunClaim, plan_daily_reminders
from domain.reminders.run_records import DAILY_CHECK
from flows.channels import envelope_for
from flows.digests import digests_for
from flows.ledger_tasks import (
    Parcel,
    claim,
    deliver_and_report,
    delivery_or_fail,
    lease_cutoff,
    send_parcels,
    start_run,
    with_retries,
)
from flows.report import RunReport
from infra import clock
from infra.db import session_scope
from infra.settings import get_settings
from notifications import render_digest


@task(name="plan-reminders", cache_policy=NO_CACHE)
def plan_reminders(today: date, run_id: str, token: str) -> PlanResult:
    """Classify every open area in SQL and bring the ledger up to date for the day."""
    with session_scope() as session:
        return plan_daily_reminders(
            session,
            today=today,
            now=clock.now(),
            run=RunClaim(run_id, token),
            lease_cutoff=lease_cutoff(),
        )


@task(name="deliver-digests", cache_policy=NO_CACHE)
def deliver_digests(token: str, today: date) -> int:
    """Send one digest per person holding all their claimed reminders; how many went."""
    with session_scope() as session:
        held = claimed_reminders(session, token)
    addressed = digests_for(held, today=today, base_url=get_settings().base_url)
    delivery = delivery_or_fail(token, [a.reminder_ids for a in addressed])
    parcels = [
        Parcel(
            envelope_for(
                f"digest {a.recipient.email}", render_digest(a.digest), a.recipient, delivery
            ),
            a.reminder_ids,
        )
        for a in addressed
    ]
    return send_parcels(token, parcels, delivery)


@flow(name="daily-check")
def daily_check(as_of: date | None = None) -> RunReport:
    """Classify every open area, deliver today's reminders as one digest per person, report."""
    run = start_run(DAILY_CHECK, as_of)
    plan = plan_reminders(run.today, run.run_id, run.token)  # new reminders come held
    older = claim(run.token, run.run_id, DAILY_REASONS, plan.active_authorities)
    resting = len(plan.resting_authorities)
    return deliver_and_report(
        run,
        claimed=plan.planned + older,
        deliver=lambda: with_retries(deliver_digests)(run.token, run.today),
        planned=plan.planned,
        cancelled=plan.cancelled,
        extra=(("authorities resting today", str(resting)),) if resting else (),
        skipped=tuple(plan.skipped_authorities),
    )
