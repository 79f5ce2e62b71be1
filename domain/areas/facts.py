"""Reading what the rules need to know about an area from storage."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea
from domain.calendar import london_date
from domain.inspections.models import Inspection
from domain.reminders.classification import AreaFacts


def next_window_start(session: Session, authority_id: int) -> date | None:
    """When the authority's next inspection is expected to open, from its latest one."""
    query = (
        select(Inspection)
        .where(Inspection.authority_id == authority_id)
        .order_by(col(Inspection.end_date).desc())
    )
    latest = session.exec(query).first()
    return latest.next_window_start if latest else None


def facts_of(
    session: Session, area: DevelopmentArea, *, window_start: date | None = None
) -> AreaFacts:
    """The rules' view of `area`; pass `window_start` when reading many of one authority."""
    activity = area.last_progress_at or area.created_at
    return AreaFacts(
        status=area.status,
        due_date=area.due_date,
        last_activity=london_date(activity) if activity else None,
        has_owner=area.owner_id is not None,
        next_window_start=window_start
        if window_start is not None
        else next_window_start(session, area.authority_id),
        rag_override=area.rag_override,
        rag_override_reason=area.rag_override_reason,
    )


def without_override(facts: AreaFacts) -> AreaFacts:
    """The same facts with no person's RAG override."""
    return replace(facts, rag_override=None, rag_override_reason=None)
