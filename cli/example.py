"""The bundled example: a fictional authority whose dates are set relative to loading day."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from domain.accounts import people
from domain.accounts.models import Authority
from domain.areas import progress
from domain.areas import services as areas
from domain.areas.models import DevelopmentArea
from domain.inspections.documents import FindingInput
from domain.inspections.services import InspectionInput, record_inspection
from domain.permissions import SYSTEM
from domain.vocabulary import FindingKind, InspectionKind, Role, Status
from infra import clock

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "eastmere.json"


def is_empty(session: Session) -> bool:
    """Whether no authority is recorded yet."""
    return session.exec(select(Authority)).first() is None


def load_example(session: Session, *, today: date, path: Path = EXAMPLE) -> Authority:
    """Record the example authority, people, inspection and areas, some overdue, some not."""
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    now = clock.moment(today)
    authority = people.add_authority(session, name=spec["authority"], now=now, by=SYSTEM)
    for person in spec["people"]:
        role = Role(person["role"])
        people.add_person(
            session,
            name=person["name"],
            email=person["email"],
            role=role,
            authority=authority.name if role in (Role.LEAD, Role.MANAGER, Role.DIRECTOR) else None,
            manager_email=person.get("manager"),
            now=now,
            by=SYSTEM,
        )
    given = spec["inspection"]
    recorded = record_inspection(
        session,
        authority_id=authority.id or 0,
        now=now,
        data=_inspection(given, today, path.name),
        by=SYSTEM,
    )
    tracked = [f for f in given["findings"] if FindingKind(f["kind"]).is_tracked]
    for area, item in zip(recorded.areas, tracked, strict=True):
        _start_work(session, area, item, today=today, now=now)
    return authority


def _inspection(given: dict[str, Any], today: date, source_name: str) -> InspectionInput:
    """The example's inspection, dated by how many days before loading it began."""
    start = today - timedelta(days=given["days_before_load"])
    return InspectionInput(
        kind=InspectionKind(given["kind"]),
        start=start,
        end=start + timedelta(days=given["length_days"] - 1),
        published=start + timedelta(days=28),
        inspectors=given["inspectors"],
        previous_areas_statement=given.get("previous_areas_statement"),
        source_name=source_name,
        findings=[
            FindingInput(FindingKind(f["kind"]), f["heading"], f["text"]) for f in given["findings"]
        ],
    )


def _start_work(
    session: Session, area: DevelopmentArea, item: dict[str, Any], *, today: date, now: datetime
) -> None:
    """Give an example area its lead and due date, and its lead's update if it has one."""
    assert area.id is not None
    areas.assign_area(
        session,
        area_id=area.id,
        owner_email=item["lead"],
        now=now,
        due=today + timedelta(days=item["due_in_days"]),
        by=SYSTEM,
    )
    if update := item.get("update"):
        lead = people.actor_for(session, people.get_person(session, item["lead"]))
        progress.record_progress(
            session,
            area_id=area.id,
            by=lead,
            now=now,
            note=update["note"],
            status=Status(update["status"]),
        )
