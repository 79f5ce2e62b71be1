"""What the account page shows of a person's reminder settings and absences."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from domain.accounts.away import current_or_next
from domain.accounts.models import Person
from domain.accounts.preferences import (
    WEEKDAYS,
    Channel,
    allowed_channels,
    available_channels,
    preference_of,
)
from web.api.chase import policy_of
from web.deps import Db, Viewer


def reminder_context(db: Db, viewer: Viewer) -> dict[str, Any]:
    """What the account page's reminder settings and absence sections show."""
    person, policy = viewer.person, policy_of(db, viewer)
    colleagues = db.exec(
        select(Person)
        .where(
            Person.authority_id == person.authority_id,
            Person.id != person.id,
            col(Person.active).is_(True),
        )
        .order_by(col(Person.name))
    )
    absence = current_or_next(db, person.id or 0, viewer.today)
    delegate = db.get(Person, absence.delegate_id) if absence and absence.delegate_id else None
    return {
        "preference": preference_of(db, person, policy),
        "channels_open": [
            c for c in Channel if c in allowed_channels(policy) & available_channels(person)
        ],
        "weekly_allowed": policy.allow_weekly_rhythm,
        "weekdays": WEEKDAYS,
        "absence": absence,
        "absence_delegate": delegate.name if delegate else None,
        "away_today": viewer.today,
        "colleagues": list(colleagues) if person.authority_id is not None else [],
    }
