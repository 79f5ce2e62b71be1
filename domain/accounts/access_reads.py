"""Reading inspectors' access: an authority's grants and their history for an administrator,
and an inspector's own windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from domain.accounts.access_rules import GrantState, grant_state, latest_grants
from domain.accounts.changes import AccessChangeKind, InspectorAccessChange
from domain.accounts.credentials import InspectorAccess
from domain.accounts.models import Authority, Person
from domain.errors import AuthorityNotFound
from domain.permissions import SYSTEM, Actor, require_administrator, require_any_administrator


@dataclass(frozen=True)
class GrantRow:
    """One grant as an administrator's list shows it."""

    id: int
    inspector: str
    inspector_email: str
    starts_on: date
    ends_on: date
    granted_by: str
    granted_at: datetime
    state: GrantState
    ended_at: datetime | None

    @property
    def is_open(self) -> bool:
        """Whether it may still be shortened or ended."""
        return self.state in (GrantState.UPCOMING, GrantState.IN_FORCE)


@dataclass(frozen=True)
class AccessChangeRow:
    """One recorded change to a grant: what, to whose access, by whom and when."""

    grant_id: int
    inspector: str
    what: AccessChangeKind
    old_ends_on: date | None
    new_ends_on: date | None
    by: str
    at: datetime


@dataclass(frozen=True)
class AccessWindow:
    """An inspector's own window on one authority, in force or still to come."""

    authority: str
    starts_on: date
    ends_on: date
    state: GrantState


def _authority(session: Session, authority_id: int, by: Actor, what: str) -> Authority:
    require_any_administrator(by, what)
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise AuthorityNotFound(f"authority {authority_id} is not recorded")
    require_administrator(by, authority_id, f"{what} of {authority.name}")
    return authority


def _names(session: Session, ids: set[int | None]) -> dict[int | None, str]:
    """People's names by id; no id (Closeout itself acting) reads as SYSTEM's name."""
    found = session.exec(select(Person).where(col(Person.id).in_([i for i in ids if i])))
    return {None: SYSTEM.name, **{p.id: p.name for p in found}}


def access_grants(session: Session, *, authority_id: int, by: Actor, today: date) -> list[GrantRow]:
    """Every grant of access to one authority, those still open first, newest first."""
    _authority(session, authority_id, by, "see inspector access")
    grants = list(
        session.exec(
            select(InspectorAccess)
            .where(InspectorAccess.authority_id == authority_id)
            .order_by(col(InspectorAccess.granted_at).desc(), col(InspectorAccess.id).desc())
        )
    )
    latest = latest_grants(grants)
    people = session.exec(select(Person).where(col(Person.id).in_({g.person_id for g in grants})))
    inspectors = {p.id: p for p in people}
    names = _names(session, {g.granted_by_id for g in grants})
    rows = []
    for grant in grants:
        assert grant.id is not None
        inspector = inspectors[grant.person_id]
        state = grant_state(grant, latest[(grant.person_id, grant.authority_id)], today)
        rows.append(
            GrantRow(
                grant.id,
                inspector.name,
                inspector.email,
                grant.starts_on,
                grant.ends_on,
                names.get(grant.granted_by_id, "someone no longer recorded"),
                grant.granted_at,
                state,
                grant.revoked_at,
            )
        )
    return sorted(rows, key=lambda row: not row.is_open)


def access_history(
    session: Session, *, authority_id: int, by: Actor, limit: int = 200
) -> list[AccessChangeRow]:
    """The recorded changes to grants of access to one authority, newest first."""
    _authority(session, authority_id, by, "see the history of inspector access")
    inspector = aliased(Person)
    query = (
        select(InspectorAccessChange, inspector.name)
        .join(InspectorAccess, col(InspectorAccess.id) == col(InspectorAccessChange.grant_id))
        .join(inspector, col(inspector.id) == col(InspectorAccess.person_id))
        .where(InspectorAccess.authority_id == authority_id)
        .order_by(col(InspectorAccessChange.at).desc(), col(InspectorAccessChange.id).desc())
        .limit(limit)
    )
    found = list(session.exec(query))
    names = _names(session, {change.by_id for change, _ in found})
    return [
        AccessChangeRow(
            change.grant_id,
            name,
            change.what,
            change.old_ends_on,
            change.new_ends_on,
            names.get(change.by_id, "someone no longer recorded"),
            change.at,
        )
        for change, name in found
    ]


def access_windows(session: Session, *, person_id: int, today: date) -> list[AccessWindow]:
    """An inspector's windows in force or to come, one per authority, soonest first."""
    grants = session.exec(select(InspectorAccess).where(InspectorAccess.person_id == person_id))
    latest = latest_grants(grants)
    found = session.exec(select(Authority).where(col(Authority.id).in_({a for _, a in latest})))
    names = {a.id: a.name for a in found}
    windows = [
        AccessWindow(names[grant.authority_id], grant.starts_on, grant.ends_on, state)
        for grant in latest.values()
        if (state := grant_state(grant, grant, today)) in (GrantState.UPCOMING, GrantState.IN_FORCE)
    ]
    return sorted(windows, key=lambda w: (w.starts_on, w.authority))
