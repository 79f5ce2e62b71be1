"""Addressing what a run holds: one digest per person, and each person's envelope.

A digest gathers a person's reminders, one item per area under its most urgent reason, and
the notices that a revised due date they asked for was not agreed. An
envelope goes to the person's email, their own targets, and the entries of the Apprise config
file tagged with their email address. The notifications package treats a tag that matches
nothing as a failed delivery, so only tags the file actually holds are passed on;
`config_tags` reads them with Apprise's own config reader, so a tag counts only when Apprise
loads its entry (its text format, `tag1, tag2=url`, takes no `@` in a tag: use YAML there).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from domain.calendar import london_date
from domain.dates import written_date
from domain.reminders.ledger import ClaimedReminder, Recipient
from domain.reminders.models import ReminderReason
from notifications.channels import DeliverySettings, Envelope
from notifications.delivery import config_tags as apprise_config_tags
from notifications.digests import URGENCY, DateNotAgreed, Digest, DigestItem, Reason
from notifications.rendering import Message

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


# The id of the "Record progress" form on the area page (web/templates/_area_forms.html).
PROGRESS_FORM = "record-progress"


# Where a person chooses their channels and rhythm: the section of "Your account".
SETTINGS_SECTION = "reminder-settings"


def settings_link(base_url: str) -> str:
    """The reader's reminder settings, linked from every digest."""
    return f"{base_url.rstrip('/')}/account#{SETTINGS_SECTION}"


def area_link(base_url: str, area_id: int) -> str:
    """The area page, opened at the form where the lead records progress."""
    return f"{base_url.rstrip('/')}/areas/{area_id}#{PROGRESS_FORM}"


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


def notice_of(reminder: ClaimedReminder, base_url: str) -> DateNotAgreed:
    """How a notice that a revised due date was not agreed appears in a digest."""
    assert reminder.area_id is not None and reminder.asked_for is not None
    return DateNotAgreed(
        area_id=str(reminder.area_id),
        title=reminder.title,
        authority=reminder.authority,
        asked_for=reminder.asked_for,
        because=reminder.not_agreed_because or "no reason was recorded",
        # The area page's note of the date not agreed (web/templates/_area_decisions.html).
        update_url=f"{base_url.rstrip('/')}/areas/{reminder.area_id}#date-not-agreed",
    )


def is_notice(reminder: ClaimedReminder) -> bool:
    """Whether the reminder is a notice that a date was not agreed (with its request found)."""
    return reminder.reason == ReminderReason.DATE_NOT_AGREED and reminder.asked_for is not None


def digests_for(
    claimed: Iterable[ClaimedReminder], *, today: date, base_url: str
) -> list[AddressedDigest]:
    """One digest per recipient: one item per area under its most urgent reason, and a notice
    for each revised due date they asked for that was not agreed.

    A digest whose items are all escalations is an escalation digest, grouped by lead. What a
    delegate receives for someone away comes in a digest of its own, marked as such.
    """
    by_recipient: dict[tuple[int, int | None], list[ClaimedReminder]] = defaultdict(list)
    for reminder in claimed:
        if reminder.area_id is not None and (reminder.reason in IN_DIGEST or is_notice(reminder)):
            behalf = reminder.on_behalf_of.person_id if reminder.on_behalf_of else None
            by_recipient[(reminder.recipient.id, behalf)].append(reminder)
    return [_addressed(reminders, today, base_url) for reminders in by_recipient.values()]


def _addressed(reminders: list[ClaimedReminder], today: date, base_url: str) -> AddressedDigest:
    """One recipient's digest of `reminders`, with the ledger rows it delivers."""
    urgent: dict[int, tuple[Reason, ClaimedReminder]] = {}
    for reminder in reminders:
        if is_notice(reminder):
            continue
        assert reminder.area_id is not None
        reason = IN_DIGEST[reminder.reason]
        held = urgent.get(reminder.area_id)
        if held is None or URGENCY.index(reason) < URGENCY.index(held[0]):
            urgent[reminder.area_id] = (reason, reminder)
    items = tuple(digest_item(r, reason, today, base_url) for reason, r in urgent.values())
    recipient = reminders[0].recipient
    escalation_only = bool(items) and all(item.reason == "escalation" for item in items)
    digest = Digest(
        recipient_name=recipient.name,
        recipient_email=recipient.email,
        kind="escalation" if escalation_only else "reminder",
        run_date=today,
        items=items,
        notices=tuple(notice_of(r, base_url) for r in reminders if is_notice(r)),
        away_note=away_note_of(reminders[0]),
        settings_url=settings_link(base_url),
    )
    return AddressedDigest(recipient, digest, tuple(r.id for r in reminders))


def away_note_of(reminder: ClaimedReminder) -> str:
    """'Priya Raman is away until 14 December 2026' for a reminder routed to a delegate."""
    behalf = reminder.on_behalf_of
    if behalf is None:
        return ""
    return f"{behalf.name} is away until {written_date(behalf.away_until)}"


@lru_cache(maxsize=8)
def _tags_of(path: Path, modified: float) -> frozenset[str]:
    return apprise_config_tags(path)


def config_tags(path: Path | None) -> frozenset[str]:
    """Every tag the Apprise config file at `path` gives an entry, as Apprise reads it (empty
    without a file); read again only when the file changes."""
    if path is None or not path.is_file():
        return frozenset()
    return _tags_of(path, path.stat().st_mtime)


def envelope_for(
    key: str, message: Message, recipient: Recipient, settings: DeliverySettings
) -> Envelope:
    """A message addressed to one person: their email, their own targets and their tagged ones."""
    email = recipient.email
    tagged = recipient.by_email and email.lower() in config_tags(settings.config_path)
    tags = (email,) if tagged else ()
    return Envelope(
        key=key,
        message=message,
        # Someone who chose other channels only is not emailed (domain.reminders.routing).
        to_email=email if recipient.by_email else None,
        to_name=recipient.name,
        extra_urls=recipient.extra_addresses,
        tags=tags,
    )
