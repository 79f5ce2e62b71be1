"""Adding development areas by hand, assigning leads, and reading areas back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from domain.accounts.models import Person
from domain.accounts.people import get_person
from domain.areas.due_date_rules import default_due_date, due_date_from_timescale
from domain.areas.models import DevelopmentArea, DueDateChange, ProgressUpdate
from domain.dates import written_date
from domain.errors import AreaNotFound, DueDateBeforeInspection, InvalidInput, StaleVersion
from domain.free_text import NOTE_LIMIT, TITLE_LIMIT, checked_optional, checked_text
from domain.inspections.models import Finding, Inspection
from domain.inspections.rules import short_title
from domain.inspections.services import get_inspection
from domain.permissions import Action, Actor, Scope, recorded_id, require
from domain.reminders.policies import policy_for
from domain.vocabulary import ChangeState, FindingKind, Priority, UpdateKind


def get_area(session: Session, area_id: int) -> DevelopmentArea:
    """The development area with this id, or AreaNotFound."""
    found = session.get(DevelopmentArea, area_id)
    if found is None:
        raise AreaNotFound(f"development area {area_id} is not recorded")
    return found


def scope_of(area: DevelopmentArea) -> Scope:
    """What permission rules need to know about an area."""
    return Scope(authority_id=area.authority_id, owner_id=area.owner_id)


def check_due_date(inspection: Inspection, due: date) -> None:
    """Refuse a due date earlier than the end of the inspection it follows."""
    if due < inspection.end_date:
        raise DueDateBeforeInspection(
            f"due date {written_date(due)} is before inspection {inspection.id} ended on "
            f"{written_date(inspection.end_date)}; give a date on or after it"
        )


@contextmanager
def guarded_commit(session: Session, area_id: int) -> Iterator[None]:
    """Commit the use case once, turning a lost optimistic-lock race into StaleVersion."""
    try:
        yield
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise StaleVersion(
            f"development area {area_id} was changed by someone else just now; "
            "reload it and apply your change again"
        ) from exc
    except Exception:
        session.rollback()
        raise


def _due_date(
    session: Session, inspection: Inspection, given: date | None, timescale: str | None
) -> date:
    """The date given, else the one the timescale sets, else the authority's default; never
    before the inspection ended."""
    policy = policy_for(session, inspection.authority_id)
    base = inspection.published or inspection.end_date
    if given is not None:
        due = given
    elif timescale:
        due = due_date_from_timescale(timescale, start=base, policy=policy)
    else:
        due = default_due_date(base, policy)
    check_due_date(inspection, due)
    return due


def _record_finding(
    session: Session, inspection_id: int, wording: str, timescale: str | None
) -> int:
    """The id of a new finding for an area entered by hand, listed after the letter's own."""
    finding = Finding(
        inspection_id=inspection_id,
        kind=FindingKind.AREA_FOR_DEVELOPMENT,
        heading="Entered by hand",
        text=wording,
        timescale=timescale,
        position=1000,
    )
    session.add(finding)
    session.flush()
    assert finding.id is not None
    return finding.id


def _wording_and_title(text: str, title: str | None) -> tuple[str, str | None]:
    """An area's wording and title on one line each; refused whole when empty, too long or
    holding a control character (see free_text)."""
    wording = " ".join(checked_text(text, "area text", limit=NOTE_LIMIT, field="text").split())
    if not wording:
        raise InvalidInput("area text is empty; give the wording of the area for development")
    named = checked_optional(title, "title", limit=TITLE_LIMIT, field="title")
    return wording, " ".join(named.split()) if named else None


