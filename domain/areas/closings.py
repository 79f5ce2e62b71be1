"""How closed areas were closed: signed off, carried over to a later area, or addressed."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.vocabulary import ClosedBy


@dataclass(frozen=True)
class Closing:
    """How one area was closed, and the later area it was carried over to, if it was."""

    closed_by: ClosedBy
    carried_to: int | None = None

    @property
    def is_unrated(self) -> bool:
        """Whether the area closed without being rated done: carried over, or addressed on a
        later letter's word. Only a sign-off closes an area as green."""
        return self.closed_by != ClosedBy.SIGN_OFF

    @property
    def reason(self) -> str:
        """Why the area needs no rating, in the words the rating's reasons use."""
        if self.closed_by == ClosedBy.CARRY_OVER:
            return f"carried over to area {self.carried_to}"
        if self.closed_by == ClosedBy.ADDRESSED:
            return "closed as addressed at a later inspection"
        return "closed and signed off"


def closings_of(session: Session, closed_ids: Collection[int]) -> dict[int, Closing]:
    """The closing of each closed area in `closed_ids`, read with two queries for them all.

    An area a later area carries over was closed by that carry-over; one a later letter said
    was addressed, by that decision; any other closed area was signed off.
    """
    ids = sorted(closed_ids)
    if not ids:
        return {}
    carried = dict(
        session.exec(
            select(col(DevelopmentArea.carried_from_id), col(DevelopmentArea.id)).where(
                col(DevelopmentArea.carried_from_id).in_(ids)
            )
        ).all()
    )
    addressed = set(
        session.exec(
            select(col(CarryOverDecision.earlier_area_id)).where(
                col(CarryOverDecision.earlier_area_id).in_(ids),
                col(CarryOverDecision.outcome) == CarryOverOutcome.ADDRESSED,
            )
        ).all()
    )
    return {
        area_id: Closing(ClosedBy.CARRY_OVER, carried[area_id])
        if area_id in carried
        else Closing(ClosedBy.ADDRESSED if area_id in addressed else ClosedBy.SIGN_OFF)
        for area_id in ids
    }
