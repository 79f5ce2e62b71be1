"""Turning the reminders a run holds into one digest per person, each item linking to its area."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.calendar import london_date
from domain.reminders.ledger import ClaimedReminder, Recipient
from domain.reminders.models import ReminderReason
from notifications import Digest, DigestItem, Reason
from notifications.digests import URGENCY

IN_DIGEST: dict[ReminderReason, Reason] = {
    ReminderReason.OVERDUE: "overdue",
    ReminderReason.DUE_TODAY: "due_today",
    ReminderReason.DUE_SOON: "due_soon",
    ReminderReason.STALE: "stale",
    ReminderReason.AT_RISK: "at_risk",
    ReminderReason.ESCALATE_MANAGER: "escalation",
    ReminderReason.ESCALATE_DIRECTOR: "escalation",
}


@dataclass(frozen=True)
class AddressedDigest:
    """One person's digest and the ledger rows it delivers."""

    recipient: Recipient
    digest: Digest
    reminder_ids: tuple[int, ...]


def area_link(base_url: str, area_id: int) -> str:
    """The page where the lead records progress on an area."""
    return f"{base_url.rstrip('/')}/areas/{area_id}"


def digest_item(
    reminder: ClaimedReminder, reason: Reason, today: date, base_url: str
) -> DigestItem:
    """How one area appears in a digest on `today`."""
    assert reminder.area_id is not None
    due, updated = reminder.due_date, reminder.last_progress_at
    return DigestItem(
        area_id=str(reminder.area_id),
        title=reminder.title,
        authority=reminder.authority,
        status=reminder.status.value,
        reason=reason,
        update_url=area_link(base_url, reminder.area_id),
        due_date=due,
        original_due_date=reminder.original_due_date,
        days_overdue=max((today - due).days, 0) if due else 0,
        lead_name=reminder.lead_name,
        last_update_on=london_date(updated) if updated else None,
    )


def digests_for(
    claimed: Iterable[ClaimedReminder], *, today: date, base_url: str
) -> list[AddressedDigest]:
    """One digest per recipient, one item per area under its most urgent reason.

    A digest made only of escalations is an escalation digest, grouped by lead.
    """
    by_recipient: dict[int, list[ClaimedReminder]] = defaultdict(list)
    for reminder in claimed:
        if reminder.area_id is not None and reminder.reason in IN_DIGEST:
            by_recipient[reminder.recipient.id].append(reminder)
    found = []
    for reminders in by_recipient.values():
        urgent: dict[int, tuple[Reason, ClaimedReminder]] = {}
        for reminder in reminders:
            assert reminder.area_id is not None
            reason = IN_DIGEST[reminder.reason]
            held = urgent.get(reminder.area_id)
            if held is None or URGENCY.index(reason) < URGENCY.index(held[0]):
                urgent[reminder.area_id] = (reason, reminder)
        items = tuple(digest_item(r, reason, today, base_url) for reason, r in urgent.values())
        recipient = reminders[0].recipient
        escalation_only = all(item.reason == "escalation" for item in items)
        digest = Digest(
            recipient_name=recipient.name,
            recipient_email=recipient.email,
            kind="escalation" if escalation_only else "reminder",
            run_date=today,
            items=items,
        )
        found.append(AddressedDigest(recipient, digest, tuple(r.id for r in reminders)))
    return found
