"""Read models of development areas, shaped for lists, the API and the command line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from domain.accounts.models import Authority, Person
from domain.areas.closings import Closing
from domain.areas.models import DevelopmentArea
from domain.areas.rag import assess_rag
from domain.reminders.classification import AreaFacts, classify
from domain.reminders.policy import Policy


@dataclass(frozen=True)
class AreaView:
    """One development area as people see it on a given day."""

    id: int
    title: str
    text: str
    owner: str | None
    owner_name: str | None
    authority: str
    inspection_id: int
    status: str
    rag: str
    rag_reasons: list[str]
    rag_overridden: bool
    priority: str
    due_date: str | None
    original_due_date: str | None
    overdue: bool
    days_overdue: int
    last_update: str | None
    carried_from: int | None
    carry_count: int
    version: int
    # How a closed area was closed (sign_off, carry_over or addressed), and the later area
    # a carried-over one continues as; both None while the area is not closed.
    closed_by: str | None
    carried_to: int | None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        return {**data, **extra}


# The fields that head one area shown on its own, in the order they are read.
HEADLINE_FIELDS = (
    "id",
    "title",
    "authority",
    "owner",
    "status",
    "rag",
    "due_date",
    "original_due_date",
    "days_overdue",
    "carried_from",
    "closed_by",
    "carried_to",
)
# A list of areas, as a table or CSV, leaves out the authority, the earlier and later areas and
# how a closed one was closed, to keep each row narrow; JSON carries every field.
LIST_COLUMNS = tuple(
    f for f in HEADLINE_FIELDS if f not in ("authority", "carried_from", "closed_by", "carried_to")
)


def view_of(
    area: DevelopmentArea,
    *,
    owner: Person | None,
    authority: Authority,
    facts: AreaFacts,
    today: date,
    policy: Policy,
    closing: Closing | None = None,
) -> AreaView:
    """The read model of `area` on `today`; `closing` says how a closed area was closed."""
    assert area.id is not None
    found = classify(facts, today, policy)
    rag = assess_rag(facts, today, policy)
    return AreaView(
        id=area.id,
        title=area.title,
        text=area.text,
        owner=owner.email if owner else None,
        owner_name=owner.name if owner else None,
        authority=authority.name,
        inspection_id=area.inspection_id,
        status=area.status.value,
        rag="" if closing and closing.is_unrated else rag.rating.value,
        rag_reasons=[closing.reason] if closing else list(rag.reasons),
        rag_overridden=rag.overridden,
        priority=area.priority.value,
        due_date=area.due_date.isoformat() if area.due_date else None,
        original_due_date=area.original_due_date.isoformat() if area.original_due_date else None,
        overdue=found.is_overdue,
        days_overdue=found.days_overdue,
        last_update=area.last_progress_at.isoformat() if area.last_progress_at else None,
        carried_from=area.carried_from_id,
        carry_count=area.carry_count,
        version=area.version,
        closed_by=closing.closed_by.value if closing else None,
        carried_to=closing.carried_to if closing else None,
    )
