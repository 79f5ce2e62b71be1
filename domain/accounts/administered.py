"""What an administrator looks after: every authority and person, or their own authority's."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from domain.accounts.models import Authority, Person
from domain.errors import AuthorityNotFound, PersonNotFound
from domain.permissions import Actor, require_administrator, require_any_administrator
from domain.vocabulary import Role


def administered_authorities(session: Session, actor: Actor, what: str) -> list[Authority]:
    """The authorities `actor` administers, by name; NotPermitted, naming `what`, for others."""
    require_any_administrator(actor, what)
    query = select(Authority).order_by(col(Authority.name))
    if actor.authority_id is not None:
        query = query.where(Authority.id == actor.authority_id)
    return list(session.exec(query))


def administered_people(
    session: Session, actor: Actor, what: str, *, authority_id: int | None = None
) -> list[Person]:
    """The people of one authority `actor` administers (their own, or `authority_id` for an
    administrator of all), by name, with the people of no authority: inspectors, and for an
    administrator of all, the other administrators."""
    require_any_administrator(actor, what)
    shown = actor.authority_id if actor.authority_id is not None else authority_id
    no_authority: ColumnElement[bool] = col(Person.authority_id).is_(None)
    if actor.authority_id is not None:
        no_authority = and_(no_authority, col(Person.role) == Role.INSPECTOR)
    query = (
        select(Person)
        .where(or_(col(Person.authority_id) == shown, no_authority))
        .order_by(col(Person.name))
    )
    return list(session.exec(query))


def administered_person(session: Session, actor: Actor, person_id: int) -> Person:
    """One person whom `actor` may change."""
    require_any_administrator(actor, "change people")
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound(f"person {person_id} is not recorded")
    require_administrator(actor, person.authority_id, f"change {person.email}")
    return person


def administered_authority(session: Session, actor: Actor, authority_id: int) -> Authority:
    """One authority whose settings `actor` may change."""
    require_any_administrator(actor, "change authorities' settings")
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise AuthorityNotFound(f"authority {authority_id} is not recorded")
    require_administrator(actor, authority_id, f"change the settings of {authority.name}")
    return authority


def possible_line_managers(
    session: Session, authority_ids: list[int | None], *, besides: int | None = None
) -> list[Person]:
    """Active people of these authorities, by name, who could manage someone there."""
    query = (
        select(Person)
        .where(col(Person.authority_id).in_([a for a in authority_ids if a is not None]))
        .where(col(Person.active).is_(True), Person.role != Role.INSPECTOR)
        .order_by(col(Person.name))
    )
    return [p for p in session.exec(query) if p.id != besides]
