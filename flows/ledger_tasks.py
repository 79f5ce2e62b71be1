"""The ledger steps every sending flow shares: claim, deliver with retries, settle and report.

Each step is one Prefect task doing set-based work in a short transaction of its own, so a run
is a handful of task runs however many areas there are. No task takes a secret as an argument
(Prefect records arguments); delivery settings are read inside the task that uses them.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ParamSpec, TypeVar

from prefect import Task, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError
from prefect.runtime import flow_run
from sqlalchemy import select

from domain.accounts.models import Person
from domain.reminders.history import delivered_by_run
from domain.reminders.ledger import (
    claim_reminders,
    record_failure,
    record_sent,
    release_claims,
    undelivered_of_run,
)
from domain.reminders.models import ReminderReason
from domain.reminders.run_records import run_finished, run_started
from flows.channels import delivery_settings
from flows.report import DeliveriesFailed, RunReport, Undelivered
from infra import clock
from infra.db import session_scope
from infra.settings import get_settings
from notifications import (
    DeliveryOutcome,
    DeliverySettings,
    Envelope,
    NotificationError,
    deliver_all,
)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Parcel:
    """An envelope and the ledger rows its delivery settles."""

    envelope: Envelope
    reminder_ids: tuple[int, ...]


def run_logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The run's logger inside Prefect, a plain one when a flow is called as a function."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("closeout.flows")


class DeliveriesPending(Exception):
    """Some messages failed in a way that may pass; Prefect retries the delivery task."""


@dataclass(frozen=True)
class Run:
    """One run of a sending flow: the day it acts for, its id and the token it claims with."""

    flow: str
    today: date
    run_id: str
    token: str


def start_run(flow: str, as_of: date | None) -> Run:
    """A run for `as_of` (today in England when None), named by Prefect's flow run id."""
    # Without Prefect's engine (a flow called with .fn) there is no flow run id to use.
    run = Run(flow, clock.today(as_of), str(flow_run.id or uuid.uuid4()), uuid.uuid4().hex)
    with session_scope() as session:
        run_started(session, flow=flow, run_id=run.run_id, run_date=run.today, now=clock.now())
    return run


def lease_cutoff() -> datetime:
    """Claims made before this moment belong to runs that have died."""
    return clock.now() - timedelta(minutes=get_settings().claim_lease_minutes)


@task(name="claim-reminders", cache_policy=NO_CACHE)
def claim(
    token: str,
    run_id: str,
    reasons: Sequence[ReminderReason],
    authority_ids: Collection[int] | None,
) -> int:
    """Take hold of every pending reminder no other run holds."""
    with session_scope() as session:
        return claim_reminders(
            session,
            token=token,
            run_id=run_id,
            now=clock.now(),
            lease_cutoff=lease_cutoff(),
            reasons=reasons,
            authority_ids=authority_ids,
        )


def record_outcomes(
    token: str, parcels: Sequence[Parcel], outcomes: Sequence[DeliveryOutcome]
) -> None:
    """Write each parcel's outcome to the ledger; transient failures stay held for a retry."""
    with session_scope() as session:
        for parcel, outcome in zip(parcels, outcomes, strict=True):
            if outcome.is_sent:
                record_sent(session, parcel.reminder_ids, token=token, now=clock.now())
            else:
                record_failure(
                    session,
                    parcel.reminder_ids,
                    token=token,
                    error=outcome.error or "delivery failed",
                    retry_in_run=outcome.retryable,
                )


def send_parcels(token: str, parcels: Sequence[Parcel], delivery: DeliverySettings) -> int:
    """Deliver the parcels outside any transaction, record the outcomes, and say how many went.

    Raises DeliveriesPending when any failure may pass, so the task's retries try again.
    """
    logger = run_logger()
    outcomes = deliver_all(
        [p.envelope for p in parcels],
        delivery,
        max_workers=get_settings().delivery_concurrency,
        now=clock.now(),
    )
    record_outcomes(token, parcels, outcomes)
    failed = [o for o in outcomes if not o.is_sent]
    for outcome in failed:
        logger.warning("not delivered: %s", outcome.error)
    logger.info("%d of %d messages delivered", len(outcomes) - len(failed), len(outcomes))
    if any(o.retryable for o in failed):
        raise DeliveriesPending(f"{len(failed)} of {len(outcomes)} messages were not delivered")
    return len(outcomes) - len(failed)


