"""Setting and ending a person's absence, with the delegate who takes their reminders.

A person may set their own absence; their line manager (anyone above them) and an
administrator may set it for them. Absences of one person never overlap.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from domain.accounts.absences import Absence
from domain.accounts.models import Person
from domain.dates import written_date
from domain.errors import Conflict, InvalidDate, InvalidInput, NotPermitted
from domain.permissions import Actor, may_administer, recorded_id

LONGEST_ABSENCE_DAYS = 366


def require_may_set(by: Actor, person: Person) -> None:
    """Raise NotPermitted unless `by` is the person, above them in the line, or administers."""
    if by.person_id == person.id and not by.is_system:
        return
    if person.id in by.manages and by.authority_id == person.authority_id:
        return
    if not may_administer(by, person.authority_id):
        raise NotPermitted(f"{by.name} may not set or end an absence of {person.email}")


def _check_dates(starts_on: date, ends_on: date, today: date) -> None:
    if starts_on < today:
        raise InvalidDate(
            f"first day away {written_date(starts_on)} is in the past; give today or a later date",
            field="starts_on",
        )
    if ends_on < starts_on:
        raise InvalidDate(
            f"last day away {written_date(ends_on)} is before the first day away "
            f"{written_date(starts_on)}; give a last day on or after the first",
            field="ends_on",
        )
    if ends_on > today + timedelta(days=LONGEST_ABSENCE_DAYS):
        raise InvalidDate(
            f"last day away {written_date(ends_on)} is more than a year ahead; "
            "give an earlier date",
            field="ends_on",
        )


def _check_delegate(person: Person, delegate: Person | None) -> None:
    if delegate is None:
        return
    if delegate.id == person.id:
        raise InvalidInput(
            f"{person.email} cannot act for themselves; name someone else or no delegate "
            "(their line manager then acts for them)",
            field="delegate",
        )
    if not delegate.active or delegate.authority_id != person.authority_id:
        raise InvalidInput(
            f"{delegate.email} is not an active member of the same authority; name a colleague",
            field="delegate",
        )


def set_absence(
    session: Session,
    *,
    person: Person,
    starts_on: date,
    ends_on: date,
    delegate: Person | None,
    by: Actor,
    today: date,
    now: datetime,
) -> Absence:
    """Record that `person` is away from `starts_on` to `ends_on`, with `delegate` (or their
    line manager, when None) taking their reminders meanwhile."""
    require_may_set(by, person)
    _check_dates(starts_on, ends_on, today)
    _check_delegate(person, delegate)
    clash = session.exec(
        select(Absence).where(
            Absence.person_id == person.id,
            col(Absence.starts_on) <= ends_on,
            col(Absence.ends_on) >= starts_on,
            col(Absence.ends_on) >= col(Absence.starts_on),  # not one cancelled before it began
        )
    ).first()
    if clash is not None:
        raise Conflict(
            f"{person.email} is away already from {written_date(clash.starts_on)} to "
            f"{written_date(clash.ends_on)}; end that absence first"
        )
    absence = Absence(
        person_id=person.id or 0,
        starts_on=starts_on,
        ends_on=ends_on,
        planned_ends_on=ends_on,
        delegate_id=delegate.id if delegate else None,
        set_by_id=recorded_id(by),
        set_at=now,
    )
    session.add(absence)
    session.commit()
    session.refresh(absence)
    return absence


def current_or_next(session: Session, person_id: int, today: date) -> Absence | None:
    """The person's absence covering today, else the next one to come."""
    return session.exec(
        select(Absence)
        .where(
            Absence.person_id == person_id,
            col(Absence.ends_on) >= today,
            col(Absence.ends_on) >= col(Absence.starts_on),
        )
        .order_by(col(Absence.starts_on))
    ).first()


def end_absence(
    session: Session, *, person: Person, by: Actor, today: date, now: datetime
) -> Absence:
    """End the person's absence in force (they are back today) or cancel the next one."""
    require_may_set(by, person)
    absence = current_or_next(session, person.id or 0, today)
    if absence is None:
        raise Conflict(f"{person.email} is not away and has no absence to come")
    # Back today: the last day away was yesterday (before the first day, if it never began).
    absence.ends_on = min(today, absence.starts_on) - timedelta(days=1)
    absence.ended_by_id, absence.ended_at = recorded_id(by), now
    session.add(absence)
    session.commit()
    session.refresh(absence)
    return absence
