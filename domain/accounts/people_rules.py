"""The rules for people: names and emails, which roles need an authority, lines without loops."""

from __future__ import annotations

from collections.abc import Mapping

from domain.errors import InvalidInput
from domain.vocabulary import Role

STAFF_ROLES = frozenset({Role.LEAD, Role.MANAGER, Role.DIRECTOR})
NAME_LIMIT = 200
EMAIL_LIMIT = 320


def person_name(name: str) -> str:
    """The name with its white space folded; refused when empty or too long."""
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("name is empty; give the person's full name", field="name")
    if len(clean) > NAME_LIMIT:
        raise InvalidInput(
            f"a name of {len(clean)} characters is too long; use {NAME_LIMIT} at most", field="name"
        )
    return clean


def email_address(email: str) -> str:
    """The email as stored, trimmed and in lower case; refused when too long or not an address."""
    address = email.strip().lower()
    if len(address) > EMAIL_LIMIT:
        raise InvalidInput(
            f"an email of {len(address)} characters is too long; use {EMAIL_LIMIT} at most",
            field="email",
        )
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise InvalidInput(
            f"email {email!r} is not an email address; use name@example.org", field="email"
        )
    return address


def check_role_in_authority(role: Role, authority_id: int | None) -> None:
    """Refuse a lead, manager or director who belongs to no authority."""
    if role in STAFF_ROLES and authority_id is None:
        raise InvalidInput(
            f"a {role.value} belongs to an authority; give the one they work for",
            field="authority",
        )


def reports_to(candidate_id: int, person_id: int, managers: Mapping[int, int | None]) -> bool:
    """Whether `candidate_id` is `person_id` or sits anywhere below them in the line.

    `managers` maps each person's id to their line manager's id.
    """
    seen: set[int] = set()
    current: int | None = candidate_id
    while current is not None and current not in seen:
        if current == person_id:
            return True
        seen.add(current)
        current = managers.get(current)
    return False
