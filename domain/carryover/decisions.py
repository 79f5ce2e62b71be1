"""Carry-over decisions: confirming or rejecting a link, closing an earlier area as
addressed, or carrying it over as is.

Each decision closes the earlier area through a recorded `carry_over` progress update, outside
the status workflow (that keeps it apart from a sign-off): the earlier area stays as a record
and the new area carries its history forward. A closed area is never carried over or reopened.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.services import add_area, get_area, guarded_commit, scope_of
from domain.carryover.checks import check_pair, later_inspection, refuse_closed, refuse_decided
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.carryover.suggestions import LinkSuggestion, suggest_carry_over
from domain.errors import CarryOverDecided, MissingReason
from domain.inspections.models import Finding
from domain.permissions import Action, Actor, require
from domain.vocabulary import Status, UpdateKind

CARRIED_AS_IS_HEADING = "Carried over as is from the previous inspection"


def _close_earlier(
    session: Session, earlier: DevelopmentArea, *, by: Actor, now: datetime, note: str
) -> None:
    assert earlier.id is not None
    session.add(
        ProgressUpdate(
            area_id=earlier.id,
            author_id=by.person_id,
            kind=UpdateKind.CARRY_OVER,
            created_at=now,
            note=note,
            status_from=earlier.status,
            status_to=Status.CLOSED,
        )
    )
    earlier.status = Status.CLOSED
    earlier.updated_at = now
    session.add(earlier)


def _carry(
    session: Session,
    new: DevelopmentArea,
    earlier: DevelopmentArea,
    *,
    by: Actor,
    now: datetime,
    how: str,
) -> None:
    """Link `new` to `earlier`, keep the lead if the new area has none, close the earlier."""
    assert new.id is not None
    new.carried_from_id = earlier.id
    new.carry_count = earlier.carry_count + 1
    note = (
        f"{how} from area {earlier.id} (inspection {earlier.inspection_id}); "
        f"carried through {new.carry_count} inspection(s)"
    )
    if new.owner_id is None and earlier.owner_id is not None:
        new.owner_id = earlier.owner_id
        lead = session.get(Person, earlier.owner_id)
        note += f"; lead kept from the earlier area: {lead.name if lead else earlier.owner_id}"
    new.updated_at = now
    session.add(new)
    session.add(
        ProgressUpdate(
            area_id=new.id,
            author_id=by.person_id,
            kind=UpdateKind.CARRY_OVER,
            created_at=now,
            note=note,
        )
    )
    _close_earlier(
        session,
        earlier,
        by=by,
        now=now,
        note=f"{how} to area {new.id} (inspection {new.inspection_id})",
    )


def _decision(
    new: DevelopmentArea | None,
    earlier: DevelopmentArea,
    inspection_id: int,
    outcome: CarryOverOutcome,
    *,
    by: Actor,
    now: datetime,
    note: str | None,
    suggestion: LinkSuggestion | None = None,
) -> CarryOverDecision:
    assert earlier.id is not None
    return CarryOverDecision(
        authority_id=earlier.authority_id,
        earlier_area_id=earlier.id,
        area_id=new.id if new else None,
        inspection_id=inspection_id,
        outcome=outcome,
        score=suggestion.score if suggestion else None,
        matched_words="; ".join(suggestion.matched_words) if suggestion else None,
        decided_by_id=by.person_id,
        decided_at=now,
        note=(note or "").strip() or None,
    )


def _suggestion_for(
    session: Session, new: DevelopmentArea, earlier: DevelopmentArea
) -> LinkSuggestion | None:
    """The score and words the matcher gives the pair, recorded beside the decision."""
    every = suggest_carry_over(
        session, inspection_id=new.inspection_id, threshold=0.0, per_new=10_000
    )
    pair = (new.id, earlier.id)
    return next((s for s in every if (s.area_id, s.earlier_area_id) == pair), None)


def _judge_link(
    session: Session,
    area_id: int,
    earlier_area_id: int,
    outcome: CarryOverOutcome,
    *,
    by: Actor,
    now: datetime,
    note: str | None,
) -> tuple[DevelopmentArea, DevelopmentArea, CarryOverDecision]:
    """The two areas and the decision on their link, once the pair passes every check."""
    new, earlier = get_area(session, area_id), get_area(session, earlier_area_id)
    require(by, Action.CARRY_OVER, scope_of(new), f"development area {area_id}")
    refuse_decided(session, check_pair(session, new, earlier))
    if outcome == CarryOverOutcome.CONFIRMED:
        if new.carried_from_id is not None:
            raise CarryOverDecided(
                f"development area {area_id} carries over area {new.carried_from_id} already; "
                "an area carries over one earlier area"
            )
        refuse_closed(session, earlier)
    suggestion = _suggestion_for(session, new, earlier)
    decision = _decision(
        new, earlier, new.inspection_id, outcome, by=by, now=now, note=note, suggestion=suggestion
    )
    return new, earlier, decision


def confirm_link(
    session: Session,
    *,
    area_id: int,
    earlier_area_id: int,
    by: Actor,
    now: datetime,
    note: str | None = None,
) -> CarryOverDecision:
    """Confirm that the new area carries the earlier one over; the earlier area is closed."""
    new, earlier, decision = _judge_link(
        session, area_id, earlier_area_id, CarryOverOutcome.CONFIRMED, by=by, now=now, note=note
    )
    with guarded_commit(session, earlier_area_id):
        _carry(session, new, earlier, by=by, now=now, how="Carried over")
        session.add(decision)
    session.refresh(decision)
    return decision


def reject_link(
    session: Session,
    *,
    area_id: int,
    earlier_area_id: int,
    by: Actor,
    now: datetime,
    note: str | None = None,
) -> CarryOverDecision:
    """Record that the new area does not carry the earlier one over; neither area changes."""
    _, _, decision = _judge_link(
        session, area_id, earlier_area_id, CarryOverOutcome.REJECTED, by=by, now=now, note=note
    )
    session.add(decision)
    session.commit()
    session.refresh(decision)
    return decision


def _open_earlier(session: Session, earlier_area_id: int, by: Actor) -> DevelopmentArea:
    earlier = get_area(session, earlier_area_id)
    require(by, Action.CARRY_OVER, scope_of(earlier), f"development area {earlier_area_id}")
    refuse_closed(session, earlier)
    return earlier


def close_as_addressed(
    session: Session,
    *,
    earlier_area_id: int,
    by: Actor,
    now: datetime,
    note: str | None = None,
    inspection_id: int | None = None,
) -> CarryOverDecision:
    """Close an earlier area the new letter does not repeat, on the statement that it was
    addressed; without a note, the new letter's own statement about the previous inspection."""
    earlier = _open_earlier(session, earlier_area_id, by)
    later = later_inspection(session, earlier, inspection_id)
    statement = (note or "").strip() or (later.previous_areas_statement or "").strip()
    if not statement:
        raise MissingReason(
            f"closing development area {earlier_area_id} as addressed needs the statement that "
            f"says so, and inspection {later.id} records none; pass --note TEXT"
        )
    assert later.id is not None
    decision = _decision(
        None, earlier, later.id, CarryOverOutcome.ADDRESSED, by=by, now=now, note=statement
    )
    with guarded_commit(session, earlier_area_id):
        _close_earlier(
            session,
            earlier,
            by=by,
            now=now,
            note=f"Closed as addressed at inspection {later.id}: {statement}",
        )
        session.add(decision)
    session.refresh(decision)
    return decision


def carry_as_is(
    session: Session,
    *,
    earlier_area_id: int,
    by: Actor,
    now: datetime,
    note: str | None = None,
    inspection_id: int | None = None,
) -> CarryOverDecision:
    """Carry an earlier area the new letter does not repeat onto the new inspection, as
    worded; the copy is due by the new inspection's default and the earlier area is closed."""
    earlier = _open_earlier(session, earlier_area_id, by)
    later = later_inspection(session, earlier, inspection_id)
    assert later.id is not None
    with guarded_commit(session, earlier_area_id):
        new = add_area(
            session,
            inspection_id=later.id,
            text=earlier.text,
            title=earlier.title,
            priority=earlier.priority,
            now=now,
            commit=False,
        )
        finding = session.get(Finding, new.finding_id)
        assert finding is not None
        finding.heading = CARRIED_AS_IS_HEADING
        session.add(finding)
        _carry(session, new, earlier, by=by, now=now, how="Carried over as is")
        decision = _decision(
            new, earlier, later.id, CarryOverOutcome.CARRIED_AS_IS, by=by, now=now, note=note
        )
        session.add(decision)
    session.refresh(decision)
    return decision
