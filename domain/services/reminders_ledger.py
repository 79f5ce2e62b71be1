"""Claiming pending reminders for one run, recording each delivery's outcome, and reading back.

A run claims rows by stamping its own token on them in one UPDATE; a row already stamped by
another run (whose lease has not run out) is left alone, so two runs at once never deliver the
same reminder. Delivery happens outside any transaction; its outcome is written afterwards.
Each claim counts as one attempt, however often the run retries inside itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import aliased
from sqlmodel import Session

from domain.models import (
    Authority,
    DevelopmentArea,
    Person,
    Reminder,
    ReminderReason,
    ReminderState,
    Status,
)
from domain.services.reminders_plan import CHUNK, unheld_pending


@dataclass(frozen=True)
class Recipient:
    """Who a claimed reminder goes to; `extra_addresses` may hold secrets, so never log them."""

    id: int
    name: str
    email: str
    extra_addresses: tuple[str, ...]


@dataclass(frozen=True)
class ClaimedReminder:
    """A reminder this run holds, with what a digest says about its area."""

    id: int
    reason: ReminderReason
    window_key: int
    recipient: Recipient
    authority_id: int
    authority: str
    area_id: int | None
    title: str = ""
    status: Status = Status.OPEN
    due_date: date | None = None
    original_due_date: date | None = None
    lead_name: str | None = None
    last_progress_at: datetime | None = None


def _count(result: object) -> int:
    assert isinstance(result, CursorResult)
    return max(result.rowcount, 0)


def claim_reminders(
    session: Session,
    *,
    token: str,
    run_id: str,
    now: datetime,
    lease_cutoff: datetime,
    reasons: Collection[ReminderReason],
    authority_ids: Collection[int] | None = None,
) -> int:
    """Stamp this run's token on every unheld pending reminder of `reasons`; how many it took."""
    statement = (
        update(Reminder)
        .where(unheld_pending(lease_cutoff), Reminder.reason.in_(list(reasons)))  # type: ignore[attr-defined]
        .values(
            claim_token=token,
            claimed_at=now,
            run_id=run_id,
            attempts=Reminder.attempts + 1,
            last_error=None,  # errors recorded from here on are this attempt's
        )
        .execution_options(synchronize_session=False)
    )
    if authority_ids is not None:
        statement = statement.where(Reminder.authority_id.in_(list(authority_ids)))  # type: ignore[attr-defined]
    claimed = _count(session.execute(statement))
    session.commit()
    return claimed


def claimed_reminders(session: Session, token: str) -> list[ClaimedReminder]:
    """The reminders `token` holds and has not yet delivered, with their areas and recipients."""
    recipient = aliased(Person, name="recipient")
    lead = aliased(Person, name="lead")
    query = (
        select(Reminder, recipient, Authority.name, DevelopmentArea, lead.name)
        .join(recipient, recipient.id == Reminder.recipient_id)
        .join(Authority, Authority.id == Reminder.authority_id)  # type: ignore[arg-type]
        .outerjoin(DevelopmentArea, DevelopmentArea.id == Reminder.area_id)  # type: ignore[arg-type]
        .outerjoin(lead, lead.id == DevelopmentArea.owner_id)
        .where(Reminder.claim_token == token, Reminder.state == ReminderState.PENDING)
        .order_by(Reminder.recipient_id, Reminder.id)
    )
    found = []
    for reminder, person, authority, area, lead_name in session.execute(query).all():
        assert reminder.id is not None and person.id is not None
        details = {}
        if area is not None:
            details = {
                "title": area.title,
                "status": area.status,
                "due_date": area.due_date,
                "original_due_date": area.original_due_date,
                "lead_name": lead_name,
                "last_progress_at": area.last_progress_at,
            }
        found.append(
            ClaimedReminder(
                id=reminder.id,
                reason=reminder.reason,
                window_key=reminder.window_key,
                recipient=Recipient(
                    person.id, person.name, person.email, tuple(person.extra_addresses or ())
                ),
                authority_id=reminder.authority_id,
                authority=authority,
                area_id=reminder.area_id,
                **details,
            )
        )
    return found


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def record_sent(session: Session, ids: Sequence[int], *, token: str, now: datetime) -> int:
    """Mark reminders this run delivered as sent and let go of them."""
    done = 0
    for chunk in _chunks(ids):
        done += _count(
            session.execute(
                update(Reminder)
                .where(Reminder.id.in_(chunk), Reminder.claim_token == token)  # type: ignore[union-attr]
                .values(state=ReminderState.SENT, sent_at=now, claim_token=None, last_error=None)
                .execution_options(synchronize_session=False)
            )
        )
    session.commit()
    return done


def record_failure(
    session: Session, ids: Sequence[int], *, token: str, error: str, retry_in_run: bool
) -> None:
    """Note a failed delivery (its error already redacted); keep hold only to retry in-run."""
    values: dict[str, object] = {"last_error": error[:1000]}
    if not retry_in_run:
        values["claim_token"] = None
    for chunk in _chunks(ids):
        session.execute(
            update(Reminder)
            .where(Reminder.id.in_(chunk), Reminder.claim_token == token)  # type: ignore[union-attr]
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    session.commit()


def release_claims(session: Session, *, token: str, run_id: str, max_attempts: int) -> None:
    """Let go of every reminder the run still holds; those out of attempts become failed.

    Also marks failed the undelivered reminders this run claimed and released earlier.
    """
    out_of_attempts = Reminder.attempts >= max_attempts
    session.execute(
        update(Reminder)
        .where(Reminder.claim_token == token, Reminder.state == ReminderState.PENDING)
        .values(claim_token=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Reminder)
        .where(
            Reminder.run_id == run_id,
            Reminder.state == ReminderState.PENDING,
            Reminder.claim_token.is_(None),  # type: ignore[union-attr]
            Reminder.last_error.is_not(None),  # type: ignore[union-attr]
        )
        .values(state=case((out_of_attempts, ReminderState.FAILED.value), else_=Reminder.state))
        .execution_options(synchronize_session=False)
    )
    session.commit()


def undelivered_of_run(session: Session, run_id: str) -> list[Reminder]:
    """The reminders a run claimed but could not deliver: failed for good, or pending retry."""
    query = (
        select(Reminder)
        .where(
            Reminder.run_id == run_id,
            Reminder.state.in_([ReminderState.PENDING, ReminderState.FAILED]),  # type: ignore[attr-defined]
            Reminder.last_error.is_not(None),  # type: ignore[union-attr]
        )
        .order_by(Reminder.id)
    )
    return list(session.execute(query).scalars())
