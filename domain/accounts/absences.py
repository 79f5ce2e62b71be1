"""Absences: a person away from one day to another, and who acts for them meanwhile.

While someone is away their reminders go to their delegate (by default their line manager)
and stop reaching them; from the day after the absence they reach them again. Absences are
set and ended by `domain.accounts.away`; this module holds the table and the two reads the
rest of Closeout asks: who acts for a person today, and for whom a person acts today.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column
from sqlmodel import Field, Session, SQLModel, col, select

from domain.accounts.models import Person
from domain.columns import UTCDateTime
from domain.dates import written_date


class Absence(SQLModel, table=True):
    """One person away from `starts_on` to `ends_on`, both days included.

    `delegate_id` None means their line manager acts for them. Ending an absence early moves
    `ends_on` to the last day away (before `starts_on` when it never began) and keeps the
    days first given in `planned_ends_on`; who set it and who ended it, and when, are kept
    (None for Closeout itself).
    """

    __tablename__ = "absence"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    starts_on: date
    ends_on: date
    planned_ends_on: date
    delegate_id: int | None = Field(default=None, foreign_key="person.id")
    set_by_id: int | None = Field(default=None, foreign_key="person.id")
    set_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ended_by_id: int | None = Field(default=None, foreign_key="person.id")
    ended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))

    @property
    def is_cancelled(self) -> bool:
        """Whether it was ended before its first day."""
        return self.ends_on < self.starts_on

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def absence_on(session: Session, person_id: int, today: date) -> Absence | None:
    """The person's absence that covers `today`, if any (absences never overlap)."""
    return session.exec(
        select(Absence).where(
            Absence.person_id == person_id,
            col(Absence.starts_on) <= today,
            col(Absence.ends_on) >= today,
        )
    ).first()


def _first_delegate(session: Session, absence: Absence) -> int | None:
    """The active person the absence names, else the absent person's active line manager."""
    person = session.get(Person, absence.person_id)
    for chosen in (absence.delegate_id, person.manager_id if person else None):
        delegate = session.get(Person, chosen) if chosen is not None else None
        if delegate is not None and delegate.active:
            return chosen
    return None


def delegate_for(session: Session, person_id: int, today: date) -> int | None:
    """Who acts for this person today, or None when they are not away (or no one can).

    When the delegate is away too, whoever acts for the delegate acts for both, and so on
    along the chain; a chain that comes back on itself stops at the first delegate, so that
    nothing owed is lost.
    """
    absence = absence_on(session, person_id, today)
    if absence is None:
        return None
    first = _first_delegate(session, absence)
    current, seen = first, {person_id}
    while current is not None and current not in seen:
        seen.add(current)
        onward = absence_on(session, current, today)
        if onward is None:
            return current
        current = _first_delegate(session, onward)
    return first


def acting_for(session: Session, person_id: int, today: date) -> list[int]:
    """The people whose reminders this person receives today as a delegate, by id."""
    away = session.exec(
        select(Absence.person_id).where(
            col(Absence.starts_on) <= today,
            col(Absence.ends_on) >= today,
            Absence.person_id != person_id,
        )
    )
    return sorted(
        absent for absent in set(away) if delegate_for(session, absent, today) == person_id
    )


def delegates_on(session: Session, person_ids: set[int], today: date) -> dict[int, int]:
    """For each of `person_ids` away today with someone to act for them, that delegate."""
    if not person_ids:
        return {}
    away = session.exec(
        select(Absence.person_id).where(
            col(Absence.person_id).in_(person_ids),
            col(Absence.starts_on) <= today,
            col(Absence.ends_on) >= today,
        )
    )
    found = {absent: delegate_for(session, absent, today) for absent in set(away)}
    return {absent: delegate for absent, delegate in found.items() if delegate is not None}


def absence_entries(session: Session, person_id: int) -> list[dict[str, object]]:
    """The person's absences as entries of an area's history (the area they lead), each with
    `_order` as `domain.areas.queries.history_of` sorts by: the moment set, then 4."""
    absences = session.exec(
        select(Absence).where(Absence.person_id == person_id).order_by(col(Absence.id))
    ).all()
    wanted = (
        {person_id}
        | {a.delegate_id for a in absences if a.delegate_id}
        | {a.set_by_id for a in absences if a.set_by_id}
    )
    names = dict(
        session.exec(select(Person.id, Person.name).where(col(Person.id).in_(wanted))).all()
    )
    person = session.get(Person, person_id)
    manager = names.get(person.manager_id) if person and person.manager_id else None
    entries: list[dict[str, object]] = []
    for absence in absences:
        if absence.is_cancelled:
            continue
        to = names.get(absence.delegate_id) if absence.delegate_id else manager
        entries.append(
            {
                "at": absence.set_at.isoformat(),
                "type": "absence",
                "by": names.get(absence.set_by_id) if absence.set_by_id else "Closeout",
                "from": absence.starts_on.isoformat(),
                "to": absence.ends_on.isoformat(),
                "delegate": to,
                "note": f"{names.get(person_id)} away from {written_date(absence.starts_on)} "
                f"to {written_date(absence.ends_on)}; reminders went to "
                f"{to or 'no one (none was named and there is no line manager)'}.",
                "_order": (absence.set_at, 4, absence.id),
            }
        )
    return entries
