"""Lists to export: any page's list of areas as CSV rows, the plan, and a lead's due dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.accounts.visibility import home_authority
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.queries import views_of
from domain.areas.reads import Show, in_tab_order, led_by_or_below
from domain.areas.views import AreaView
from domain.carryover.inspector_view import areas_filter
from domain.inspections.models import Inspection
from domain.inspections.services import get_inspection
from domain.permissions import Action, Actor, Scope, require
from domain.vocabulary import UpdateKind

CHUNK = 500
CSV_COLUMNS = [
    "id",
    "title",
    "authority",
    "inspection_id",
    "owner",
    "owner_name",
    "status",
    "rag",
    "rag_overridden",
    "rag_reasons",
    "priority",
    "due_date",
    "original_due_date",
    "overdue",
    "days_overdue",
    "last_update",
    "carried_from",
    "carry_count",
]


@dataclass(frozen=True)
class ListFilter:
    """Which list a CSV repeats: a tab of "My development areas" (the areas the reader leads
    and those led by the people they manage), an authority's, an inspection's."""

    owner_is_me: bool = False
    show: Show | None = None
    authority: str | None = None
    inspection: int | None = None
    changed_since: date | None = None


def export_query(session: Session, actor: Actor, wanted: ListFilter, today: date) -> Any:
    """The query behind the list, after checking the reader may see it."""
    if wanted.owner_is_me:
        query = select(DevelopmentArea).where(led_by_or_below(actor))
    elif wanted.inspection is not None:
        inspection = get_inspection(session, wanted.inspection)
        require(actor, Action.READ, Scope(inspection.authority_id), f"inspection {inspection.id}")
        query = select(DevelopmentArea).where(DevelopmentArea.inspection_id == inspection.id)
    else:
        authority = home_authority(session, actor, wanted.authority)
        assert authority.id is not None
        query = areas_filter(authority.id, wanted.changed_since)
    if wanted.show is not None:
        return in_tab_order(query.order_by(None), wanted.show, today)
    return query.order_by(col(DevelopmentArea.id))


def views_in_chunks(session: Session, query: Any, today: date) -> Iterator[AreaView]:
    """Every area of `query` as a read model, read CHUNK rows at a time."""
    offset = 0
    while True:
        rows = list(session.exec(query.limit(CHUNK).offset(offset)))
        yield from views_of(session, rows, today)
        if len(rows) < CHUNK:
            return
        offset += CHUNK


def latest_notes(session: Session, authority_id: int) -> dict[int, tuple[str, Any]]:
    """Each area's latest progress note and when it was written, in one query."""
    newest = (
        select(func.max(ProgressUpdate.id))
        .join(DevelopmentArea, col(DevelopmentArea.id) == ProgressUpdate.area_id)
        .where(DevelopmentArea.authority_id == authority_id)
        .where(ProgressUpdate.kind == UpdateKind.PROGRESS, ProgressUpdate.note != "")
        .group_by(col(ProgressUpdate.area_id))
    )
    rows = session.exec(
        select(ProgressUpdate.area_id, ProgressUpdate.note, ProgressUpdate.created_at).where(
            col(ProgressUpdate.id).in_(newest)
        )
    )
    return {area_id: (note, at) for area_id, note, at in rows}


def plan_of(
    session: Session, actor: Actor, authority: str | None, today: date
) -> tuple[Any, list[tuple[Inspection, list[AreaView]]], dict[int, tuple[str, Any]]]:
    """The improvement plan: each inspection's areas, newest inspection first."""
    found = home_authority(session, actor, authority)
    assert found.id is not None
    views = list(views_in_chunks(session, areas_filter(found.id, None), today))
    inspections = {
        i.id: i for i in session.exec(select(Inspection).where(Inspection.authority_id == found.id))
    }
    grouped: dict[int, list[AreaView]] = {}
    for view in views:
        grouped.setdefault(view.inspection_id, []).append(view)
    plan = [(inspections[i], grouped[i]) for i in grouped]
    return found, plan, latest_notes(session, found.id)
