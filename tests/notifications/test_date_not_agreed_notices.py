"""A revised due date that was not agreed reaches the person who asked in their next digest:
one notice with the date and the reason, on its own or beside their reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.reminders.ledger import ClaimedReminder, Recipient
from domain.reminders.models import ReminderReason
from domain.vocabulary import Status
from notifications.addressing import digests_for
from notifications.rendering import render_digest

TODAY = date(2026, 6, 1)
LEAD = Recipient(1, "Priya Raman", "priya@example.org", ())
MANAGER = Recipient(2, "Sam Whitlock", "sam@example.org", ())
NOTICE = ClaimedReminder(
    id=7,
    reason=ReminderReason.DATE_NOT_AGREED,
    window_key=3,
    recipient=LEAD,
    authority_id=1,
    authority="Eastmere Borough Council",
    area_id=10,
    title="Plans <lack> timescales",
    status=Status.OPEN,
    due_date=date(2026, 6, 30),
    asked_for=date(2026, 9, 30),
    not_agreed_because="Not before the audit & the board",
)
SENTENCE = (
    "Your request for a new due date of 30 September 2026 was not agreed: "
    "Not before the audit & the board"
)


def test_a_notice_on_its_own_makes_a_digest_of_its_own() -> None:
    [addressed] = digests_for([NOTICE], today=TODAY, base_url="https://closeout.example.org")
    assert addressed.reminder_ids == (7,)
    digest = addressed.digest
    assert (digest.kind, digest.items) == ("reminder", ())
    [notice] = digest.notices
    assert notice.update_url == "https://closeout.example.org/areas/10#date-not-agreed"
    message = render_digest(digest)
    assert message.subject == "Closeout: 1 new due date not agreed"
    assert SENTENCE in message.text
    assert "A new due date you asked for was not agreed. The reason is below." in message.text
    assert SENTENCE.replace("&", "&amp;") in message.html
    assert "Plans &lt;lack&gt; timescales" in message.html


def test_a_notice_joins_the_reminders_of_the_same_person() -> None:
    overdue = replace(
        NOTICE,
        id=8,
        reason=ReminderReason.OVERDUE,
        window_key=0,
        area_id=11,
        title="Visits",
        due_date=date(2026, 5, 1),
        asked_for=None,
        not_agreed_because=None,
    )
    escalation = replace(overdue, id=9, reason=ReminderReason.ESCALATE_MANAGER, recipient=MANAGER)
    digests = {
        a.recipient.email: a
        for a in digests_for([NOTICE, overdue, escalation], today=TODAY, base_url="http://x")
    }
    mine = digests["priya@example.org"]
    assert mine.reminder_ids == (7, 8)
    assert ([i.area_id for i in mine.digest.items], len(mine.digest.notices)) == (["11"], 1)
    message = render_digest(mine.digest)
    assert message.subject.startswith("Closeout: 1 overdue, 1 new due date not agreed — ")
    assert SENTENCE in message.text
    assert digests["sam@example.org"].digest.kind == "escalation"
    assert digests["sam@example.org"].digest.notices == ()
