"""Setting up authorities and people, and finding them again by name or email."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from domain.errors import AuthorityNotFound, DuplicateRecord, InvalidInput, PersonNotFound
from domain.models import Authority, Person, Role
from domain.rules.authorities import authority_key
from domain.rules.permissions import Actor


def add_authority(session: Session, *, name: str, now: datetime) -> Authority:
    """Record a new authority; its name must be new."""
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("authority name is empty; give the name as printed on letters")
    if session.exec(select(Authority).where(Authority.name == clean)).first():
        raise DuplicateRecord(f"authority {clean!r} is recorded already")
    authority = Authority(name=clean, created_at=now)
    session.add(authority)
    session.commit()
    session.refresh(authority)
    return authority


def match_authority(session: Session, name: str) -> Authority | None:
    """The recorded authority `name` refers to, tolerant of 'London Borough of' and 'Council'."""
    exact = session.exec(select(Authority).where(Authority.name == name.strip())).first()
    if exact:
        return exact
    key = authority_key(name)
    if not key:
        return None
    matches = [a for a in session.exec(select(Authority)) if authority_key(a.name) == key]
    return matches[0] if len(matches) == 1 else None


def get_authority(session: Session, name_or_id: str | int) -> Authority:
    """The authority with this id or name (tolerant matching), or AuthorityNotFound."""
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        found = session.get(Authority, int(name_or_id))
    else:
        found = match_authority(session, str(name_or_id))
    if found is None:
        known = ", ".join(sorted(a.name for a in session.exec(select(Authority)))) or "none yet"
        raise AuthorityNotFound(f"authority {name_or_id!r} is not recorded; recorded: {known}")
    return found


def get_person(session: Session, email: str) -> Person:
    """The person with this email (any case), or PersonNotFound."""
    found = session.exec(select(Person).where(Person.email == email.strip().lower())).first()
    if found is None:
        raise PersonNotFound(f"no person has email {email!r}; add them with 'closeout person add'")
    return found


def add_person(
    session: Session,
    *,
    name: str,
    email: str,
    role: Role,
    now: datetime,
    authority: str | None = None,
    manager_email: str | None = None,
    extra_addresses: list[str] | None = None,
) -> Person:
    """Record a person; staff belong to an authority, and a manager must already exist."""
    address = email.strip().lower()
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise InvalidInput(f"email {email!r} is not an email address; use name@example.org")
    if session.exec(select(Person).where(Person.email == address)).first():
        raise DuplicateRecord(f"a person with email {address!r} is recorded already")
    if role in (Role.LEAD, Role.MANAGER, Role.DIRECTOR) and authority is None:
        raise InvalidInput(f"a {role.value} belongs to an authority; pass --authority NAME")
    authority_row = get_authority(session, authority) if authority else None
    manager = get_person(session, manager_email) if manager_email else None
    person = Person(
        name=" ".join(name.split()),
        email=address,
        role=role,
        authority_id=authority_row.id if authority_row else None,
        manager_id=manager.id if manager else None,
        extra_addresses=list(extra_addresses or []),
        created_at=now,
    )
    session.add(person)
    session.commit()
    session.refresh(person)
    return person


def list_people(session: Session, *, authority: str | None = None) -> list[Person]:
    """People, optionally of one authority, by name."""
    query = select(Person).order_by(col(Person.name))
    if authority:
        query = query.where(Person.authority_id == get_authority(session, authority).id)
    return list(session.exec(query))


def actor_for(session: Session, person: Person) -> Actor:
    """The person as an Actor, with everyone below them in the line of management."""
    assert person.id is not None
    reports: dict[int | None, list[int]] = {}
    for pid, manager_id in session.exec(
        select(Person.id, Person.manager_id).where(Person.authority_id == person.authority_id)
    ):
        reports.setdefault(manager_id, []).append(pid)  # type: ignore[arg-type]
    below: set[int] = set()
    frontier = [person.id]
    while frontier:
        for child in reports.get(frontier.pop(), []):
            if child not in below and child != person.id:
                below.add(child)
                frontier.append(child)
    return Actor(person.id, person.name, person.role, person.authority_id, frozenset(below))