def add_area(
    session: Session,
    *,
    inspection_id: int,
    text: str,
    now: datetime,
    by: Actor,
    title: str | None = None,
    owner_email: str | None = None,
    due: date | None = None,
    timescale: str | None = None,
    priority: Priority = Priority.NORMAL,
    commit: bool = True,
) -> DevelopmentArea:
    """Record an area for development entered by hand, with its finding, in one go; whoever
    may assign the inspection's areas (or SYSTEM) may add one. `commit=False` leaves the
    transaction open for a caller recording many at once."""
    wording, named = _wording_and_title(text, title)
    inspection = get_inspection(session, inspection_id)
    what = f"development areas of inspection {inspection_id}"
    require(by, Action.ASSIGN, Scope(authority_id=inspection.authority_id), what)
    owner = get_person(session, owner_email) if owner_email else None
    due = _due_date(session, inspection, due, timescale)
    area = DevelopmentArea(
        finding_id=_record_finding(session, inspection_id, wording, timescale),
        inspection_id=inspection_id,
        authority_id=inspection.authority_id,
        title=named or short_title(wording),
        text=wording,
        owner_id=owner.id if owner else None,
        original_due_date=due,
        due_date=due,
        priority=priority,
        created_at=now,
        updated_at=now,
    )
    session.add(area)
    if not commit:
        session.flush()
        return area
    session.commit()
    session.refresh(area)
    return area


def lead_for(session: Session, area: DevelopmentArea, email: str) -> Person:
    """The person named to lead the area, who must work for its authority (or for none)."""
    owner = get_person(session, email)
    if owner.authority_id not in (None, area.authority_id):
        raise InvalidInput(
            f"{owner.email} works for another authority; choose a lead of the area's authority"
        )
    return owner


def _agree_due_date(
    session: Session, area: DevelopmentArea, due: date, *, first: bool, by: Actor, now: datetime
) -> str:
    """Move the area to the due date agreed with its lead; what the assignment's note adds."""
    assert area.id is not None
    check_due_date(get_inspection(session, area.inspection_id), due)
    added = ""
    if first:
        # The plan's first agreed date is the original; the proposal is only noted.
        proposed = f" (proposed {written_date(area.due_date)})" if area.due_date else ""
        added = f"; due date agreed as {written_date(due)}{proposed}"
        area.original_due_date = due
    else:
        session.add(
            DueDateChange(
                area_id=area.id,
                from_date=area.due_date,
                to_date=due,
                reason="agreed when the lead changed",
                requested_by_id=recorded_id(by),
                requested_at=now,
                state=ChangeState.APPROVED,
                decided_by_id=recorded_id(by),
                decided_at=now,
            )
        )
    area.due_date = due
    return added


def assign_area(
    session: Session,
    *,
    area_id: int,
    owner_email: str,
    now: datetime,
    by: Actor,
    due: date | None = None,
) -> DevelopmentArea:
    """Give an area its lead (and optionally agree its due date), keeping a record of both.

    `by` is the person assigning, or SYSTEM for an administrator's command line.
    """
    area = get_area(session, area_id)
    require(by, Action.ASSIGN, scope_of(area), f"development area {area_id}")
    owner = lead_for(session, area, owner_email)
    with guarded_commit(session, area_id):
        give_lead(session, area, owner, due=due, by=by, now=now)
    session.refresh(area)
    return area


def give_lead(
    session: Session,
    area: DevelopmentArea,
    owner: Person,
    *,
    due: date | None,
    by: Actor,
    now: datetime,
) -> None:
    """Make `owner` the area's lead and agree `due`, noting both; the caller commits and has
    checked that `by` may assign and `owner` may lead it."""
    assert area.id is not None
    previous: Person | None = session.get(Person, area.owner_id) if area.owner_id else None
    first_agreement = (
        previous is None
        and not session.exec(
            select(DueDateChange.id).where(DueDateChange.area_id == area.id)
        ).first()
    )
    note = (
        f"Lead changed from {previous.name} to {owner.name}"
        if previous
        else (f"Lead assigned: {owner.name}")
    )
    if due is not None and due != area.due_date:
        note += _agree_due_date(session, area, due, first=first_agreement, by=by, now=now)
    session.add(
        ProgressUpdate(
            area_id=area.id,
            author_id=recorded_id(by),
            kind=UpdateKind.ASSIGNMENT,
            created_at=now,
            note=note,
        )
    )
    area.owner_id = owner.id
    area.updated_at = now
    session.add(area)
