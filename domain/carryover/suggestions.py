"""Suggested carry-over links: which new area looks like which earlier, still-open one."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea
from domain.carryover.matching import DEFAULT_THRESHOLD, Candidate, Suggestion, suggest_links
from domain.carryover.models import CarryOverDecision
from domain.inspections.models import Inspection
from domain.inspections.services import get_inspection
from domain.vocabulary import Status

REPEAT_AFTER = 2


def is_repeat(carry_count: int) -> bool:
    """Whether an area has been carried through enough inspections to be a repeat."""
    return carry_count >= REPEAT_AFTER


@dataclass(frozen=True)
class LinkSuggestion(Suggestion):
    """The matcher's suggestion with what a person needs to confirm or reject it."""

    title: str
    earlier_title: str
    earlier_inspection_id: int
    carry_count: int  # the new area's count if the link is confirmed

    @property
    def repeat(self) -> bool:
        return is_repeat(self.carry_count)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "matched_words": list(self.matched_words), "repeat": self.repeat}


def earlier_open_areas(session: Session, inspection: Inspection) -> list[DevelopmentArea]:
    """The carry-over candidates: areas of the authority's earlier inspections not closed."""
    query = (
        select(DevelopmentArea)
        .join(Inspection, col(Inspection.id) == DevelopmentArea.inspection_id)
        .where(DevelopmentArea.authority_id == inspection.authority_id)
        .where(Inspection.start_date < inspection.start_date)
        .where(DevelopmentArea.status != Status.CLOSED)
        .order_by(col(DevelopmentArea.id))
    )
    return list(session.exec(query))


def _candidate(area: DevelopmentArea) -> Candidate:
    assert area.id is not None
    # A title cut from the text's own first sentence would count those words twice.
    own_words = area.text.startswith(area.title.rstrip("…"))
    return Candidate(area.id, area.text, "" if own_words else area.title)


def _decided_pairs(session: Session, area_ids: list[int | None]) -> set[tuple[int | None, int]]:
    """The (new area, earlier area) pairs someone has confirmed or rejected already."""
    query = select(CarryOverDecision.area_id, CarryOverDecision.earlier_area_id).where(
        col(CarryOverDecision.area_id).in_(area_ids)
    )
    return set(session.exec(query).all())


def suggest_carry_over(
    session: Session,
    *,
    inspection_id: int,
    threshold: float = DEFAULT_THRESHOLD,
    per_new: int = 3,
) -> list[LinkSuggestion]:
    """Earlier open areas each unlinked area of the inspection may carry over, best first.

    Pairs someone has confirmed or rejected already are left out.
    """
    inspection = get_inspection(session, inspection_id)
    new = [
        a
        for a in session.exec(
            select(DevelopmentArea).where(DevelopmentArea.inspection_id == inspection_id)
        )
        if a.carried_from_id is None
    ]
    earlier = {a.id: a for a in earlier_open_areas(session, inspection)}
    if not new or not earlier:
        return []
    decided = _decided_pairs(session, [a.id for a in new])
    ranked = suggest_links(
        [_candidate(a) for a in new],
        [_candidate(a) for a in earlier.values()],
        threshold=threshold,
        per_new=len(earlier),
    )
    titles = {a.id: a.title for a in new}
    kept: dict[int, int] = {}
    found = []
    for s in ranked:
        if (s.area_id, s.earlier_area_id) in decided or kept.get(s.area_id, 0) >= per_new:
            continue
        kept[s.area_id] = kept.get(s.area_id, 0) + 1
        before = earlier[s.earlier_area_id]
        found.append(
            LinkSuggestion(
                **vars(s),
                title=titles[s.area_id],
                earlier_title=before.title,
                earlier_inspection_id=before.inspection_id,
                carry_count=before.carry_count + 1,
            )
        )
    return found
