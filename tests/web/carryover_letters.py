"""A later letter for the web tests' authority, repeating two of its earlier areas in new words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, func, select

from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverDecision
from domain.inspections import services as inspections
from domain.inspections.documents import FindingInput
from domain.inspections.services import InspectionInput
from domain.permissions import SYSTEM
from domain.vocabulary import FindingKind, InspectionKind
from tests.factories import NOW
from tests.web.conftest import World

LATER_START = date(2026, 2, 23)
STATEMENT = "Most areas for development identified at the previous inspection have been addressed."
LATER_TEXTS = [
    "Strategy discussions still do not include health colleagues.",
    "Written plans for children in need remain too general.",
    "Neglect is not recognised early enough by schools.",
]


@dataclass(frozen=True)
class Letters:
    """The later inspection, its three areas, and the earlier areas left open before it."""

    inspection_id: int
    strategy: int  # repeats the world's first area
    plans: int  # repeats the world's second area
    neglect: int  # new
    earlier_strategy: int
    earlier_plans: int
    supervision: int  # not repeated
    return_home: int  # not repeated


def record_letter(
    world: World, texts: list[str], *, statement: str | None = None
) -> tuple[int, list[int]]:
    """A focused visit after the world's inspection listing `texts`: its id and its areas' ids."""
    with world.session() as s:
        recorded = inspections.record_inspection(
            s,
            authority_id=world.areas[0].authority_id,
            now=NOW,
            data=InspectionInput(
                kind=InspectionKind.FOCUSED_VISIT,
                start=LATER_START,
                end=date(2026, 2, 24),
                published=date(2026, 2, 27),
                previous_areas_statement=statement,
                findings=[
                    FindingInput(FindingKind.AREA_FOR_DEVELOPMENT, "What needs to improve", t)
                    for t in texts
                ],
            ),
            by=SYSTEM,
        )
        assert recorded.inspection.id is not None
        return recorded.inspection.id, [a.id or 0 for a in recorded.areas]


def record_later_letter(world: World, *, statement: str | None = STATEMENT) -> Letters:
    inspection_id, (strategy, plans, neglect) = record_letter(
        world, LATER_TEXTS, statement=statement
    )
    first, second, third = (a.id or 0 for a in world.areas)
    return Letters(
        inspection_id,
        strategy=strategy,
        plans=plans,
        neglect=neglect,
        earlier_strategy=first,
        earlier_plans=second,
        supervision=third,
        return_home=world.other_area.id or 0,
    )


def decisions_count(s: Session) -> int:
    return s.exec(select(func.count()).select_from(CarryOverDecision)).one()


def statuses(s: Session) -> dict[int | None, str]:
    """Every area's status and version: what a refused write must leave as it was."""
    rows = s.exec(select(DevelopmentArea)).all()
    return {a.id: f"{a.status.value} v{a.version} from {a.carried_from_id}" for a in rows}
