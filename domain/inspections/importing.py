"""The import use case: record a parsed letter or report once, then suggest what it carries over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from domain.accounts.models import Authority
from domain.accounts.people import authority_named, match_authority
from domain.areas.models import DevelopmentArea
from domain.carryover import LinkSuggestion, suggest_carry_over
from domain.errors import InvalidInput
from domain.inspections.documents import ParsedDocument
from domain.inspections.models import Inspection
from domain.inspections.services import InspectionInput, find_by_fingerprint, record_inspection
from domain.permissions import Actor, require_administrator, require_importer


@dataclass(frozen=True)
class ImportOutcome:
    """What recording one document did: a new inspection, or the one recorded from it before."""

    inspection: Inspection
    areas: list[DevelopmentArea]
    authority: Authority
    authority_created: bool
    already_recorded: bool
    suggestions: list[LinkSuggestion]  # earlier open areas the new ones may carry over


def record_document(
    session: Session,
    document: ParsedDocument,
    *,
    by: Actor,
    now: datetime,
    authority: str | None = None,
) -> ImportOutcome:
    """Record the document's inspection, findings and development areas in one transaction.

    The authority is the one the document names, matched tolerantly and recorded when none
    matches; `authority` overrides it and must name a recorded one. A document recorded before
    (same fingerprint) changes nothing. An administrator, director or manager of the
    authority may import (SYSTEM always may); only an administrator of every authority may
    add one.
    """
    # Checked before any lookup, so that no one else learns from the answer what is recorded.
    require_importer(by)
    name = authority or document.authority
    if not name:
        raise InvalidInput(
            f"{document.source}: no authority named in the document", field="authority"
        )
    data = _inspection_input(document)
    found = _recorded_authority(session, name, data.fingerprint, given=authority is not None, by=by)
    created = found is None
    if found is None:
        require_administrator(by, None, "add authorities")
        found = Authority(name=" ".join(name.split()), created_at=now)
        session.add(found)
        session.flush()
    assert found.id is not None
    try:
        recorded = record_inspection(session, authority_id=found.id, data=data, now=now, by=by)
    except IntegrityError:
        # Someone recorded the same document a moment ago: theirs stands, and this changes
        # nothing, as if it had come second.
        session.rollback()
        earlier = find_by_fingerprint(session, data.fingerprint) if data.fingerprint else None
        if earlier is None:
            raise
        return _already(session, earlier)
    except Exception:
        session.rollback()
        raise
    inspection = recorded.inspection
    assert inspection.id is not None
    return ImportOutcome(
        inspection=inspection,
        areas=recorded.areas,
        authority=found,
        authority_created=created,
        already_recorded=not recorded.created,
        suggestions=(
            suggest_carry_over(session, inspection_id=inspection.id) if recorded.created else []
        ),
    )


def _already(session: Session, inspection: Inspection) -> ImportOutcome:
    """The outcome of importing a document recorded before, as `inspection`."""
    authority = session.get(Authority, inspection.authority_id)
    assert authority is not None
    areas = session.exec(
        select(DevelopmentArea).where(DevelopmentArea.inspection_id == inspection.id)
    )
    return ImportOutcome(inspection, list(areas), authority, False, True, [])


def _recorded_authority(
    session: Session, name: str, fingerprint: str | None, *, given: bool, by: Actor
) -> Authority | None:
    """The recorded authority the document belongs to, if any: the one named (`given`, it must
    be recorded; else matched tolerantly), or the one the same document was recorded under."""
    found = authority_named(session, name, known_to=by) if given else match_authority(session, name)
    if fingerprint and (earlier := find_by_fingerprint(session, fingerprint)):
        # Recorded before, perhaps under another name: that is the authority, and none is added.
        return session.get(Authority, earlier.authority_id)
    return found


def _inspection_input(document: ParsedDocument) -> InspectionInput:
    """What the domain records from a parsed document; missing dates are refused."""
    start = document.inspection_start or document.inspection_end
    end = document.inspection_end or document.inspection_start
    if start is None or end is None:
        raise InvalidInput(
            f"{document.source}: no inspection dates found; an inspection needs its dates"
        )
    return InspectionInput(
        kind=document.kind,
        start=start,
        end=end,
        published=document.published,
        inspectors=list(document.inspectors),
        judgement=document.judgement,
        framework=document.framework,
        source_name=PurePath(document.source).name,
        fingerprint=document.fingerprint,
        previous_areas_statement=document.previous_areas_statement,
        findings=list(document.findings),
    )
