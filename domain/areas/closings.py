"""How closed areas were closed: signed off, carried over to a later area, or addressed."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.dates import written_date
from domain.inspections.models import Inspection
from domain.vocabulary import ClosedBy


@dataclass(frozen=True)
class Closing:
    """How one area was closed, and the later area it was carried over to, if it was."""

    closed_by: ClosedBy
    carried_to: int | None = None
    carried_to_inspection: date | None = None  # when the later area's inspection began

    @property
    def is_unrated(self) -> bool:
        """Whether the area closed without being rated done: carried over, or addressed on a
        later letter's word. Only a sign-off closes an area as green."""
        return self.closed_by != ClosedBy.SIGN_OFF

    @property
    def reason(self) -> str:
        """Why the area needs no rating, in the words the rating's reasons use."""
        if self.closed_by == ClosedBy.CARRY_OVER:
            day = self.carried_to_inspection
            when = f" (inspection of {written_date(day)})" if day else ""
            return f"carried over to area {self.carried_to}{when}"
        if self.closed_by == ClosedBy.ADDRESSED:
            return "closed as addressed at a later inspection"
        return "closed and signed off"


def closings_of(
    session: Session, closed_ids: Collection[int], authorities: Collection[int] = ()
) -> dict[int, Closing]:
    """The closing of each closed area in `closed_ids`, read with two queries for them all.

    An area a later area carries over was closed by that carry-over; one a later letter said
    was addressed, by that decision; any other closed area was signed off. Areas are carried
    over within their authority: given the areas' `authorities`, the later areas are looked
    for among theirs only (`carried_from_id` has no index, so otherwise every area is read).
    """
    ids = sorted(closed_ids)
    if not ids:
        return {}
    carried = {
        earlier: (later, began)
        for earlier, later, began in session.exec(
            select(
                col(DevelopmentArea.carried_from_id),
                col(DevelopmentArea.id),
                col(Inspection.start_date),
            )
            .join(Inspection, col(Inspection.id) == col(DevelopmentArea.inspection_id))
            .where(col(DevelopmentArea.carried_from_id).in_(ids))
            .where(*([col(DevelopmentArea.authority_id).in_(authorities)] if authorities else []))
        ).all()
    }
    addressed = set(
        session.exec(
            select(col(CarryOverDecision.earlier_area_id)).where(
                col(CarryOverDecision.earlier_area_id).in_(ids),
                col(CarryOverDecision.outcome) == CarryOverOutcome.ADDRESSED,
            )
        ).all()
    )
    return {
        area_id: Closing(ClosedBy.CARRY_OVER, *carried[area_id])
        if area_id in carried
        else Closing(ClosedBy.ADDRESSED if area_id in addressed else ClosedBy.SIGN_OFF)
        for area_id in ids
    }
