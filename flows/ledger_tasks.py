"""The ledger steps every sending flow shares: claim, deliver with retries, and settle.

Each step is one Prefect task doing set-based work in a short transaction of its own, so a run
is a handful of task runs however many areas there are. The delivery settings, which may hold
a secret, are read from the runtime inside the step that uses them, never passed to a task.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy import select
from sqlmodel import Session, col

from domain.accounts.models import Person
from domain.calendar import LONDON
from domain.dates import written_date
from domain.reminders.history import delivered_by_run
from domain.reminders.ledger import (
    claim_reminders,
    held_elsewhere,
    record_channel,
    record_failure,
    record_sent,
    release_claims,
    undelivered_of_run,
)
from domain.reminders.models import ReminderReason
from flows.report import RunReport, Undelivered
from flows.runs import TASK_TIMEOUT, Run, lease_cutoff, run_logger
from infra.db import session_scope, write_patiently
from infra.runtime import Runtime
from notifications import (
    DeliveryError,
    DeliveryOutcome,
    DeliverySettings,
    Envelope,
    NotificationError,
)
from notifications.batch import Send, send_each
from notifications.channels import message_id_for
from notifications.delivery import channel_keys

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Parcel:
    """What one person is owed: the ledger rows, the channels each has reached already, and
    how to write the message for any of them (a retry on one channel may carry fewer)."""

    reminder_ids: tuple[int, ...]
    envelope_of: Callable[[tuple[int, ...]], Envelope]
    delivered_on: Mapping[int, frozenset[str]] = field(default_factory=dict)


class DeliveriesPending(Exception):
    """Some messages failed in a way that may pass; Prefect retries the delivery task."""


@dataclass(frozen=True)
class Claimed:
    """What a run took hold of, and what other runs still hold, in words for the report."""

    count: int
    held_elsewhere: tuple[tuple[str, str], ...] = ()


@task(name="claim-reminders", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def claim(
    run: Run,
    runtime: Runtime,
    reasons: Sequence[ReminderReason],
    authority_ids: Collection[int] | None,
) -> Claimed:
    """Take hold of every pending reminder no other run holds, and say what others hold."""
    cutoff = lease_cutoff(runtime)
    with session_scope(runtime.engine) as session:
        count = claim_reminders(
            session,
            run=run.holder,
            now=runtime.clock.now(),
            lease_cutoff=cutoff,
            reasons=reasons,
            authority_ids=authority_ids,
        )
        others = held_elsewhere(
            session,
            run=run.holder,
            lease_cutoff=cutoff,
            reasons=reasons,
            authority_ids=authority_ids,
        )
    lease = timedelta(minutes=runtime.settings.claim_lease_minutes)
    lines = tuple(
        (
            f"held by run {h.run_id}",
            f"{h.count} reminder(s), released by {london_time(h.claimed_at + lease)} "
            "at the latest, or when that run finishes",
        )
        for h in others
    )
    for name, value in lines:
        run_logger().warning("%s: %s", name, value)
    return Claimed(count, lines)


def london_time(moment: datetime) -> str:
    """'10:42 on 1 June 2026', in England."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {written_date(local.date())}"


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
            record_failure(session, ids, token=run.holder.token, error=str(runtime.delivery))
    raise runtime.delivery


@dataclass
class _Progress:
    """What the run knows of its parcels while it sends: each reminder's channels, the ones
    that accepted it so far, and how many messages went or failed."""

    wanted: dict[int, tuple[str, ...]] = field(default_factory=dict)
    reached: dict[int, set[str]] = field(default_factory=dict)
    sent: int = 0
    failed: list[DeliveryOutcome] = field(default_factory=list)


