"""What an inspection has to decide about the areas left open before it: the suggested links,
the earlier areas it does not repeat and the decisions made, for the page and the API alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from domain.accounts.models import Authority
from domain.areas.models import DevelopmentArea
from domain.areas.services import get_area
from domain.carryover.records import review_of
from domain.carryover.suggestions import LinkSuggestion, suggest_carry_over
from domain.errors import InvalidCarryOver
from domain.inspections.models import Inspection
from domain.inspections.services import get_inspection
from domain.permissions import Action, Actor, Scope, is_allowed, require


@dataclass(frozen=True)
class CarryOverOverview:
    """An inspection's carry-over, as someone who may read its authority sees it."""

    inspection: Inspection
    authority: Authority
    statement: str | None  # the new letter's own words on the previous inspection
    suggestions: list[LinkSuggestion]
    # Earlier areas still open that no new area is suggested to repeat (once every suggestion
    # for one is rejected, it is here): each awaits "addressed" or "carry over as is".
    unrepeated: list[DevelopmentArea]
    decisions: list[dict[str, Any]]
    may_decide: bool


def carryover_overview(session: Session, actor: Actor, inspection_id: int) -> CarryOverOverview:
    """The inspection's suggestions, unrepeated areas and decisions, if `actor` may read them."""
    inspection = get_inspection(session, inspection_id)
    scope = Scope(inspection.authority_id)
    require(actor, Action.READ, scope, f"inspection {inspection_id}")
    authority = session.get(Authority, inspection.authority_id)
    assert authority is not None
    review = review_of(session, inspection_id)
    suggestions = suggest_carry_over(session, inspection_id=inspection_id)
    suggested = {s.earlier_area_id for s in suggestions}
    return CarryOverOverview(
        inspection=inspection,
        authority=authority,
        statement=review.statement,
        suggestions=suggestions,
        unrepeated=[a for a in review.undecided if a.id not in suggested],
        decisions=review.decisions,
        may_decide=is_allowed(actor, Action.CARRY_OVER, scope),
    )


def deciding_inspection(session: Session, actor: Actor, inspection_id: int) -> Inspection:
    """The inspection, if `actor` may decide the carry-over of its authority's areas; checked
    before anything else is looked up, so a refusal says nothing of what is recorded."""
    inspection = get_inspection(session, inspection_id)
    what = f"the areas left open before inspection {inspection_id}"
    require(actor, Action.CARRY_OVER, Scope(inspection.authority_id), what)
    return inspection


def check_new_area(session: Session, inspection: Inspection, area_id: int) -> DevelopmentArea:
    """The area, if it is one of the inspection's own: a link is decided on that page only."""
    area = get_area(session, area_id)
    if area.inspection_id != inspection.id:
        raise InvalidCarryOver(
            f"development area {area_id} is not an area of inspection {inspection.id}; "
            "decide its links on its own inspection's carry-over page"
        )
    return area
