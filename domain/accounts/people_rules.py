"""Where people belong: which roles need an authority, and lines of management without loops."""

from __future__ import annotations

from collections.abc import Mapping

from domain.errors import InvalidInput
from domain.vocabulary import Role

STAFF_ROLES = frozenset({Role.LEAD, Role.MANAGER, Role.DIRECTOR})


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
