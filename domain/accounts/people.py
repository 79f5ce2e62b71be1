"""Setting up authorities and people, changing people, and finding them by name or email."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from domain.accounts.authority_names import authority_key, keys_match
from domain.accounts.models import Authority, Person, PersonUpdate
from domain.accounts.people_rules import (
    check_role_in_authority,
    email_address,
    person_name,
    reports_to,
)
from domain.errors import (
    AuthorityNotFound,
    DuplicateRecord,
    InvalidInput,
    NotPermitted,
    PersonNotFound,
)
from domain.ids import is_record_id, record_id_in
from domain.permissions import (
    Actor,
    readable_authorities,
    recorded_id,
    require_administrator,
    require_any_administrator,
)
from domain.vocabulary import Role


def add_authority(session: Session, *, name: str, now: datetime, by: Actor) -> Authority:
    """Record a new authority; its name must be new. Only an administrator of every
    authority (or SYSTEM) may add one."""
    require_administrator(by, None, "add authorities")
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
    recorded = [(authority_key(a.name), a) for a in session.exec(select(Authority))]
    # The same key first; then a name with or without its river or sea, if only one such.
    for alike in (str.__eq__, keys_match):
        matches = [a for other, a in recorded if alike(other, key)]
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None


def get_authority(session: Session, name_or_id: str | int) -> Authority:
    """The authority with this id or name (tolerant matching), or AuthorityNotFound naming
    no other authority."""
    found = _authority(session, name_or_id)
    if found is None:
        raise AuthorityNotFound(
            f"authority {name_or_id!r} is not recorded; give a recorded authority's name or id"
        )
    return found


def authority_named(session: Session, name_or_id: str | int, *, known_to: Actor) -> Authority:
    """The authority with this id or name, or AuthorityNotFound listing the authorities
    `known_to` may read (every one for SYSTEM and an administrator of every authority), so
    nobody learns the names of authorities that are not theirs."""
    found = _authority(session, name_or_id)
    if found is None:
        raise AuthorityNotFound(
            f"authority {name_or_id!r} is not recorded{_readable(session, known_to)}"
        )
    return found


def _authority(session: Session, name_or_id: str | int) -> Authority | None:
    if isinstance(name_or_id, int):
        return session.get(Authority, name_or_id) if is_record_id(name_or_id) else None
    if (number := record_id_in(name_or_id)) is not None:
        return session.get(Authority, number)
    if name_or_id.strip().isdigit():
        return None  # digits, but no id a table could hold
    return match_authority(session, name_or_id)


def _readable(session: Session, reader: Actor) -> str:
    """'; recorded: …' naming the authorities `reader` may read."""
    allowed = readable_authorities(reader)
    query = select(Authority.name).order_by(col(Authority.name))
    if allowed is not None:
        query = query.where(col(Authority.id).in_(allowed))
    names = list(session.exec(query))
    if allowed is None:
        return f"; recorded: {', '.join(names) or 'none yet'}"
    return f"; you may read: {', '.join(names) or 'none'}"


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
    by: Actor,
) -> Person:
    """Record a person; staff belong to an authority, and a line manager must work there too."""
    require_any_administrator(by, "add people")
    authority_id = authority_named(session, authority, known_to=by).id if authority else None
    require_administrator(by, authority_id, f"add people to {_name_of(session, authority_id)}")
    clean = person_name(name)
    address = email_address(email)
    if session.exec(select(Person).where(Person.email == address)).first():
        raise DuplicateRecord(f"a person with email {address!r} is recorded already", field="email")
    check_role_in_authority(role, authority_id)
    manager = _line_manager(session, manager_email, authority_id, None) if manager_email else None
    person = Person(
        name=clean,
        email=address,
        role=role,
        authority_id=authority_id,
        manager_id=manager.id if manager else None,
        extra_addresses=list(extra_addresses or []),
        created_at=now,
    )
    session.add(person)
    session.commit()
    session.refresh(person)
    return person


def update_person(session: Session, *, person_id: int, changes: PersonUpdate, by: Actor) -> Person:
    """Change a person's role, line manager or whether they may sign in, all or nothing."""
    require_any_administrator(by, "change people")
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound(f"person {person_id} is not recorded")
    assert person.id is not None
    require_administrator(by, person.authority_id, f"change {person.email}")
    given = changes.model_dump(exclude_unset=True)
    role = given.get("role") or person.role
    active = person.active if given.get("active") is None else bool(given["active"])
    if recorded_id(by) == person.id and (role != person.role or not active):
        raise NotPermitted(
            f"{by.name} may not change their own role or make themselves inactive; "
            "ask another administrator",
            field="role" if role != person.role else "active",
        )
    check_role_in_authority(role, person.authority_id)
    if "manager_email" in given:
        email = (given["manager_email"] or "").strip()
        manager = _line_manager(session, email, person.authority_id, person.id) if email else None
        person.manager_id = manager.id if manager else None
    person.role, person.active = role, active
    session.add(person)
    session.commit()
    session.refresh(person)
    return person


def _line_manager(
    session: Session, email: str, authority_id: int | None, person_id: int | None
) -> Person:
    """The line manager with this email, if they are active, work in the person's authority
    and do not report to the person already."""
    address = email.strip().lower()
    manager = session.exec(select(Person).where(Person.email == address)).first()
    if manager is None:
        raise PersonNotFound(
            f"line manager {email!r} is not recorded; add them first", field="manager_email"
        )
    assert manager.id is not None
    if manager.authority_id != authority_id:
        theirs, ours = _name_of(session, manager.authority_id), _name_of(session, authority_id)
        raise InvalidInput(
            f"line manager {manager.email} works for {theirs}; choose someone from {ours}",
            field="manager_email",
        )
    if not manager.active:
        raise InvalidInput(
            f"line manager {manager.email} is inactive; choose an active person",
            field="manager_email",
        )
    if person_id is not None:
        # A line stays within one authority, so only its people can close a loop.
        rows = session.exec(
            select(Person.id, Person.manager_id).where(Person.authority_id == authority_id)
        )
        managers = {pid: boss for pid, boss in rows if pid is not None}
        if reports_to(manager.id, person_id, managers):
            raise InvalidInput(
                f"line manager {manager.email} is this person or reports to them; "
                "a line of management cannot loop",
                field="manager_email",
            )
    return manager


def _name_of(session: Session, authority_id: int | None) -> str:
    found = session.get(Authority, authority_id) if authority_id is not None else None
    return found.name if found else "no authority"


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
