"""One digest per person per run: every area once, under its most urgent reason."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.reminders.ledger import ClaimedReminder, Recipient
from domain.reminders.models import ReminderReason
from domain.vocabulary import Status
from notifications.addressing import area_link, digests_for

TODAY = date(2026, 6, 1)
LEAD = Recipient(1, "Priya Raman", "priya@example.org", ())
MANAGER = Recipient(2, "Sam Whitlock", "sam@example.org", ())


def claimed(
    reminder_id: int, reason: ReminderReason, recipient: Recipient, area_id: int, due: date
) -> ClaimedReminder:
    return ClaimedReminder(
        id=reminder_id,
        reason=reason,
        window_key=0,
        recipient=recipient,
        authority_id=1,
        authority="Eastmere Borough Council",
        area_id=area_id,
        title=f"Area {area_id}",
        status=Status.OPEN,
        due_date=due,
        original_due_date=due,
        lead_name="Priya Raman",
        last_progress_at=datetime(2026, 5, 31, 23, 30, tzinfo=UTC),
    )


def test_a_person_gets_one_digest_with_each_area_once_under_its_most_urgent_reason() -> None:
    rows = [
        claimed(1, ReminderReason.STALE, LEAD, 10, date(2026, 5, 1)),
        claimed(2, ReminderReason.OVERDUE, LEAD, 10, date(2026, 5, 1)),
        claimed(3, ReminderReason.DUE_SOON, LEAD, 11, date(2026, 6, 4)),
    ]
    [addressed] = digests_for(rows, today=TODAY, base_url="https://closeout.example.org/")
    assert addressed.reminder_ids == (1, 2, 3)
    assert addressed.digest.kind == "reminder"
    items = {item.area_id: item for item in addressed.digest.items}
    assert {k: v.reason for k, v in items.items()} == {"10": "overdue", "11": "due_soon"}
    assert items["10"].days_overdue == 31
    assert items["10"].update_url == "https://closeout.example.org/areas/10#record-progress"
    assert items["10"].last_update_on == date(2026, 6, 1)  # 23:30 UTC is past midnight in London


def test_a_digest_of_escalations_only_is_an_escalation_digest() -> None:
    rows = [
        claimed(1, ReminderReason.OVERDUE, LEAD, 10, date(2026, 5, 1)),
        claimed(2, ReminderReason.ESCALATE_MANAGER, MANAGER, 10, date(2026, 5, 1)),
        claimed(3, ReminderReason.ESCALATE_DIRECTOR, MANAGER, 10, date(2026, 5, 1)),
    ]
    digests = {a.recipient.email: a for a in digests_for(rows, today=TODAY, base_url="http://x")}
    assert digests["priya@example.org"].digest.kind == "reminder"
    manager = digests["sam@example.org"]
    assert manager.digest.kind == "escalation"
    assert [i.reason for i in manager.digest.items] == ["escalation"]
    assert manager.reminder_ids == (2, 3)


def test_the_update_link_opens_the_progress_form_under_the_base_url() -> None:
    assert area_link("http://127.0.0.1:8000/", 42) == (
        "http://127.0.0.1:8000/areas/42#record-progress"
    )
