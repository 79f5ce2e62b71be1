"""Reading the ledger back: how often and when each lead was chased about an area."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, distinct, func, literal_column, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from domain.accounts.models import Person
from domain.reminders.models import Reminder, ReminderReason, ReminderState, WorkingDay


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger row read back: what was owed to whom about which area, and how it went."""

    id: int
    area_id: int | None
    reason: str
    window_opened: str | None
    recipient: str
    due_date_version: str
    state: str
    attempts: int
    planned_at: str
    sent_at: str | None
    last_error: str | None


# A list of the ledger shows every field but the due date a row was planned against, which
# tells planning (not a person) whether a moved date owes a new reminder.
LEDGER_COLUMNS = tuple(f.name for f in fields(LedgerEntry) if f.name != "due_date_version")


def reminders_of(
    session: Session,
    *,
    area_id: int | None = None,
    recipient_id: int | None = None,
    state: ReminderState | None = None,
    limit: int | None = None,
) -> list[LedgerEntry]:
    """Ledger rows matching every filter given, oldest first, with the day each window opened."""
    recipient = aliased(Person, name="recipient")
    opened = aliased(WorkingDay, name="opened")
    escalations = [r.value for r in ReminderReason if r.is_escalation]
    escalation = case((col(Reminder.reason).in_(escalations), 1), else_=0)
    query = (
        select(Reminder, col(recipient.email), col(opened.day))
        .join(recipient, col(recipient.id) == col(Reminder.recipient_id))
        .outerjoin(
            opened,
            and_(col(opened.number) == col(Reminder.window_key), col(opened.is_working).is_(True)),
        )
        # Within one run, the lead's own reminders come before the escalations about them.
        .order_by(col(Reminder.created_at), col(Reminder.window_key), escalation, col(Reminder.id))
    )
    if area_id is not None:
        query = query.where(col(Reminder.area_id) == area_id)
    if recipient_id is not None:
        query = query.where(col(Reminder.recipient_id) == recipient_id)
    if state is not None:
        query = query.where(col(Reminder.state) == state)
    if limit is not None:
        query = query.limit(limit)
    return [_entry(reminder, email, day) for reminder, email, day in session.execute(query).all()]


def _entry(reminder: Reminder, email: str, day: date | None) -> LedgerEntry:
    assert reminder.id is not None
    return LedgerEntry(
        id=reminder.id,
        area_id=reminder.area_id,
        reason=reminder.reason.value,
        window_opened=day.isoformat() if day else None,
        recipient=email,
        due_date_version=reminder.due_date_version,
        state=reminder.state.value,
        attempts=reminder.attempts,
        planned_at=reminder.created_at.isoformat(),
        sent_at=reminder.sent_at.isoformat() if reminder.sent_at else None,
        last_error=reminder.last_error,
    )


def delivered_by_run(session: Session, run_id: str) -> tuple[int, int]:
    """How many reminders a run delivered, and to how many people."""
    found = session.execute(
        select(func.count(), func.count(distinct(col(Reminder.recipient_id)))).where(
            col(Reminder.run_id) == run_id,
            # Written out, so SQLite sees the condition of the partial index on sent rows.
            col(Reminder.state) == literal_column(f"'{ReminderState.SENT.value}'"),
        )
    ).one()
    return int(found[0]), int(found[1])


@dataclass(frozen=True)
class SentReminder:
    """One reminder or escalation sent (or tried and failed) about an area."""

    id: int
    area_id: int
    at: datetime
    kind: str
    escalation: bool
    recipient: str
    state: str
    reason: str
    attempts: int
    on_behalf_of: str | None = None  # whom it was for, when it went to their delegate


def sent_reminders(session: Session, area_ids: Iterable[int]) -> dict[int, list[SentReminder]]:
    """Reminders and escalations sent or failed, per area, oldest first; those still owed or
    cancelled are left out."""
    ids = list(area_ids)
    if not ids:
        return {}
    owed_to = aliased(Person)
    query = (
        # It went to the delegate of someone away, when the ledger names one.
        select(Reminder, col(Person.email), col(owed_to.email))
        .join(
            Person,
            col(Person.id) == func.coalesce(col(Reminder.delegate_id), col(Reminder.recipient_id)),
        )
        .join(owed_to, col(owed_to.id) == col(Reminder.recipient_id))
        .where(
            col(Reminder.area_id).in_(ids),
            col(Reminder.state).in_([ReminderState.SENT, ReminderState.FAILED]),
        )
        .order_by(func.coalesce(col(Reminder.sent_at), col(Reminder.created_at)), col(Reminder.id))
    )
    found: dict[int, list[SentReminder]] = {}
    for reminder, email, meant_for in session.execute(query).all():
        found.setdefault(reminder.area_id, []).append(
            SentReminder(
                id=reminder.id or 0,
                area_id=reminder.area_id,
                at=reminder.sent_at or reminder.created_at,
                kind="reminder",
                escalation=reminder.reason.is_escalation,
                recipient=email,
                state=reminder.state.value,
                reason=reminder.reason.value,
                attempts=reminder.attempts,
                on_behalf_of=meant_for if reminder.delegate_id is not None else None,
            )
        )
    return found


def reminder_history(session: Session, area_id: int) -> list[dict[str, Any]]:
    """An area's delivered and failed reminders as history entries (with the `_order` key)."""
    return [
        {
            "at": r.at.isoformat(),
            "type": "reminder",
            "reason": r.reason,
            "to": r.recipient,
            "state": r.state,
            "attempts": r.attempts,
            "on_behalf_of": r.on_behalf_of,
            "_order": (r.at, 2, r.id),
        }
        for r in sent_reminders(session, [area_id]).get(area_id, [])
    ]
