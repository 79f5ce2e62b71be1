"""A small authority with its people and letters for the carry-over and review pack tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from domain.models import (
    Authority,
    CarryOverDecision,
    DevelopmentArea,
    FindingKind,
    InspectionKind,
    Person,
    Role,
)
from domain.rules.permissions import Actor
from domain.services import carryover, inspections, people
from domain.services.inspections import FindingInput, InspectionInput
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
