"""Carry-over decisions: confirming or rejecting a link, closing an earlier area as
addressed, or carrying it over as is.

Each decision closes the earlier area through a recorded `carry_over` progress update, outside
the status workflow (that keeps it apart from a sign-off): the earlier area stays as a record
and the new area carries its history forward. A closed area is never carried over or reopened.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from sqlmodel import Session

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.services import add_area, get_area, guarded_commit, scope_of
from domain.carryover.checks import check_pair, later_inspection, refuse_closed, refuse_decided
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.carryover.suggestions import LinkSuggestion, suggest_carry_over
from domain.dates import written_date
from domain.errors import CarryOverDecided, MissingReason
from domain.free_text import NOTE_LIMIT, checked_optional, without_controls
from domain.inspections.models import Finding, Inspection
from domain.permissions import Action, Actor, recorded_id, require
from domain.vocabulary import Status, UpdateKind

CARRIED_AS_IS_HEADING = "Carried over as is from the previous inspection"


def _record_carry_over(
    session: Session,
    area: DevelopmentArea,
    *,
    by: Actor,
    now: datetime,
    note: str,
    close: bool = False,
) -> None:
    """Add a carry-over entry to the area's history, closing the area with it when `close`."""
    assert area.id is not None
    session.add(
        ProgressUpdate(
            area_id=area.id,
            author_id=recorded_id(by),
            kind=UpdateKind.CARRY_OVER,
            created_at=now,
            note=note,
            status_from=area.status if close else None,
            status_to=Status.CLOSED if close else None,
        )
    )
    if close:
        area.status = Status.CLOSED
    area.updated_at = now
    session.add(area)


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
    new.carried_from_id = earlier.id
    new.carry_count = earlier.carry_count + 1
    note = (
        f"{how} from area {earlier.id} ({_inspection_of(session, earlier)}); "
        f"carried through {new.carry_count} inspection(s)"
    )
    if new.owner_id is None and earlier.owner_id is not None:
        new.owner_id = earlier.owner_id
        lead = session.get(Person, earlier.owner_id)
        note += f"; lead kept from the earlier area: {lead.name if lead else earlier.owner_id}"
    _record_carry_over(session, new, by=by, now=now, note=note)
    _record_carry_over(
        session,
        earlier,
        by=by,
        now=now,
        note=f"{how} to area {new.id} ({_inspection_of(session, new)})",
        close=True,
    )


def _inspection_of(session: Session, what: DevelopmentArea | Inspection) -> str:
    """'inspection of 7 February 2012': an inspection named by the day it began."""
    inspection = (
        what if isinstance(what, Inspection) else session.get(Inspection, what.inspection_id)
    )
    assert inspection is not None
    return f"inspection of {written_date(inspection.start_date)}"


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
        decided_by_id=recorded_id(by),
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


def decide_link(
    session: Session,
    *,
    area_id: int,
    earlier_area_id: int,
    confirm: bool,
    by: Actor,
    now: datetime,
    note: str | None = None,
) -> CarryOverDecision:
    """Decide a suggested link: confirmed, the new area carries the earlier one over and the
    earlier area is closed; rejected, neither area changes and the pair is not suggested again."""
    note = checked_optional(note, "note", limit=NOTE_LIMIT, field="note")
    outcome = CarryOverOutcome.CONFIRMED if confirm else CarryOverOutcome.REJECTED
    new, earlier, decision = _judge_link(
        session, area_id, earlier_area_id, outcome, by=by, now=now, note=note
    )
    with guarded_commit(session, earlier_area_id):
        if confirm:
            _carry(session, new, earlier, by=by, now=now, how="Carried over")
        session.add(decision)
    session.refresh(decision)
    return decision


def decide_unrepeated(
    session: Session,
    *,
    earlier_area_id: int,
    addressed: bool,
    by: Actor,
    now: datetime,
    note: str | None = None,
    inspection_id: int | None = None,
) -> CarryOverDecision:
    """Decide an earlier open area the new letter does not repeat: closed as addressed, on the
    statement that it was (without a note, the new letter's own statement about the previous
    inspection); or carried onto the new inspection as worded, due by the new inspection's
    default, with the earlier area closed. The new inspection is the latest unless given."""
    note = checked_optional(note, "note", limit=NOTE_LIMIT, field="note")
    earlier = get_area(session, earlier_area_id)
    require(by, Action.CARRY_OVER, scope_of(earlier), f"development area {earlier_area_id}")
    refuse_closed(session, earlier)
    later = later_inspection(session, earlier, inspection_id)
    assert later.id is not None
    statement = _statement(earlier, later, note) if addressed else note
    with guarded_commit(session, earlier_area_id):
        if addressed:
            _record_carry_over(
                session,
                earlier,
                by=by,
                now=now,
                note=f"Closed as addressed at the {_inspection_of(session, later)}: {statement}",
                close=True,
            )
            new = None
        else:
            new = _carry_copy(session, earlier, later.id, by=by, now=now)
        outcome = CarryOverOutcome.ADDRESSED if addressed else CarryOverOutcome.CARRIED_AS_IS
        decision = _decision(new, earlier, later.id, outcome, by=by, now=now, note=statement)
        session.add(decision)
    session.refresh(decision)
    return decision


# Each decision under its own name, for callers that know which one they make.
confirm_link = partial(decide_link, confirm=True)
reject_link = partial(decide_link, confirm=False)
close_as_addressed = partial(decide_unrepeated, addressed=True)
carry_as_is = partial(decide_unrepeated, addressed=False)


def _statement(earlier: DevelopmentArea, later: Inspection, note: str | None) -> str:
    """The statement that an earlier area was addressed: the note, else the letter's own."""
    statement = (note or "").strip() or (later.previous_areas_statement or "").strip()
    if not statement:
        raise MissingReason(
            f"closing development area {earlier.id} as addressed needs the statement that "
            f"says so, and inspection {later.id} records none; pass --note TEXT"
        )
    return statement


def _carry_copy(
    session: Session, earlier: DevelopmentArea, inspection_id: int, *, by: Actor, now: datetime
) -> DevelopmentArea:
    """A copy of the earlier area on the new inspection, as worded, carrying it over."""
    new = add_area(
        session,
        inspection_id=inspection_id,
        text=without_controls(earlier.text),  # as recorded before such characters were refused
        title=without_controls(earlier.title),
        priority=earlier.priority,
        now=now,
        by=by,
        commit=False,
    )
    finding = session.get(Finding, new.finding_id)
    assert finding is not None
    finding.heading = CARRIED_AS_IS_HEADING
    session.add(finding)
    _carry(session, new, earlier, by=by, now=now, how="Carried over as is")
    return new
