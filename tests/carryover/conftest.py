"""A small authority with its people and letters for the carry-over and review pack tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from domain import carryover
from domain.accounts import people
from domain.accounts.models import Authority, Person
from domain.areas import due_dates, progress
from domain.areas import services as areas
from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverDecision
from domain.dates import written_date
from domain.inspections import services as inspections
from domain.inspections.documents import FindingInput
from domain.inspections.models import Inspection
from domain.inspections.services import InspectionInput
from domain.permissions import SYSTEM, Actor
from domain.reminders.models import Reminder
from domain.vocabulary import FindingKind, InspectionKind, Role, Status
from tests import factories
from tests.cli.conftest import closeout  # noqa: F401  (the CLI fixture, for the tests here)

# Decisions are taken a few weeks after the later letter of each test.
DECIDED = datetime(2011, 3, 21, 10, 0, tzinfo=UTC)


@dataclass
class World:
    """An authority with a director, a manager, a lead, a second lead and an inspector."""

    session: Session
    authority: Authority
    director: Person
    manager: Person
    lead: Person
    other_lead: Person
    inspector: Person

    def actor(self, who: Person) -> Actor:
        return people.actor_for(self.session, who)

    def confirm(
        self,
        new: DevelopmentArea,
        earlier: DevelopmentArea,
        *,
        by: Person | None = None,
        now: datetime = DECIDED,
    ) -> CarryOverDecision:
        """Confirm that `new` carries `earlier` over, as the manager unless `by` is given."""
        return carryover.confirm_link(
            self.session,
            area_id=new.id or 0,
            earlier_area_id=earlier.id or 0,
            by=self.actor(by or self.manager),
            now=now,
        )

    def letter(
        self,
        texts: Sequence[str],
        *,
        start: date,
        published: date | None = None,
        statement: str | None = None,
    ) -> list[DevelopmentArea]:
        """Record an inspection of the authority with these areas for development."""
        assert self.authority.id is not None
        recorded = inspections.record_inspection(
            self.session,
            authority_id=self.authority.id,
            now=datetime.combine(published or start, datetime.min.time(), tzinfo=UTC),
            data=InspectionInput(
                kind=InspectionKind.UCRA_LETTER,
                start=start,
                end=start,
                published=published,
                previous_areas_statement=statement,
                findings=[
                    FindingInput(FindingKind.AREA_FOR_DEVELOPMENT, "Areas for development", t)
                    for t in texts
                ],
            ),
            by=SYSTEM,
        )
        return recorded.areas


def build_world(session: Session, name: str = "Southwold Borough Council") -> World:
    authority = factories.authority(session, name)
    director = factories.person(session, authority, Role.DIRECTOR, name="Dana Director")
    manager = factories.person(session, authority, Role.MANAGER, name="Mo Manager")
    lead = factories.person(session, authority, Role.LEAD, manager=manager, name="Lee Lead")
    other = factories.person(session, authority, Role.LEAD, manager=manager, name="Olu Other")
    inspector = factories.person(session, authority, Role.INSPECTOR, name="Ira Inspector")
    return World(session, authority, director, manager, lead, other, inspector)


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def inspection_of(session: Session, area: DevelopmentArea) -> str:
    """How notes and reasons name an area's inspection: by the day it began."""
    inspection = session.get(Inspection, area.inspection_id)
    assert inspection is not None
    return f"inspection of {written_date(inspection.start_date)}"


def at(day: date, hour: int = 10) -> datetime:
    """A moment on `day`, in UTC."""
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=hour)


@dataclass
class History:
    """A known history of one authority over two letters: what the pack must show."""

    world: World
    caf_2010: DevelopmentArea  # carried over to caf_2011
    oversight_2010: DevelopmentArea  # closed as addressed
    caf_2011: DevelopmentArea
    conferences_2011: DevelopmentArea
    statement: str


CAF_2010 = "Embed the common assessment framework (CAF) across all partner agencies."
CAF_2011 = "Implementation of the CAF remains underdeveloped across partner agencies."
STATEMENT = "All but one area of development identified at the previous inspection are addressed."


def record_known_history(world: World) -> History:
    """Two letters, progress, a revised due date, evidence, reminders and carry-over decisions."""
    session = world.session
    caf, oversight = world.letter(
        [CAF_2010, "Improve the recording of management oversight on case files."],
        start=date(2010, 4, 20),
    )
    lead, manager = world.actor(world.lead), world.actor(world.manager)
    areas.assign_area(
        session,
        area_id=caf.id or 0,
        owner_email=world.lead.email,
        now=at(date(2010, 5, 4)),
        by=SYSTEM,
    )
    progress.record_progress(
        session,
        area_id=caf.id or 0,
        by=lead,
        now=at(date(2010, 6, 1)),
        note="CAF training for every school",
        status=Status.IN_PROGRESS,
        evidence=["https://intranet.example/caf-training-plan"],
    )
    request = due_dates.change_due_date(
        session,
        area_id=caf.id or 0,
        to=date(2011, 1, 31),
        reason="Health partners joined late",
        by=lead,
        now=at(date(2010, 9, 1)),
    )
    due_dates.decide_due_date(
        session,
        change_id=request.id or 0,
        approve=True,
        by=manager,
        now=at(date(2010, 9, 3)),
        note="Agreed at the board",
    )
    _record_reminders(world, caf)
    progress.record_progress(
        session, area_id=caf.id or 0, by=lead, now=at(date(2010, 12, 1)), note="CAF audit begun"
    )
    caf_2011, conferences = world.letter(
        [CAF_2011, "Too few child protection enquiries lead to initial conferences."],
        start=date(2011, 2, 1),
        published=date(2011, 3, 2),
        statement=STATEMENT,
    )
    world.confirm(caf_2011, caf)
    carryover.close_as_addressed(
        session, earlier_area_id=oversight.id or 0, by=world.actor(world.director), now=DECIDED
    )
    progress.record_progress(
        session,
        area_id=caf_2011.id or 0,
        by=lead,
        now=at(date(2011, 4, 5)),
        note="CAF champions named in every school",
        evidence=["https://intranet.example/caf-champions"],
    )
    for area in (caf, oversight, caf_2011, conferences):
        session.refresh(area)
    return History(world, caf, oversight, caf_2011, conferences, STATEMENT)


def _record_reminders(world: World, area: DevelopmentArea) -> None:
    """A reminder to the lead, an escalation to the manager and one still owed."""
    for day, reason, who, state in (
        (date(2010, 10, 21), "overdue", world.lead, "sent"),
        (date(2010, 11, 4), "escalate_manager", world.manager, "sent"),
        (date(2010, 11, 11), "overdue", world.lead, "pending"),
    ):
        world.session.add(
            Reminder(
                authority_id=world.authority.id,
                area_id=area.id,
                reason=reason,
                window_key=day.toordinal(),
                recipient_id=who.id,
                due_date_version="2011-01-31",
                state=state,
                created_at=at(day, 7),
                sent_at=at(day, 8) if state == "sent" else None,
            )
        )
    world.session.commit()
