"""Revised due dates: asked for by leads, approved or made at once by their managers."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea, DueDateChange
from domain.areas.services import check_due_date, get_area, guarded_commit, scope_of
from domain.dates import written_date
from domain.errors import AlreadyDecided, DueDateChangeNotFound, InvalidInput, MissingReason
from domain.free_text import NOTE_LIMIT, REASON_LIMIT, checked_optional, checked_text
from domain.inspections.services import get_inspection
from domain.permissions import Action, Actor, is_allowed, recorded_id, require
from domain.reminders.notices import date_not_agreed_notice
from domain.vocabulary import ChangeState, Status


def change_due_date(
    session: Session, *, area_id: int, to: date, reason: str, by: Actor, now: datetime
) -> DueDateChange:
    """Record a revised due date: in force at once from the lead's manager, a director or
    an administrator; a request awaiting their approval from the lead."""
    area = get_area(session, area_id)
    what = f"development area {area_id}"
    if not reason.strip():
        raise MissingReason(f"a revised due date for {what} needs a reason; pass --reason TEXT")
    reason = checked_text(reason, "due-date reason", limit=NOTE_LIMIT, field="reason")
    if not area.status.is_active:
        raise InvalidInput(f"{what} is {area.status.value}; only open work can be given a new date")
    if to == area.due_date:
        raise InvalidInput(f"{what} is already due on {written_date(to)}; give a different date")
    check_due_date(get_inspection(session, area.inspection_id), to)
    immediate = is_allowed(by, Action.CHANGE_DUE_DATE, scope_of(area))
    if not immediate:
        require(by, Action.REQUEST_DUE_DATE, scope_of(area), what)
    change = DueDateChange(
        area_id=area_id,
        from_date=area.due_date,
        to_date=to,
        reason=reason,
        requested_by_id=recorded_id(by),
        requested_at=now,
        state=ChangeState.APPROVED if immediate else ChangeState.PENDING,
        decided_by_id=recorded_id(by) if immediate else None,
        decided_at=now if immediate else None,
    )
    return _save(session, area, change, takes_effect=immediate, now=now)


def decide_due_date(
    session: Session,
    *,
    change_id: int,
    approve: bool,
    by: Actor,
    now: datetime,
    note: str | None = None,
) -> DueDateChange:
    """Approve (the new date takes effect) or reject a lead's request for a revised date.

    A rejection needs a note saying why: the person who asked reads it on the area's page and
    in their next digest (a notice added to the reminder ledger, sent once)."""
    change = session.get(DueDateChange, change_id)
    if change is None:
        raise DueDateChangeNotFound(f"due-date request {change_id} is not recorded")
    if change.state != ChangeState.PENDING:
        raise AlreadyDecided(f"due-date request {change_id} was {change.state.value} already")
    area = get_area(session, change.area_id)
    require(by, Action.DECIDE_DUE_DATE, scope_of(area), f"development area {area.id}")
    note = checked_optional(note, "decision note", limit=REASON_LIMIT, field="note")
    if not approve and not note:
        raise MissingReason(
            f"enter why the new due date of {written_date(change.to_date)} is not agreed; "
            "the person who asked for it reads your reason",
            field="note",
        )
    change.state = ChangeState.APPROVED if approve else ChangeState.REJECTED
    change.decided_by_id, change.decided_at = recorded_id(by), now
    change.decision_note = note
    return _save(session, area, change, takes_effect=approve, now=now)


def _save(
    session: Session,
    area: DevelopmentArea,
    change: DueDateChange,
    *,
    takes_effect: bool,
    now: datetime,
) -> DueDateChange:
    """Store the change and, when it takes effect, the area's new due date with it."""
    assert area.id is not None
    with guarded_commit(session, area.id):
        session.add(change)
        if takes_effect:
            change.from_date = area.due_date
            area.due_date = change.to_date
            area.updated_at = now
            session.add(area)
        elif change.state == ChangeState.REJECTED and change.requested_by_id is not None:
            session.flush()  # the request's id keys the notice
            session.add(date_not_agreed_notice(area, change, now=now))
    session.refresh(change)
    return change


def changes_of(session: Session, area_id: int) -> list[DueDateChange]:
    """Every due-date change and request for an area, oldest first."""
    query = select(DueDateChange).where(DueDateChange.area_id == area_id)
    return list(
        session.exec(query.order_by(col(DueDateChange.requested_at), col(DueDateChange.id)))
    )


def pending_requests(session: Session, *, authority_id: int) -> list[DueDateChange]:
    """Requests awaiting a decision in an authority, oldest first."""
    query = (
        select(DueDateChange)
        .join(DevelopmentArea, col(DevelopmentArea.id) == DueDateChange.area_id)
        .where(DevelopmentArea.authority_id == authority_id)
        .where(DueDateChange.state == ChangeState.PENDING)
        .where(col(DevelopmentArea.status).in_([s.value for s in Status if s.is_active]))
        .order_by(col(DueDateChange.requested_at))
    )
    return list(session.exec(query))