def send_parcels(
    run: Run, runtime: Runtime, parcels: Sequence[Parcel], delivery: DeliverySettings
) -> int:
    """Send every parcel on each of its channels that has not accepted it yet, recording each
    outcome as it comes; say how many messages went.

    Raises DeliveriesPending when any failure may pass, so the task's retries try again:
    they send only on the channels that have not accepted the message.
    """
    progress = _Progress()
    sends = _sends(run, runtime, parcels, delivery, progress)
    batches = send_each(
        sends,
        delivery,
        max_workers=runtime.settings.delivery_concurrency,
        now=runtime.clock.now(),
    )
    for batch in batches:
        record_batch(run, runtime, batch, progress)
    logger = run_logger()
    for outcome in progress.failed:
        logger.warning("not delivered: %s", outcome.error)
    total = progress.sent + len(progress.failed)
    logger.info("%d of %d messages delivered", progress.sent, total)
    if any(o.retryable for o in progress.failed):
        raise DeliveriesPending(f"{len(progress.failed)} of {total} messages were not delivered")
    return progress.sent


def _sends(
    run: Run,
    runtime: Runtime,
    parcels: Sequence[Parcel],
    delivery: DeliverySettings,
    progress: _Progress,
) -> list[Send]:
    """One message per parcel and channel, carrying the reminders that channel has not
    taken yet, each with a Message-ID made from its ledger rows and channel."""
    domain = urlsplit(runtime.settings.base_url).hostname or "closeout.local"
    sends = []
    for parcel in parcels:
        whole = parcel.envelope_of(parcel.reminder_ids)
        try:
            keys = channel_keys(whole, delivery)
        except DeliveryError as exc:
            with session_scope(runtime.engine) as session:
                record_failure(session, parcel.reminder_ids, token=run.holder.token, error=str(exc))
            progress.failed.append(DeliveryOutcome(whole.key, "failed", error=str(exc)))
            continue
        for rid in parcel.reminder_ids:
            progress.wanted[rid] = keys
            progress.reached[rid] = set(parcel.delivered_on.get(rid, ()))
        for key in keys:
            ids = tuple(i for i in parcel.reminder_ids if key not in progress.reached[i])
            if ids:
                envelope = whole if ids == parcel.reminder_ids else parcel.envelope_of(ids)
                stable = replace(envelope, message_id=message_id_for(key, ids, domain))
                sends.append(Send(stable, key, ref=ids))
    return sends


def record_batch(
    run: Run, runtime: Runtime, batch: Sequence[tuple[Send, DeliveryOutcome]], progress: _Progress
) -> None:
    """Write a batch of outcomes to the ledger at once (channels that accepted, reminders all
    channels took, failures); the messages are sent, so a database restart only delays it."""
    token, now = run.holder.token, runtime.clock.now()

    def write(session: Session) -> dict[int, set[str]]:
        reached: dict[int, set[str]] = {}
        for send, outcome in batch:
            ids = send.ref
            if not outcome.is_sent:
                error = outcome.error or "lost"
                record_failure(session, ids, token=token, error=error, commit=False)
                continue
            first = send.channel == progress.wanted[ids[0]][0]
            record_channel(
                session, ids, channel=send.channel, first=first, token=token, now=now, commit=False
            )
            for rid in ids:
                reached.setdefault(rid, set(progress.reached[rid])).add(send.channel)
            done = [i for i in ids if set(progress.wanted[i]) <= reached[i]]
            if done:
                record_sent(session, done, token=token, now=now, commit=False)
        session.commit()  # the whole batch at once, before the next message starts
        return reached

    patience = runtime.settings.record_patience_seconds
    progress.reached.update(write_patiently(runtime.engine, write, patience_seconds=patience))
    progress.sent += sum(1 for _, outcome in batch if outcome.is_sent)
    progress.failed.extend(outcome for _, outcome in batch if not outcome.is_sent)


def release(run: Run, runtime: Runtime) -> None:
    """Let go of what the run still holds; reminders out of attempts become failed."""
    with session_scope(runtime.engine) as session:
        release_claims(session, run=run.holder, max_attempts=runtime.settings.delivery_attempts)


@task(name="settle-run", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
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
