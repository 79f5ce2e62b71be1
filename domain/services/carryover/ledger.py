"""Reading the reminders and escalations sent about areas, when a reminder ledger is installed.

The ledger belongs to the notifications side and may not exist in every installation, so it
is found by its shape among the domain's tables (a table named for reminders, a ledger or
notifications, with an `area_id` column) and read by the field names it is likely to have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import inspect as inspect_db
from sqlalchemy import select
from sqlmodel import Session

import domain.models
from domain.models import Person

_TABLE_WORDS = ("remind", "ledger", "notification")
_WHEN = ("sent_at", "delivered_at", "created_at", "recorded_at", "queued_at", "at")
_KIND = ("kind", "digest_kind", "message_kind", "type")
_REASON = ("reason", "reasons", "trigger")
_RECIPIENT = ("recipient_email", "recipient", "to_address", "email", "recipient_id", "person_id")
_STATE = ("status", "state", "outcome")
_LEVEL = ("escalation_level", "level", "escalated_to")
# Rows in these states were never sent: owed for a later run, or no longer wanted.
_NOT_SENT = frozenset({"pending", "cancelled", "queued", "planned"})


@dataclass(frozen=True)
class SentReminder:
    """One reminder or escalation sent (or tried and failed) about an area."""

    area_id: int
    at: datetime | None
    kind: str
    escalation: bool
    recipient: str | None
    state: str | None
    reason: str | None


def ledger_table() -> Any | None:
    """The reminder ledger's table among the domain's tables, or None if not installed."""
    for name in getattr(domain.models, "__all__", ()):
        table = getattr(getattr(domain.models, name, None), "__table__", None)
        if table is None or "area_id" not in table.c:
            continue
        if any(word in table.name.lower() for word in _TABLE_WORDS):
            return table
    return None


def is_ledger_installed(session: Session) -> bool:
    """Whether the ledger table is known and exists in this database."""
    table = ledger_table()
    return table is not None and inspect_db(session.get_bind()).has_table(table.name)


def reminders_of(session: Session, area_ids: Iterable[int]) -> dict[int, list[SentReminder]]:
    """Reminders and escalations sent (or failed) per area, oldest first; those still owed
    or cancelled are left out, and there are none when no ledger is installed."""
    table = ledger_table()
    ids = list(area_ids)
    if table is None or not ids or not is_ledger_installed(session):
        return {}
    emails = _people_emails(session)
    found: dict[int, list[SentReminder]] = {}
    for row in session.connection().execute(select(table).where(table.c.area_id.in_(ids))):
        values = dict(row._mapping)
        reminder = _reminder(values, emails)
        if (reminder.state or "").lower() not in _NOT_SENT:
            found.setdefault(values["area_id"], []).append(reminder)
    for items in found.values():
        items.sort(key=lambda r: (r.at is None, r.at.timestamp() if r.at else 0.0))
    return found


def _first(values: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((values[n] for n in names if values.get(n) not in (None, "")), None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


def _reminder(values: dict[str, Any], emails: dict[int, str]) -> SentReminder:
    when = _first(values, _WHEN)
    kind = _text(_first(values, _KIND)) or "reminder"
    reason = _text(_first(values, _REASON))
    recipient = _first(values, _RECIPIENT)
    if isinstance(recipient, int):
        recipient = emails.get(recipient, str(recipient))
    level = _first(values, _LEVEL)
    escalation = "escalat" in f"{kind} {reason or ''}".lower() or bool(
        level and str(level) not in ("0", "lead")
    )
    return SentReminder(
        area_id=values["area_id"],
        at=when if isinstance(when, datetime) else None,
        kind=kind,
        escalation=escalation,
        recipient=_text(recipient),
        state=_text(_first(values, _STATE)),
        reason=reason,
    )


def _people_emails(session: Session) -> dict[int, str]:
    rows = session.connection().execute(select(Person.id, Person.email))  # type: ignore[call-overload]
    return {pid: email for pid, email in rows}
