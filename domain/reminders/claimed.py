"""What a run holds of the reminder ledger, read with what a digest says about each one: the
area, its lead, the recipient and, for a notice that a date was not agreed, the request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, and_, select
from sqlmodel import Session

from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea, DueDateChange
from domain.reminders.models import ReminderReason
from domain.reminders.planning import IS_PENDING, LEDGER
from domain.reminders.rules_sql import table_of
from domain.vocabulary import Status


@dataclass(frozen=True)
class Recipient:
    """Who a claimed reminder goes to; `extra_addresses` may hold secrets, so never log them."""

    id: int
    name: str
    email: str
    extra_addresses: tuple[str, ...]
    by_email: bool = True  # False when they chose other channels only (their preferences)


@dataclass(frozen=True)
class OnBehalf:
    """Whom a reminder was meant for when it goes to their delegate while they are away."""

    person_id: int
    name: str
    away_until: date


@dataclass(frozen=True)
class ClaimedReminder:
    """A reminder this run holds, with what a digest says about its area.

    A notice that a revised due date was not agreed also carries the date asked for
    (`asked_for`) and the reason given (`not_agreed_because`)."""

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
    delivered_on: frozenset[str] = frozenset()  # channels that accepted it already
    asked_for: date | None = None
    not_agreed_because: str | None = None
    on_behalf_of: OnBehalf | None = None  # set when routed to a delegate (domain.reminders.routing)


def channels_of(delivered_on: str | None) -> frozenset[str]:
    """The channel keys a reminder's `delivered_on` holds."""
    return frozenset(key for key in (delivered_on or "").split("|") if key)


def claimed_reminders(session: Session, token: str) -> list[ClaimedReminder]:
    """The reminders `token` holds and has not yet delivered, with their areas and recipients."""
    recipient, lead = table_of(Person).alias("recipient"), table_of(Person).alias("lead")
    area, authority = table_of(DevelopmentArea), table_of(Authority)
    change = table_of(DueDateChange)
    about_a_request = and_(
        LEDGER.c.reason == ReminderReason.DATE_NOT_AGREED.value,
        change.c.id == LEDGER.c.window_key,
    )
    query = (
        select(
            LEDGER.c.id,
            LEDGER.c.reason,
            LEDGER.c.window_key,
            LEDGER.c.authority_id,
            LEDGER.c.area_id,
            LEDGER.c.delivered_on,
            recipient.c.id.label("recipient_id"),
            recipient.c.name.label("recipient_name"),
            recipient.c.email,
            recipient.c.extra_addresses,
            authority.c.name.label("authority"),
            area.c.title,
            area.c.status,
            area.c.due_date,
            area.c.original_due_date,
            area.c.last_progress_at,
            lead.c.name.label("lead_name"),
            change.c.to_date.label("asked_for"),
            change.c.decision_note.label("not_agreed_because"),
        )
        .join(recipient, recipient.c.id == LEDGER.c.recipient_id)
        .join(authority, authority.c.id == LEDGER.c.authority_id)
        .outerjoin(area, area.c.id == LEDGER.c.area_id)
        .outerjoin(lead, lead.c.id == area.c.owner_id)
        .outerjoin(change, about_a_request)
        .where(LEDGER.c.claim_token == token, IS_PENDING)
        .order_by(LEDGER.c.recipient_id, LEDGER.c.id)
    )
    return [_claimed(row) for row in session.execute(query)]


def _claimed(row: Row[Any]) -> ClaimedReminder:
    """A row of claimed_reminders' query as the digest reads it; a readiness report has no area."""
    return ClaimedReminder(
        id=row.id,
        reason=ReminderReason(row.reason),
        window_key=row.window_key,
        recipient=Recipient(
            row.recipient_id, row.recipient_name, row.email, tuple(row.extra_addresses or ())
        ),
        authority_id=row.authority_id,
        authority=row.authority,
        area_id=row.area_id,
        title=row.title or "",
        status=Status(row.status or Status.OPEN),
        due_date=row.due_date,
        original_due_date=row.original_due_date,
        lead_name=row.lead_name,
        last_progress_at=row.last_progress_at,
        delivered_on=channels_of(row.delivered_on),
        asked_for=row.asked_for,
        not_agreed_because=row.not_agreed_because,
    )
