"""The inspector's view: every area of an authority's inspections, with evidence and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, or_
from sqlmodel import Session, col, select

from domain.accounts.models import Authority
from domain.accounts.visibility import home_authority
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.areas.queries import history_of
from domain.areas.rag_cutoffs import london_midnight
from domain.areas.reads import area_page
from domain.areas.views import AreaView
from domain.carryover.then_and_now import ThenAndNowView, then_and_now
from domain.inspections.models import Inspection
from domain.inspections.services import list_inspections
from domain.paging import Page
from domain.permissions import Actor


@dataclass(frozen=True)
class AreaRecord:
    """One area with its evidence and history, as an inspector reads it."""

    view: AreaView
    evidence: list[Evidence]
    history: list[dict[str, Any]]


@dataclass(frozen=True)
class InspectorView:
    authority: Authority
    inspections: dict[int, Inspection]
    records: Page[AreaRecord]
    changed_since: date | None
    # Each area open when the latest inspection began, then and now (on the first page only).
    then_and_now: ThenAndNowView | None = None


def changed_since_filter(since: date) -> Any:
    """Areas with any change, update, due-date decision or evidence on or after `since`."""
    moment = london_midnight(since)
    area_id = col(DevelopmentArea.id)
    return or_(
        col(DevelopmentArea.updated_at) >= moment,
        exists().where(
            col(ProgressUpdate.area_id) == area_id, col(ProgressUpdate.created_at) >= moment
        ),
        exists().where(
            col(DueDateChange.area_id) == area_id,
            or_(
                col(DueDateChange.requested_at) >= moment,
                col(DueDateChange.decided_at) >= moment,
            ),
        ),
        exists().where(col(Evidence.area_id) == area_id, col(Evidence.added_at) >= moment),
    )


def areas_filter(authority_id: int, changed_since: date | None) -> Any:
    """The query of an authority's areas, newest inspection first, optionally changed since."""
    query = (
        select(DevelopmentArea)
        .join(Inspection, col(Inspection.id) == DevelopmentArea.inspection_id)
        .where(DevelopmentArea.authority_id == authority_id)
        .order_by(col(Inspection.end_date).desc(), col(DevelopmentArea.id))
    )
    return query.where(changed_since_filter(changed_since)) if changed_since else query


def inspector_view(
    session: Session,
    actor: Actor,
    *,
    authority: str | int | None,
    changed_since: date | None,
    number: int,
    today: date,
) -> InspectorView:
    """One page of the authority's areas with evidence and history, if `actor` may read it."""
    found = home_authority(session, actor, authority)
    assert found.id is not None
    views = area_page(session, areas_filter(found.id, changed_since), number, today)
    ids = [v.id for v in views.items]
    evidence: dict[int, list[Evidence]] = {}
    for item in session.exec(select(Evidence).where(col(Evidence.area_id).in_(ids))):
        evidence.setdefault(item.area_id, []).append(item)
    records = [
        AreaRecord(v, evidence.get(v.id, []), history_of(session, v.id)) for v in views.items
    ]
    return InspectorView(
        authority=found,
        inspections={i.id or 0: i for i in list_inspections(session, authority_id=found.id)},
        records=Page(records, views.number, views.size, views.total),
        changed_since=changed_since,
        then_and_now=then_and_now(session, found.id, today) if views.number == 1 else None,
    )
