"""Claiming pending reminders for one run, recording each delivery's outcome, and reading back.

A run claims rows by stamping its own token on them in one UPDATE; a row already stamped by
another run (whose lease has not run out) is left alone, so two runs at once never deliver the
same reminder. Delivery happens outside any transaction; each channel's outcome is written as
soon as it is known, so a run killed part-way re-sends only what was in flight. Each claim
counts as one attempt, however often the run retries inside itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session

# Re-exported: what a run holds is read in claimed.py, beside the ledger's writers here.
from domain.reminders.claimed import ClaimedReminder as ClaimedReminder
from domain.reminders.claimed import Recipient as Recipient
from domain.reminders.claimed import channels_of as channels_of
from domain.reminders.claimed import claimed_reminders as claimed_reminders
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.reminders.planning import CHUNK, IS_PENDING, LEDGER, RunClaim, unheld_pending


def _count(result: object) -> int:
    assert isinstance(result, CursorResult)
    return max(result.rowcount, 0)


def claim_reminders(
    session: Session,
    *,
    run: RunClaim,
    now: datetime,
    lease_cutoff: datetime,
    reasons: Collection[ReminderReason],
    authority_ids: Collection[int] | None = None,
) -> int:
    """Stamp the run's token on every unheld pending reminder of `reasons`; how many it took."""
    statement = (
        update(LEDGER)
        .where(unheld_pending(lease_cutoff), LEDGER.c.reason.in_(list(reasons)))
        .values(
            claim_token=run.token,
            claimed_at=now,
            run_id=run.run_id,
            attempts=LEDGER.c.attempts + 1,
            last_error=None,  # errors recorded from here on are this attempt's
        )
        .execution_options(synchronize_session=False)
    )
    if authority_ids is not None:
        statement = statement.where(LEDGER.c.authority_id.in_(list(authority_ids)))
    claimed = _count(session.execute(statement))
    session.commit()
    return claimed


@dataclass(frozen=True)
class HeldElsewhere:
    """Pending reminders another run holds: how many, and when it last claimed them (its
    hold ends a lease after that, or when it finishes)."""

    run_id: str
    count: int
    claimed_at: datetime


def held_elsewhere(
    session: Session,
    *,
    run: RunClaim,
    lease_cutoff: datetime,
    reasons: Collection[ReminderReason],
    authority_ids: Collection[int] | None = None,
) -> list[HeldElsewhere]:
    """The pending reminders of `reasons` (about `authority_ids`, or any authority) that other
    live runs hold, by run (`lease_cutoff` is now less the lease: older claims belong to runs
    that died, and are free)."""
    query = (
        select(LEDGER.c.run_id, func.count(), func.max(LEDGER.c.claimed_at))
        .where(
            IS_PENDING,
            LEDGER.c.reason.in_(list(reasons)),
            LEDGER.c.claim_token.is_not(None),
            LEDGER.c.claim_token != run.token,
            LEDGER.c.claimed_at >= lease_cutoff,
        )
        .group_by(LEDGER.c.run_id)
        .order_by(LEDGER.c.run_id)
    )
    if authority_ids is not None:
        query = query.where(LEDGER.c.authority_id.in_(list(authority_ids)))
    return [
        HeldElsewhere(run_id or "", count, last) for run_id, count, last in session.execute(query)
    ]


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def record_channel(
    session: Session,
    ids: Sequence[int],
    *,
    channel: str,
    first: bool,
    token: str,
    now: datetime,
    commit: bool = True,
) -> None:
    """Note that `channel` accepted these held reminders; its first channel (`first`) makes a
    reminder count as delivered from `now`. Committed at once unless `commit` is False (the
    caller commits a batch), so a crash re-sends nothing recorded here."""
    if "|" in channel or not channel:
        raise ValueError(f"channel key {channel!r} must be non-empty and hold no '|'")
    marked = func.coalesce(LEDGER.c.delivered_on, "")
    values: dict[str, Any] = {
        "delivered_on": case(
            (marked == "", f"|{channel}|"),
            else_=marked + f"{channel}|",
        )
    }
    if first:
        values["sent_at"] = func.coalesce(LEDGER.c.sent_at, now)
    for chunk in _chunks(ids):
        session.execute(
            update(LEDGER)
            .where(
                LEDGER.c.id.in_(chunk),
                LEDGER.c.claim_token == token,
                ~marked.contains(f"|{channel}|", autoescape=True),
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    if commit:
        session.commit()


def record_sent(
    session: Session, ids: Sequence[int], *, token: str, now: datetime, commit: bool = True
) -> int:
    """Mark reminders this run delivered on every channel as sent and let go of them."""
    done = 0
    for chunk in _chunks(ids):
        done += _count(
            session.execute(
                update(LEDGER)
                .where(LEDGER.c.id.in_(chunk), LEDGER.c.claim_token == token)
                .values(
                    state=ReminderState.SENT,
                    sent_at=func.coalesce(LEDGER.c.sent_at, now),
                    claim_token=None,
                    last_error=None,
                )
                .execution_options(synchronize_session=False)
            )
        )
    if commit:
        session.commit()
    return done


def record_failure(
    session: Session, ids: Sequence[int], *, token: str, error: str, commit: bool = True
) -> None:
    """Note a failed delivery (its error already redacted). The run keeps hold of the
    reminders until it settles, so what another channel delivers meanwhile is recorded too."""
    for chunk in _chunks(ids):
        session.execute(
            update(LEDGER)
            .where(LEDGER.c.id.in_(chunk), LEDGER.c.claim_token == token)
            .values(last_error=error[:1000])
            .execution_options(synchronize_session=False)
        )
    if commit:
        session.commit()


def release_claims(session: Session, *, run: RunClaim, max_attempts: int) -> None:
    """Let go of every reminder the run still holds; those out of attempts become failed.

    A reminder its first channel accepted is sent, even if another channel failed. Also
    marks failed the undelivered reminders this run claimed and released earlier.
    """
    out_of_attempts = LEDGER.c.attempts >= max_attempts
    # Delivered on the first channel: sent, though another channel failed (its error stays).
    session.execute(
        update(LEDGER)
        .where(LEDGER.c.claim_token == run.token, IS_PENDING, LEDGER.c.sent_at.is_not(None))
        .values(state=ReminderState.SENT, claim_token=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(LEDGER)
        .where(LEDGER.c.claim_token == run.token, IS_PENDING)
        .values(claim_token=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(LEDGER)
        .where(
            LEDGER.c.run_id == run.run_id,
            IS_PENDING,
            LEDGER.c.claim_token.is_(None),
            LEDGER.c.last_error.is_not(None),
        )
        .values(state=case((out_of_attempts, ReminderState.FAILED.value), else_=LEDGER.c.state))
        .execution_options(synchronize_session=False)
    )
    session.commit()


def undelivered_of_run(session: Session, run_id: str) -> list[Reminder]:
    """The reminders a run claimed but could not deliver on every channel: failed for good,
    pending a retry, or sent on their first channel while another failed."""
    query = (
        select(Reminder)
        .where(LEDGER.c.run_id == run_id, LEDGER.c.last_error.is_not(None))
        .order_by(LEDGER.c.id)
    )
    return list(session.execute(query).scalars())
