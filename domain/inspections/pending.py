"""Imports in two steps: a document's reading is held, shown, corrected, then recorded.

The web page and the API upload a document and show what was read before anything is
recorded; `record_pending` then records it, with the person's corrections, through the same
`record_document` the command line uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

from sqlmodel import Session, col, delete, select

from domain.accounts.models import Authority
from domain.accounts.people import match_authority
from domain.errors import ImportNotFound
from domain.inspections.corrections import Corrections, corrected
from domain.inspections.documents import ParsedDocument, document_data, document_from_data
from domain.inspections.importing import ImportOutcome, record_document
from domain.inspections.models import Inspection, PendingImport
from domain.inspections.services import find_by_fingerprint
from domain.permissions import Actor, readable_authorities, recorded_id, require_importer

KEPT_FOR = timedelta(days=7)  # an upload nobody records is forgotten after this


@dataclass(frozen=True)
class Held:
    """A held upload: its reading, and the inspection recorded from it already, if any."""

    pending: PendingImport
    document: ParsedDocument
    recorded: Inspection | None

    @property
    def id(self) -> int:
        assert self.pending.id is not None
        return self.pending.id


def hold_document(session: Session, document: ParsedDocument, *, by: Actor, now: datetime) -> Held:
    """Keep the reading of an uploaded document until it is recorded; records nothing else.

    Uploads older than KEPT_FOR that nobody recorded are forgotten at the same time.
    """
    require_importer(by)
    session.exec(delete(PendingImport).where(col(PendingImport.created_at) < now - KEPT_FOR))
    pending = PendingImport(
        source_name=PurePath(document.source).name[:500],
        fingerprint=document.fingerprint,
        document=document_data(document),
        uploaded_by_id=recorded_id(by),
        created_at=now,
    )
    session.add(pending)
    session.commit()
    session.refresh(pending)
    return Held(pending, document, find_by_fingerprint(session, document.fingerprint))


def held_document(session: Session, import_id: int, *, by: Actor) -> Held:
    """The held upload, for the person who uploaded it (SYSTEM's own for SYSTEM)."""
    require_importer(by)
    # Asked of the database, not the session's memory, which may hold one forgotten since.
    found = select(PendingImport).where(col(PendingImport.id) == import_id)
    pending = session.exec(found).first()
    # Someone else's upload reads as not held, so ids tell nobody what others uploaded.
    if pending is None or pending.uploaded_by_id != recorded_id(by):
        raise ImportNotFound(f"import {import_id} is not held for you; upload the document again")
    document = document_from_data(pending.document)
    return Held(pending, document, find_by_fingerprint(session, pending.fingerprint))


def held_uploads(session: Session, *, by: Actor, most: int = 50) -> list[Held]:
    """The uploads `by` made that are still held, newest first, each with the inspection
    recorded from it, if any."""
    require_importer(by)
    mine = (
        select(PendingImport)
        .where(PendingImport.uploaded_by_id == recorded_id(by))
        .order_by(col(PendingImport.created_at).desc(), col(PendingImport.id).desc())
        .limit(most)
    )
    uploads = list(session.exec(mine))
    prints = [u.fingerprint for u in uploads]
    recorded = {
        i.source_fingerprint: i
        for i in session.exec(
            select(Inspection).where(col(Inspection.source_fingerprint).in_(prints))
        )
    }
    return [Held(u, document_from_data(u.document), recorded.get(u.fingerprint)) for u in uploads]


def record_pending(
    session: Session,
    import_id: int,
    *,
    by: Actor,
    now: datetime,
    corrections: Corrections | None = None,
) -> ImportOutcome:
    """Record a held upload with the person's corrections, in one transaction.

    A document recorded before changes nothing, whatever the corrections say.
    """
    held = held_document(session, import_id, by=by)
    document = corrected(held.document, corrections or Corrections())
    return record_document(session, document, by=by, now=now, authority=document.authority)


def revise_held(session: Session, import_id: int, corrections: Corrections, *, by: Actor) -> Held:
    """Keep the person's corrections with the held reading, so the page shows them applied;
    nothing about the inspection is recorded."""
    held = held_document(session, import_id, by=by)
    document = corrected(held.document, corrections)
    held.pending.document = document_data(document)
    session.add(held.pending)
    session.commit()
    return Held(held.pending, document, held.recorded)


def importable_authorities(session: Session, by: Actor) -> list[Authority]:
    """The recorded authorities `by` may import documents for, by name."""
    require_importer(by)
    ids = readable_authorities(by)
    query = select(Authority).order_by(col(Authority.name))
    if ids is not None:
        # A manager's or director's own authority (or a local administrator's); an
        # inspector's grants never reach here, as inspectors may not import.
        query = query.where(col(Authority.id) == by.authority_id)
    return list(session.exec(query))


def authority_for(session: Session, held: Held, choices: list[Authority]) -> Authority | None:
    """Among `choices`, the authority a held document belongs to: the one it was recorded
    under, else the one its reading names, else the only choice."""
    by_id = {a.id: a for a in choices}
    if held.recorded is not None and held.recorded.authority_id in by_id:
        return by_id[held.recorded.authority_id]
    if held.document.authority:
        found = match_authority(session, held.document.authority)
        if found is not None and found.id in by_id:
            return found
    return choices[0] if len(choices) == 1 else None
