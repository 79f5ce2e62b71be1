"""API for administrators: inspectors' access to an authority, listed, shortened and ended."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel

from domain.accounts import access_reads, inspector_access
from domain.errors import NotFound
from web.deps import ApiViewer, Db, RecordId, Viewer

router = APIRouter(prefix="/authorities/{authority_id}/inspector-access", tags=["inspector access"])


class GrantOut(BaseModel):
    """One grant of read-only access: an inspector's window on the authority, and its state
    (upcoming, in force, ended, or replaced by a newer grant)."""

    id: int
    inspector: str
    inspector_email: str
    starts_on: date
    ends_on: date
    state: str
    granted_by: str
    granted_at: datetime
    ended_at: datetime | None


class ShortenIn(BaseModel):
    """The grant's new last day: earlier than its last day, not before its first or yesterday."""

    until: date


def _listed(db: Db, viewer: Viewer, authority_id: int) -> list[GrantOut]:
    rows = access_reads.access_grants(
        db, authority_id=authority_id, by=viewer.actor, today=viewer.today
    )
    return [
        GrantOut(
            id=row.id,
            inspector=row.inspector,
            inspector_email=row.inspector_email,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            state=row.state.value,
            granted_by=row.granted_by,
            granted_at=row.granted_at,
            ended_at=row.ended_at,
        )
        for row in rows
    ]


def _one(db: Db, viewer: Viewer, authority_id: int, grant_id: int) -> GrantOut:
    found = next((g for g in _listed(db, viewer, authority_id) if g.id == grant_id), None)
    if found is None:
        raise NotFound(f"inspector access {grant_id} to authority {authority_id} is not recorded")
    return found


@router.get("", response_model=list[GrantOut])
def list_access(db: Db, viewer: ApiViewer, authority_id: RecordId) -> list[GrantOut]:
    """Every grant of access to the authority, those still open first, newest first."""
    return _listed(db, viewer, authority_id)


@router.post("/{grant_id}/shorten", response_model=GrantOut)
def shorten(
    db: Db, viewer: ApiViewer, authority_id: RecordId, grant_id: RecordId, body: ShortenIn
) -> GrantOut:
    """Bring a grant's last day forward; the change is recorded with who made it."""
    _one(db, viewer, authority_id, grant_id)
    inspector_access.shorten_inspector_access(
        db, grant_id=grant_id, until=body.until, by=viewer.actor, today=viewer.today, now=viewer.now
    )
    return _one(db, viewer, authority_id, grant_id)


@router.post("/{grant_id}/end", response_model=GrantOut)
def end(db: Db, viewer: ApiViewer, authority_id: RecordId, grant_id: RecordId) -> GrantOut:
    """End a grant now; the change is recorded with who made it."""
    _one(db, viewer, authority_id, grant_id)
    inspector_access.end_inspector_access(
        db, grant_id=grant_id, by=viewer.actor, today=viewer.today, now=viewer.now
    )
    return _one(db, viewer, authority_id, grant_id)
