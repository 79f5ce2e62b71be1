"""Recording inspections with their findings, and the development areas they start."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from domain.accounts.models import Authority
from domain.accounts.people import get_authority, match_authority
from domain.areas.due_date_rules import default_due_date, due_date_from_timescale
from domain.areas.models import DevelopmentArea
from domain.errors import InspectionNotFound, InvalidInput
from domain.inspections.models import Finding, Inspection
from domain.inspections.rules import expected_next_window, short_title
from domain.reminders.policies import policy_for
from domain.vocabulary import FindingKind, InspectionKind, Priority


@dataclass(frozen=True)
class FindingInput:
    kind: FindingKind
    heading: str
    text: str
    timescale: str | None = None
    topic: str | None = None


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
    session: Session, *, authority_id: int, data: InspectionInput, now: datetime
) -> Recorded:
    """Record an inspection, its findings and an unassigned area per tracked finding.

    One transaction; a document recorded before (same fingerprint) changes nothing.
    """
    if data.fingerprint and (earlier := find_by_fingerprint(session, data.fingerprint)):
        query = select(DevelopmentArea).where(DevelopmentArea.inspection_id == earlier.id)
        return Recorded(earlier, list(session.exec(query)), created=False)
    if data.end < data.start:
        raise InvalidInput(
            f"inspection end {data.end.isoformat()} is before its start "
            f"{data.start.isoformat()}; the end must be on or after the start"
        )
    window = expected_next_window(data.kind, data.judgement, data.end)
    inspection = Inspection(
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
    session.add(inspection)
    session.flush()
    assert inspection.id is not None
    policy = policy_for(session, authority_id)
    base = data.published or data.end
    areas: list[DevelopmentArea] = []
    for position, item in enumerate(data.findings):
        finding = Finding(
            inspection_id=inspection.id,
            kind=item.kind,
            heading=item.heading,
            text=item.text,
            timescale=item.timescale,
            topic=item.topic,
            position=position,
        )
        session.add(finding)
        if not item.kind.is_tracked:
            continue
        session.flush()
        assert finding.id is not None
        due = (
            due_date_from_timescale(item.timescale, start=base, policy=policy)
            if item.timescale
            else default_due_date(base, policy)
        )
        area = DevelopmentArea(
            finding_id=finding.id,
            inspection_id=inspection.id,
            authority_id=authority_id,
            title=short_title(item.text),
            text=item.text,
            original_due_date=due,
            due_date=due,
            priority=Priority.HIGH if item.kind == FindingKind.PRIORITY_ACTION else Priority.NORMAL,
            created_at=now,
            updated_at=now,
        )
        session.add(area)
        areas.append(area)
    session.commit()
    for area in areas:
        session.refresh(area)
    session.refresh(inspection)
    return Recorded(inspection, areas, created=True)


@dataclass(frozen=True)
class RecordedDocument:
    recorded: Recorded
    authority: Authority
    authority_created: bool


def record_for_authority(
    session: Session,
    *,
    authority_name: str,
    data: InspectionInput,
    now: datetime,
    exact: bool = False,
) -> RecordedDocument:
    """Record a document's inspection against the authority it names, creating the authority
    when none matches, all in one transaction. `exact` refuses a name that is not recorded."""
    authority = (
        get_authority(session, authority_name)
        if exact
        else match_authority(session, authority_name)
    )
    created = authority is None
    if authority is None:
        authority = Authority(name=" ".join(authority_name.split()), created_at=now)
        session.add(authority)
        session.flush()
    assert authority.id is not None
    try:
        recorded = record_inspection(session, authority_id=authority.id, data=data, now=now)
    except Exception:
        session.rollback()
        raise
    return RecordedDocument(recorded, authority, created and recorded.created)


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
