"""Notices that join a person's next digest because of a decision, not a rule: a revised due
date they asked for was not agreed.

A notice is a row of the reminder ledger like any other, keyed by the request it is about
(`window_key` holds the request's id), so it is sent once, retried when delivery fails, and
listed with the area's reminders. Planning never cancels it: the rules do not plan notices.
"""

from __future__ import annotations

from datetime import datetime

from domain.areas.models import DevelopmentArea, DueDateChange
from domain.reminders.models import Reminder, ReminderReason, ReminderState


def date_not_agreed_notice(
    area: DevelopmentArea, change: DueDateChange, *, now: datetime
) -> Reminder:
    """The notice telling whoever asked for `change` that it was not agreed, owed from `now`."""
    assert area.id is not None and change.id is not None and change.requested_by_id is not None
    return Reminder(
        authority_id=area.authority_id,
        area_id=area.id,
        reason=ReminderReason.DATE_NOT_AGREED,
        window_key=change.id,
        recipient_id=change.requested_by_id,
        due_date_version=area.due_date.isoformat() if area.due_date else "",
        state=ReminderState.PENDING,
        created_at=now,
    )