def delivery_or_fail(token: str, groups: Sequence[Sequence[int]]) -> DeliverySettings:
    """The delivery settings; when they are unusable, every held reminder records why."""
    try:
        return delivery_settings(get_settings())
    except NotificationError as error:
        with session_scope() as session:
            for ids in groups:
                record_failure(session, ids, token=token, error=str(error), retry_in_run=False)
        raise


@task(name="settle-run", cache_policy=NO_CACHE)
def settle(token: str, run_id: str) -> tuple[int, int, tuple[Undelivered, ...]]:
    """Let go of what the run still holds and count what it delivered and what it could not."""
    with session_scope() as session:
        release_claims(
            session, token=token, run_id=run_id, max_attempts=get_settings().delivery_attempts
        )
        sent, messages = delivered_by_run(session, run_id)
        rows = undelivered_of_run(session, run_id)
        recipients = {r.recipient_id for r in rows}
        emails = dict(
            session.execute(
                select(Person.id, Person.email).where(Person.id.in_(recipients))  # type: ignore[union-attr]
            ).all()
        )
        undelivered = tuple(
            Undelivered(
                reminder_id=r.id or 0,
                area_id=r.area_id,
                reason=r.reason.value,
                recipient=emails.get(r.recipient_id, ""),
                state=r.state.value,
                attempts=r.attempts,
                error=r.last_error or "",
            )
            for r in rows
        )
    return sent, messages, undelivered


@task(name="publish-report", cache_policy=NO_CACHE)
def publish(report: RunReport, key: str) -> None:
    """Log the report's summary and publish it as a markdown artifact of the run."""
    run_logger().info(report.summary())
    create_markdown_artifact(report.markdown(), key=key, description=report.summary())


def with_retries(step: Task[P, R]) -> Task[P, R]:
    """A delivery task retried in-run, as settings say, for transient failures."""
    settings = get_settings()
    return step.with_options(
        retries=settings.delivery_retries,
        retry_delay_seconds=settings.delivery_retry_delay_seconds,
    )


def deliver_and_report(
    run: Run,
    *,
    claimed: int,
    deliver: Callable[[], object],
    planned: int,
    cancelled: int,
    extra: tuple[tuple[str, str], ...] = (),
    skipped: tuple[tuple[str, str], ...] = (),
) -> RunReport:
    """Deliver what the run holds, settle the ledger, publish the report, fail if any failed.

    The run ends Failed (by raising DeliveriesFailed) only after everything it could do has
    been recorded, so Prefect's alerting sees the failure and the ledger sees the rest.
    """
    problem: Exception | None = None
    try:
        if claimed:
            deliver()
    except (DeliveriesPending, NotificationError) as error:
        problem = error  # the ledger holds each reminder's own error
    finally:
        # Also after an unexpected error, so no reminder stays held until its lease runs out.
        sent, messages, undelivered = settle(run.token, run.run_id)
    report = RunReport(
        flow=run.flow,
        run_date=run.today,
        planned=planned,
        cancelled=cancelled,
        claimed=claimed,
        sent=sent,
        messages=messages,
        undelivered=undelivered,
        extra=extra,
        skipped=skipped,
    )
    publish(report, run.flow.replace(" ", "-"))
    failed = report.is_failed or problem is not None
    with session_scope() as session:
        run_finished(
            session,
            run_id=run.run_id,
            now=clock.now(),
            succeeded=not failed,
            summary=report.counts(),
        )
    if failed:
        raise DeliveriesFailed(report)
    return report
