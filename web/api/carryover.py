"""API: an inspection's carry-over suggestions and decisions, as the `carryover` commands.

Reading needs the right to read the inspection's authority; every decision needs a manager,
director or administrator of the areas' authority, and anyone else is refused (403) with
nothing changed.
"""

from __future__ import annotations

from fastapi import APIRouter

from domain import carryover
from domain.accounts.models import Person
from domain.areas.queries import views_of
from domain.areas.services import get_area
from domain.carryover.models import CarryOverDecision
from domain.carryover.overview import carryover_overview
from web.api.carryover_schemas import (
    CarryOverOut,
    DecideIn,
    DecisionOut,
    LinkIn,
    SuggestionOut,
    UnrepeatedOut,
)
from web.deps import ApiViewer, Db, RecordId, Viewer

router = APIRouter(tags=["carry-over"])


@router.get("/inspections/{inspection_id}/carryover", response_model=CarryOverOut)
def show_carryover(db: Db, viewer: ApiViewer, inspection_id: RecordId) -> CarryOverOut:
    """Suggested links (as `carryover suggest --format json`), the earlier open areas no new
    area is suggested to repeat, and the decisions made at this inspection."""
    overview = carryover_overview(db, viewer.actor, inspection_id)
    owners = {v.id: v.owner for v in views_of(db, overview.unrepeated, viewer.today)}
    return CarryOverOut(
        inspection_id=inspection_id,
        statement=overview.statement,
        suggestions=[SuggestionOut(**s.to_dict()) for s in overview.suggestions],
        unrepeated=[
            UnrepeatedOut(
                earlier_area_id=a.id or 0,
                title=a.title,
                inspection_id=a.inspection_id,
                carry_count=a.carry_count,
                repeat=carryover.is_repeat(a.carry_count),
                status=a.status.value,
                due_date=a.due_date.isoformat() if a.due_date else None,
                owner=owners.get(a.id or 0),
            )
            for a in overview.unrepeated
        ],
        decisions=overview.decisions,
    )


def decision_out(db: Db, viewer: Viewer, decision: CarryOverDecision) -> DecisionOut:
    """The decision with where it left the earlier area and the new one."""
    earlier = views_of(db, [get_area(db, decision.earlier_area_id)], viewer.today)[0]
    new = get_area(db, decision.area_id) if decision.area_id else None
    by = db.get(Person, decision.decided_by_id) if decision.decided_by_id else None
    return DecisionOut(
        id=decision.id or 0,
        outcome=decision.outcome.value,
        inspection_id=decision.inspection_id,
        earlier_area_id=decision.earlier_area_id,
        area_id=decision.area_id,
        note=decision.note,
        decided_at=decision.decided_at,
        decided_by=by.email if by else None,
        earlier_status=earlier.status,
        closed_by=earlier.closed_by,
        carried_to=earlier.carried_to,
        carry_count=new.carry_count if new else None,
    )


def _link(db: Db, viewer: Viewer, body: LinkIn, confirm: bool) -> DecisionOut:
    decision = carryover.decide_link(
        db,
        area_id=body.area_id,
        earlier_area_id=body.earlier_area_id,
        confirm=confirm,
        note=body.note,
        by=viewer.actor,
        now=viewer.now,
    )
    return decision_out(db, viewer, decision)


@router.post("/carryover/confirm", response_model=DecisionOut)
def confirm_link(db: Db, viewer: ApiViewer, body: LinkIn) -> DecisionOut:
    """Confirm that a new area carries an earlier one over; the earlier area is closed."""
    return _link(db, viewer, body, True)


@router.post("/carryover/reject", response_model=DecisionOut)
def reject_link(db: Db, viewer: ApiViewer, body: LinkIn) -> DecisionOut:
    """Record that a new area does not carry an earlier one over; neither changes."""
    return _link(db, viewer, body, False)


@router.post("/carryover/decide", response_model=DecisionOut)
def decide_unrepeated(db: Db, viewer: ApiViewer, body: DecideIn) -> DecisionOut:
    """Close an earlier area the new letter does not repeat as addressed (on the note, else
    the letter's own statement), or carry it over as is onto the new inspection."""
    decision = carryover.decide_unrepeated(
        db,
        earlier_area_id=body.earlier_area_id,
        addressed=body.outcome == "addressed",
        note=body.note,
        inspection_id=body.inspection_id,
        by=viewer.actor,
        now=viewer.now,
    )
    return decision_out(db, viewer, decision)
