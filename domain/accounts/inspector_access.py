"""Inspectors' access windows: granting, shortening and ending them, each change recorded
with who made it and when (see `access_rules` for which grant counts)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from domain.accounts.access_rules import (
    GrantState,
    check_shorter,
    check_window,
    grant_state,
    latest_grants,
)
from domain.accounts.changes import AccessChangeKind, InspectorAccessChange
from domain.accounts.credentials import InspectorAccess
from domain.accounts.models import Authority
from domain.accounts.people import authority_named, get_person
from domain.dates import written_date
from domain.errors import InvalidInput, NotFound
from domain.permissions import Actor, recorded_id, require_administrator, require_any_administrator
from domain.vocabulary import Role

# The states in which a grant may still be shortened or ended.
_OPEN = (GrantState.UPCOMING, GrantState.IN_FORCE)


def _record(
    session: Session,
    grant: InspectorAccess,
    what: AccessChangeKind,
    *,
    old: date | None,
    new: date | None,
    by: Actor,
    now: datetime,
) -> None:
    assert grant.id is not None
    session.add(
        InspectorAccessChange(
            grant_id=grant.id,
            what=what,
            old_ends_on=old,
            new_ends_on=new,
            by_id=recorded_id(by),
            at=now,
        )
    )


def _grants_of(session: Session, person_id: int, authority_id: int) -> list[InspectorAccess]:
    query = select(InspectorAccess).where(
        InspectorAccess.person_id == person_id, InspectorAccess.authority_id == authority_id
    )
    return list(session.exec(query))


def grant_inspector_access(
    session: Session,
    *,
    email: str,
    authority: str,
    until: date,
    today: date,
    now: datetime,
    by: Actor,
    starts_on: date | None = None,
) -> InspectorAccess:
    """Let an inspector read one authority's records from `starts_on` (today) to `until`.

    The new grant replaces any older one for the same inspector and authority, so a shorter
    window shortens their access; the older grant still open is recorded as replaced.
    """
    person = get_person(session, email)
    found = authority_named(session, authority, known_to=by)
    require_administrator(by, found.id, f"grant access to {found.name}")
    if person.role != Role.INSPECTOR:
        raise InvalidInput(
            f"{person.email} is a {person.role.value}; access windows are for inspectors only"
        )
    start = starts_on or today
    check_window(start, until)
    assert person.id is not None and found.id is not None
    before = latest_grants(_grants_of(session, person.id, found.id)).get((person.id, found.id))
    grant = InspectorAccess(
        person_id=person.id,
        authority_id=found.id,
        starts_on=start,
        ends_on=until,
        granted_by_id=recorded_id(by),
        granted_at=now,
    )
    session.add(grant)
    session.flush()
    if before is not None and grant_state(before, before, today) in _OPEN:
        _record(
            session, before, AccessChangeKind.REPLACED, old=before.ends_on, new=None, by=by, now=now
        )
    _record(session, grant, AccessChangeKind.GRANTED, old=None, new=until, by=by, now=now)
    session.commit()
    session.refresh(grant)
    return grant


def open_grant(
    session: Session, grant_id: int, today: date, by: Actor, what: str
) -> tuple[InspectorAccess, Authority]:
    """A grant `by` administers that still counts and has not ended, with its authority;
    NotFound, NotPermitted or InvalidInput (naming the grant and what to do) else."""
    require_any_administrator(by, what)
    grant = session.get(InspectorAccess, grant_id)
    if grant is None:
        raise NotFound(f"inspector access {grant_id} is not recorded; list the grants first")
    authority = session.get(Authority, grant.authority_id)
    assert authority is not None
    require_administrator(by, grant.authority_id, f"{what} at {authority.name}")
    pair = (grant.person_id, grant.authority_id)
    latest = latest_grants(_grants_of(session, *pair))[pair]
    state = grant_state(grant, latest, today)
    if state == GrantState.REPLACED:
        raise InvalidInput(
            f"inspector access {grant_id} was replaced by a newer grant "
            f"({latest.id}); change that one instead"
        )
    if state == GrantState.ENDED:
        ended = grant.revoked_at.date() if grant.revoked_at else grant.ends_on
        raise InvalidInput(
            f"inspector access {grant_id} ended on {written_date(ended)}; grant new access instead"
        )
    return grant, authority


def shorten_inspector_access(
    session: Session, *, grant_id: int, until: date, by: Actor, today: date, now: datetime
) -> InspectorAccess:
    """Bring a grant's last day forward to `until`: earlier than its present last day, and
    not before its first day or yesterday."""
    grant, _ = open_grant(session, grant_id, today, by, "shorten inspector access")
    check_shorter(grant, until, today)
    old = grant.ends_on
    grant.ends_on = until
    session.add(grant)
    _record(session, grant, AccessChangeKind.SHORTENED, old=old, new=until, by=by, now=now)
    session.commit()
    session.refresh(grant)
    return grant


def end_inspector_access(
    session: Session, *, grant_id: int, by: Actor, today: date, now: datetime
) -> InspectorAccess:
    """End a grant now: the inspector reads nothing more through it (an older grant it
    replaced does not come back)."""
    grant, _ = open_grant(session, grant_id, today, by, "end inspector access")
    grant.revoked_at = now
    session.add(grant)
    _record(session, grant, AccessChangeKind.ENDED, old=grant.ends_on, new=None, by=by, now=now)
    session.commit()
    session.refresh(grant)
    return grant
