"""Recording inspections with their findings, and the development areas they start."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from domain.areas.due_date_rules import default_due_date, due_date_from_timescale
from domain.areas.models import DevelopmentArea
from domain.dates import written_date
from domain.errors import InspectionNotFound, InvalidInput
from domain.inspections.documents import FindingInput
from domain.inspections.models import Finding, Inspection
from domain.inspections.rules import expected_next_window, short_title
from domain.permissions import Action, Actor, Scope, require
from domain.reminders.policies import policy_for
from domain.vocabulary import FindingKind, InspectionKind, Priority


@dataclass(frozen=True)
class InspectionInput:
    """An inspection as a document or a person describes it."""

    kind: InspectionKind
    start: date
    end: date
    published: date | None = None
    inspectors: list[str] = field(default_factory=list)
    judgement: str | None = None
    framework: str | None = None
    source_name: str | None = None
    fingerprint: str | None = None
    previous_areas_statement: str | None = None
    findings: list[FindingInput] = field(default_factory=list)


@dataclass(frozen=True)
class Recorded:
    inspection: Inspection
    areas: list[DevelopmentArea]
    created: bool  # False when the same document was recorded before


def get_inspection(session: Session, inspection_id: int) -> Inspection:
    """The inspection with this id, or InspectionNotFound."""
    found = session.get(Inspection, inspection_id)
    if found is None:
        raise InspectionNotFound(f"inspection {inspection_id} is not recorded")
    return found


def find_by_fingerprint(session: Session, fingerprint: str) -> Inspection | None:
    """The inspection recorded from the document with this fingerprint, if any."""
    query = select(Inspection).where(Inspection.source_fingerprint == fingerprint)
    return session.exec(query).first()


def record_inspection(
    session: Session, *, authority_id: int, data: InspectionInput, now: datetime, by: Actor
) -> Recorded:
    """Record an inspection, its findings and an unassigned area per tracked finding.

    One transaction; a document recorded before (same fingerprint) changes nothing. An
    administrator, director or manager of the authority (or SYSTEM) may record one.
    """
    require(by, Action.IMPORT, Scope(authority_id), f"authority {authority_id}")
    if data.fingerprint and (earlier := find_by_fingerprint(session, data.fingerprint)):
        query = select(DevelopmentArea).where(DevelopmentArea.inspection_id == earlier.id)
        return Recorded(earlier, list(session.exec(query)), created=False)
    if data.end < data.start:
        raise InvalidInput(
            f"inspection end {written_date(data.end)} is before its start "
            f"{written_date(data.start)}; the end must be on or after the start",
            field="inspection_end",
        )
    inspection = _inspection(authority_id, data, now)
    session.add(inspection)
    session.flush()
    assert inspection.id is not None
    policy = policy_for(session, authority_id)
    base = data.published or data.end
    areas: list[DevelopmentArea] = []
    for position, item in enumerate(data.findings):
        finding = Finding(inspection_id=inspection.id, position=position, **asdict(item))
        session.add(finding)
        if item.kind.is_tracked:
            session.flush()
            due = (
                due_date_from_timescale(item.timescale, start=base, policy=policy)
                if item.timescale
                else default_due_date(base, policy)
            )
            area = _area(finding, inspection, due, now)
            session.add(area)
            areas.append(area)
    session.commit()
    for area in areas:
        session.refresh(area)
    session.refresh(inspection)
    return Recorded(inspection, areas, created=True)


def _inspection(authority_id: int, data: InspectionInput, now: datetime) -> Inspection:
    window = expected_next_window(data.kind, data.judgement, data.end)
    return Inspection(
        authority_id=authority_id,
        kind=data.kind,
        start_date=data.start,
        end_date=data.end,
        published=data.published,
        inspectors=list(data.inspectors),
        judgement=data.judgement,
        framework=data.framework,
        source_name=data.source_name,
        source_fingerprint=data.fingerprint,
        previous_areas_statement=data.previous_areas_statement,
        next_window_start=window[0],
        next_window_end=window[1],
        created_at=now,
    )


def _area(finding: Finding, inspection: Inspection, due: date, now: datetime) -> DevelopmentArea:
    """The development area a tracked finding starts: unassigned, due by `due`."""
    assert finding.id is not None
    assert inspection.id is not None
    return DevelopmentArea(
        finding_id=finding.id,
        inspection_id=inspection.id,
        authority_id=inspection.authority_id,
        title=short_title(finding.text),
        text=finding.text,
        original_due_date=due,
        due_date=due,
        priority=Priority.HIGH if finding.kind == FindingKind.PRIORITY_ACTION else Priority.NORMAL,
        created_at=now,
        updated_at=now,
    )


def findings_of(session: Session, inspection_id: int) -> list[Finding]:
    """The inspection's findings in the order the document gives them."""
    get_inspection(session, inspection_id)
    query = select(Finding).where(Finding.inspection_id == inspection_id)
    return list(session.exec(query.order_by(col(Finding.position))))


def list_inspections(session: Session, *, authority_id: int | None = None) -> list[Inspection]:
    """Inspections, newest first."""
    query = select(Inspection).order_by(col(Inspection.end_date).desc())
    if authority_id is not None:
        query = query.where(Inspection.authority_id == authority_id)
    return list(session.exec(query))
