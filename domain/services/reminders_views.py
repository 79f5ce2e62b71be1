"""Reading the ledger back: how often and when each lead was chased about an area."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from domain.models import Person, Reminder, ReminderState, WorkingDay


def reminders_of(
    session: Session,
    *,
    area_id: int | None = None,
    recipient_id: int | None = None,
    state: ReminderState | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Ledger rows matching every filter given, oldest first, with the day each window opened."""
    recipient = aliased(Person, name="recipient")
    opened = aliased(WorkingDay, name="opened")
    query = (
        select(Reminder, recipient.email, opened.day)
        .join(recipient, recipient.id == Reminder.recipient_id)
        .outerjoin(
            opened,
            and_(opened.number == Reminder.window_key, opened.is_working.is_(True)),  # type: ignore[attr-defined]
        )
        .order_by(Reminder.created_at, Reminder.id)
    )
    if area_id is not None:
        query = query.where(Reminder.area_id == area_id)
    if recipient_id is not None:
        query = query.where(Reminder.recipient_id == recipient_id)
    if state is not None:
        query = query.where(Reminder.state == state)
    if limit is not None:
        query = query.limit(limit)
    return [
        {
            "id": reminder.id,
            "area_id": reminder.area_id,
            "reason": reminder.reason.value,
            "window_opened": day.isoformat() if day else None,
            "recipient": email,
            "due_date_version": reminder.due_date_version,
            "state": reminder.state.value,
            "attempts": reminder.attempts,
            "planned_at": reminder.created_at.isoformat(),
            "sent_at": reminder.sent_at.isoformat() if reminder.sent_at else None,
            "last_error": reminder.last_error,
        }
        for reminder, email, day in session.execute(query).all()
    ]


def delivered_by_run(session: Session, run_id: str) -> tuple[int, int]:
    """How many reminders a run delivered, and to how many people."""
    found = session.execute(
        select(func.count(), func.count(distinct(Reminder.recipient_id))).where(
            Reminder.run_id == run_id, Reminder.state == ReminderState.SENT
        )
    ).one()
    return int(found[0]), int(found[1])


def reminder_history(session: Session, area_id: int) -> list[dict[str, Any]]:
    """An area's delivered and failed reminders as history entries (with the `_order` key)."""
    recipient = aliased(Person, name="recipient")
    query = (
        select(Reminder, recipient.email)
        .join(recipient, recipient.id == Reminder.recipient_id)
        .where(
            Reminder.area_id == area_id,
            Reminder.state.in_([ReminderState.SENT, ReminderState.FAILED]),  # type: ignore[attr-defined]
        )
    )
    entries = []
    for reminder, email in session.execute(query).all():
        at = reminder.sent_at or reminder.created_at
        entries.append(
            {
                "at": at.isoformat(),
                "type": "reminder",
                "reason": reminder.reason.value,
                "to": email,
                "state": reminder.state.value,
                "attempts": reminder.attempts,
                "_order": (at, 2, reminder.id),
            }
        )
    return entries
