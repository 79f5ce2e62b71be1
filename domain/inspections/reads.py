"""An inspection as its page shows it: findings by kind, the areas it started, their leads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from domain.accounts.models import Authority, Person
from domain.accounts.visibility import home_authority
from domain.areas.models import DevelopmentArea
from domain.areas.queries import views_of
from domain.areas.reads import assignable_people
from domain.areas.views import AreaView
from domain.inspections.models import Finding, Inspection
from domain.inspections.services import findings_of, get_inspection, list_inspections
from domain.permissions import Action, Actor, Scope, is_allowed, require
from domain.vocabulary import FindingKind

KIND_ORDER = [
    FindingKind.PRIORITY_ACTION,
    FindingKind.AREA_FOR_DEVELOPMENT,
    FindingKind.STRENGTH,
    FindingKind.REQUIREMENT_MET,
]


@dataclass(frozen=True)
class InspectionOnPage:
    inspection: Inspection
    authority: Authority
    findings: list[tuple[FindingKind, list[Finding]]]
    areas: list[AreaView]
    may_assign: bool
    people: list[Person]


def inspection_on_page(
    session: Session, actor: Actor, inspection_id: int, today: date
) -> InspectionOnPage:
    """The inspection, its findings grouped by kind and its areas, if `actor` may read them."""
    inspection = get_inspection(session, inspection_id)
    scope = Scope(inspection.authority_id)
    require(actor, Action.READ, scope, f"inspection {inspection_id}")
    authority = session.get(Authority, inspection.authority_id)
    assert authority is not None
    grouped: dict[FindingKind, list[Finding]] = {}
    for finding in findings_of(session, inspection_id):
        grouped.setdefault(finding.kind, []).append(finding)
    areas = session.exec(
        select(DevelopmentArea)
        .where(DevelopmentArea.inspection_id == inspection_id)
        .order_by(col(DevelopmentArea.id))
    )
    may_assign = is_allowed(actor, Action.ASSIGN, scope)
    return InspectionOnPage(
        inspection=inspection,
        authority=authority,
        findings=[(kind, grouped[kind]) for kind in KIND_ORDER if kind in grouped],
        areas=views_of(session, list(areas), today),
        may_assign=may_assign,
        people=assignable_people(session, inspection.authority_id) if may_assign else [],
    )


def inspections_of(
    session: Session, actor: Actor, authority: str | int | None
) -> tuple[Authority, list[Inspection]]:
    """An authority's inspections, newest first, if `actor` may read them."""
    found = home_authority(session, actor, authority)
    return found, list_inspections(session, authority_id=found.id)
