"""The rules a carry-over decision must pass: one authority, an earlier inspection, an
undecided pair and an earlier area that is not closed."""

from __future__ import annotations

from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.calendar import london_date
from domain.carryover.models import CarryOverDecision
from domain.dates import written_date
from domain.errors import AreaClosed, CarryOverDecided, InvalidCarryOver
from domain.inspections.models import Inspection
from domain.inspections.services import get_inspection
from domain.vocabulary import Status, UpdateKind


def check_pair(
    session: Session, new: DevelopmentArea, earlier: DevelopmentArea
) -> CarryOverDecision | None:
    """Refuse a pair that cannot be linked; return the decision already made on it, if any."""
    if new.id == earlier.id or new.authority_id != earlier.authority_id:
        raise InvalidCarryOver(
            f"development areas {earlier.id} and {new.id} are not an earlier and a later area "
            "of one authority; link an area to one of its authority's earlier areas"
        )
    before = get_inspection(session, earlier.inspection_id)
    after = get_inspection(session, new.inspection_id)
    if before.start_date >= after.start_date:
        raise InvalidCarryOver(
            f"development area {earlier.id} comes from inspection {before.id} "
            f"({written_date(before.start_date)}), not before area {new.id}'s inspection "
            f"{after.id} ({written_date(after.start_date)}); give an area of an earlier "
            "inspection"
        )
    query = select(CarryOverDecision).where(
        CarryOverDecision.area_id == new.id, CarryOverDecision.earlier_area_id == earlier.id
    )
    return session.exec(query).first()


def refuse_decided(session: Session, decision: CarryOverDecision | None) -> None:
    if decision is None:
        return
    who = session.get(Person, decision.decided_by_id) if decision.decided_by_id else None
    raise CarryOverDecided(
        f"the link from area {decision.earlier_area_id} to area {decision.area_id} was "
        f"{decision.outcome.value} by {who.name if who else 'the system'} on "
        f"{written_date(london_date(decision.decided_at))}; a decided link is not decided again"
    )


_CLOSED_BY = {
    UpdateKind.SIGN_OFF: "signed off",
    UpdateKind.CARRY_OVER: "closed by a carry-over decision",
}


def refuse_closed(session: Session, earlier: DevelopmentArea) -> None:
    """Closed stays closed: a signed-off or decided area is never carried over or reopened."""
    if earlier.status != Status.CLOSED:
        return
    closing = session.exec(
        select(ProgressUpdate)
        .where(ProgressUpdate.area_id == earlier.id, ProgressUpdate.status_to == Status.CLOSED)
        .order_by(col(ProgressUpdate.created_at).desc())
    ).first()
    how = "closed"
    if closing is not None:
        how = _CLOSED_BY.get(closing.kind, "closed")
        how += f" on {written_date(london_date(closing.created_at))}"
    raise AreaClosed(
        f"development area {earlier.id} was {how}; a closed area stays closed "
        "and is not carried over"
    )


def later_inspection(
    session: Session, earlier: DevelopmentArea, inspection_id: int | None
) -> Inspection:
    """The inspection deciding the earlier area: the one given, else the authority's latest."""
    before = get_inspection(session, earlier.inspection_id)
    if inspection_id is not None:
        later: Inspection | None = get_inspection(session, inspection_id)
    else:
        later = session.exec(
            select(Inspection)
            .where(Inspection.authority_id == earlier.authority_id)
            .order_by(col(Inspection.start_date).desc(), col(Inspection.id).desc())
        ).first()
    if (
        later is None
        or later.authority_id != earlier.authority_id
        or (later.start_date <= before.start_date)
    ):
        raise InvalidCarryOver(
            f"no inspection after inspection {before.id} ({written_date(before.start_date)}) "
            f"is recorded for development area {earlier.id}'s authority; record the next "
            "inspection before deciding what happens to the area"
        )
    return later
