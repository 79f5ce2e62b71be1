"""The ledger steps every sending flow shares: claim, deliver with retries, and settle.

Each step is one Prefect task doing set-based work in a short transaction of its own, so a run
is a handful of task runs however many areas there are. Every step takes the run and the
runtime; the delivery settings, which may hold a secret, are read from the runtime inside the
step that uses them and are never a task's own argument.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any, ParamSpec, TypeVar

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy import select
from sqlmodel import Session, col

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
from flows.report import RunReport, Undelivered
from flows.runs import Run, lease_cutoff, run_logger
from infra.db import session_scope
from infra.runtime import Runtime
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


class DeliveriesPending(Exception):
    """Some messages failed in a way that may pass; Prefect retries the delivery task."""


@task(name="claim-reminders", cache_policy=NO_CACHE)
def claim(
    run: Run,
    runtime: Runtime,
    reasons: Sequence[ReminderReason],
    authority_ids: Collection[int] | None,
) -> int:
    """Take hold of every pending reminder no other run holds."""
    with session_scope(runtime.engine) as session:
        return claim_reminders(
            session,
            run=run.holder,
            now=runtime.clock.now(),
            lease_cutoff=lease_cutoff(runtime),
            reasons=reasons,
            authority_ids=authority_ids,
        )


def with_retries(step: Task[P, R], runtime: Runtime) -> Task[P, R]:
    """A delivery task retried in-run, as settings say, for transient failures."""
    return step.with_options(
        retries=runtime.settings.delivery_retries,
        retry_delay_seconds=runtime.settings.delivery_retry_delay_seconds,
    )


def deliver(run: Run, runtime: Runtime, step: Task[..., int], *args: Any, held: int) -> bool:
    """Deliver what the run holds with `step`, retried as settings say; whether it stopped short.

    A failed delivery does not end the run: the ledger holds each reminder's own error, and
    the run goes on to settle and report. On any other error what the run holds is let go
    before the error goes on, so no reminder stays held until its lease runs out.
    """
    if not held:
        return False
    try:
        with_retries(step, runtime)(run, runtime, *args)
    except (DeliveriesPending, NotificationError):
        return True
    except BaseException:
        release(run, runtime)
        raise
    return False


def delivery_or_fail(
    run: Run, runtime: Runtime, groups: Sequence[Sequence[int]]
) -> DeliverySettings:
    """The delivery settings; when they are unusable, every held reminder records why."""
    if not isinstance(runtime.delivery, NotificationError):
        return runtime.delivery
    with session_scope(runtime.engine) as session:
        for ids in groups:
            record_failure(
                session,
                ids,
                token=run.holder.token,
                error=str(runtime.delivery),
                retry_in_run=False,
            )
    raise runtime.delivery


def send_parcels(
    run: Run, runtime: Runtime, parcels: Sequence[Parcel], delivery: DeliverySettings
) -> int:
    """Deliver the parcels outside any transaction, record the outcomes, and say how many went.

    Raises DeliveriesPending when any failure may pass, so the task's retries try again.
    """
    logger = run_logger()
    outcomes = deliver_all(
        [p.envelope for p in parcels],
        delivery,
        max_workers=runtime.settings.delivery_concurrency,
        now=runtime.clock.now(),
    )
    record_outcomes(run, runtime, parcels, outcomes)
    failed = [o for o in outcomes if not o.is_sent]
    for outcome in failed:
        logger.warning("not delivered: %s", outcome.error)
    logger.info("%d of %d messages delivered", len(outcomes) - len(failed), len(outcomes))
    if any(o.retryable for o in failed):
        raise DeliveriesPending(f"{len(failed)} of {len(outcomes)} messages were not delivered")
    return len(outcomes) - len(failed)


def record_outcomes(
    run: Run, runtime: Runtime, parcels: Sequence[Parcel], outcomes: Sequence[DeliveryOutcome]
) -> None:
    """Write each parcel's outcome to the ledger; transient failures stay held for a retry."""
    token = run.holder.token
    with session_scope(runtime.engine) as session:
        for parcel, outcome in zip(parcels, outcomes, strict=True):
            if outcome.is_sent:
                record_sent(session, parcel.reminder_ids, token=token, now=runtime.clock.now())
            else:
                record_failure(
                    session,
                    parcel.reminder_ids,
                    token=token,
                    error=outcome.error or "delivery failed",
                    retry_in_run=outcome.retryable,
                )


def release(run: Run, runtime: Runtime) -> None:
    """Let go of what the run still holds; reminders out of attempts become failed."""
    with session_scope(runtime.engine) as session:
        release_claims(session, run=run.holder, max_attempts=runtime.settings.delivery_attempts)


@task(name="settle-run", cache_policy=NO_CACHE)
def settle(run: Run, runtime: Runtime, report: RunReport) -> RunReport:
    """Let go of what the run still holds, and complete its report with what it delivered."""
    release(run, runtime)
    with session_scope(runtime.engine) as session:
        sent, messages = delivered_by_run(session, run.holder.run_id)
        undelivered = undelivered_of(session, run.holder.run_id)
    return replace(report, sent=sent, messages=messages, undelivered=undelivered)


def undelivered_of(session: Session, run_id: str) -> tuple[Undelivered, ...]:
    """Every reminder the run could not deliver, with its recipient's email."""
    rows = undelivered_of_run(session, run_id)
    recipients = {r.recipient_id for r in rows}
    found = session.execute(
        select(col(Person.id), col(Person.email)).where(col(Person.id).in_(recipients))
    )
    emails: dict[int | None, str] = {pid: email for pid, email in found}
    return tuple(
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
