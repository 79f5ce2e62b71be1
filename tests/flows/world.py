"""A small world of areas for reminder tests: one authority, its director, a manager and leads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea
from domain.areas.pauses import pauses_of
from domain.calendar import london_date
from domain.inspections.models import Inspection
from domain.reminders.classification import AreaFacts
from domain.reminders.rules import Pause, ReminderFacts
from domain.vocabulary import Role, Status
from tests import factories


@dataclass
class World:
    authority: Authority
    director: Person
    manager: Person
    leads: list[Person]
    inspection: Inspection


def build_world(session: Session, *, leads: int = 2, window_start: date | None = None) -> World:
    """An authority with a director, a manager and `leads` leads, and one inspection."""
    where = factories.authority(session)
    director = factories.person(session, where, Role.DIRECTOR)
    manager = factories.person(session, where, Role.MANAGER, manager=director)
    people = [factories.person(session, where, Role.LEAD, manager=manager) for _ in range(leads)]
    factories.inspection_with_areas(session, where, ["Placeholder finding kept closed."])
    inspection = session.exec(select(Inspection).where(Inspection.authority_id == where.id)).one()
    inspection.next_window_start = window_start
    session.add(inspection)
    for area in session.exec(select(DevelopmentArea)).all():
        area.status = Status.CLOSED
        session.add(area)
    session.commit()
    return World(where, director, manager, people, inspection)


def add_area(
    session: Session,
    world: World,
    *,
    owner: Person | None,
    due: date | None,
    created: datetime = factories.NOW,
    progress_at: datetime | None = None,
    status: Status = Status.OPEN,
    title: str = "Plans for children in need lack timescales",
) -> DevelopmentArea:
    """An area written straight to the table, so a test sets exactly the facts it needs."""
    area = DevelopmentArea(
        finding_id=_finding_id(session, world),
        inspection_id=world.inspection.id or 0,
        authority_id=world.authority.id or 0,
        title=title,
        text=title,
        owner_id=owner.id if owner else None,
        original_due_date=due,
        due_date=due,
        status=status,
        last_progress_at=progress_at,
        created_at=created,
        updated_at=created,
    )
    session.add(area)
    session.commit()
    session.refresh(area)
    return area


def _finding_id(session: Session, world: World) -> int:
    area = session.exec(
        select(DevelopmentArea).where(DevelopmentArea.inspection_id == world.inspection.id)
    ).first()
    assert area is not None
    return area.finding_id


def reminder_facts(session: Session, area: DevelopmentArea) -> ReminderFacts:
    """The reference rules' view of `area`, read the way a person would describe it."""
    owner = session.get(Person, area.owner_id) if area.owner_id else None
    owner = owner if owner and owner.active else None
    manager = session.get(Person, owner.manager_id) if owner and owner.manager_id else None
    directors = session.exec(
        select(Person)
        .where(Person.authority_id == area.authority_id, Person.role == Role.DIRECTOR)
        .where(Person.active.is_(True))  # type: ignore[attr-defined]
        .order_by(Person.id)  # type: ignore[arg-type]
    ).all()
    latest = session.exec(
        select(Inspection)
        .where(Inspection.authority_id == area.authority_id)
        .order_by(Inspection.end_date.desc())  # type: ignore[attr-defined]
    ).first()
    activity = area.last_progress_at or area.created_at
    return ReminderFacts(
        area=AreaFacts(
            status=area.status,
            due_date=area.due_date,
            last_activity=london_date(activity),
            has_owner=owner is not None,
            next_window_start=latest.next_window_start if latest else None,
        ),
        has_update=area.last_progress_at is not None,
        owner_id=owner.id if owner else None,
        manager_id=manager.id if manager and manager.active else None,
        director_id=directors[0].id if directors else None,
        pauses=tuple(
            Pause(p.starts_on, p.until, p.by_lead)
            for p in pauses_of(session, [area.id or 0]).get(area.id or 0, [])
        ),
    )


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A UTC moment on `day`."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
