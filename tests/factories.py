"""Factories that build a small world of records for a test, with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from sqlmodel import Session

from domain.accounts import people
from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea
from domain.inspections import services as inspections
from domain.inspections.documents import FindingInput
from domain.inspections.services import InspectionInput
from domain.permissions import SYSTEM, Actor
from domain.vocabulary import Role

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
_serial = itertools.count(1)


def authority(session: Session, name: str | None = None) -> Authority:
    return people.add_authority(
        session, name=name or f"Authority {next(_serial)}", now=NOW, by=SYSTEM
    )


def person(
    session: Session,
    where: Authority | None,
    role: Role = Role.LEAD,
    *,
    manager: Person | None = None,
    name: str | None = None,
) -> Person:
    n = next(_serial)
    return people.add_person(
        session,
        name=name or f"Person {n}",
        email=f"person{n}@example.org",
        role=role,
        authority=where.name if where else None,
        manager_email=manager.email if manager else None,
        now=NOW,
        by=SYSTEM,
    )


def actor(session: Session, who: Person) -> Actor:
    return people.actor_for(session, who)


def inspection_with_areas(
    session: Session,
    where: Authority,
    texts: list[str],
    *,
    start: date = date(2026, 1, 12),
    end: date = date(2026, 1, 13),
    published: date | None = date(2026, 2, 9),
    timescales: list[str | None] | None = None,
) -> list[DevelopmentArea]:
    from domain.vocabulary import FindingKind

    findings = [
        FindingInput(
            FindingKind.AREA_FOR_DEVELOPMENT,
            "Areas for development",
            text,
            (timescales or [None] * len(texts))[i],
        )
        for i, text in enumerate(texts)
    ]
    assert where.id is not None
    recorded = inspections.record_inspection(
        session,
        authority_id=where.id,
        now=NOW,
        data=InspectionInput(
            kind=inspections.InspectionKind.UCRA_LETTER,
            start=start,
            end=end,
            published=published,
            findings=findings,
        ),
        by=SYSTEM,
    )
    return recorded.areas
