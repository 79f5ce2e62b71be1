"""The menu: the pages each role starts from, and so the only roles that may open them.

The header lists a person's own pages from this table, and `web.deps.menu_guard` answers
403 to anyone else who types one of these addresses: the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.reminders.report_store import READERS as REPORT_READERS
from domain.vocabulary import Role

STAFF = frozenset({Role.MANAGER, Role.DIRECTOR, Role.ADMIN})
AUTHORITY_STAFF = frozenset({Role.LEAD, Role.MANAGER, Role.DIRECTOR})
ADMIN = frozenset({Role.ADMIN})
EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class MenuItem:
    """One link in the header: its address, its words, and who has it."""

    href: str
    text: str
    roles: frozenset[Role]
    # How a refusal names who the page is for.
    meant_for: str = ""


MENU: tuple[MenuItem, ...] = (
    MenuItem("/dashboard", "Dashboard", STAFF, "managers, directors and administrators"),
    MenuItem("/my-areas", "My development areas", AUTHORITY_STAFF, "people who lead areas"),
    MenuItem("/inspector", "Previous inspections", frozenset({Role.INSPECTOR}), "inspectors"),
    MenuItem(
        "/inspections", "Inspections", EVERYONE - {Role.INSPECTOR}, "the staff of an authority"
    ),
    MenuItem("/plan", "Improvement plan", EVERYONE),
    MenuItem("/reports", "Readiness reports", REPORT_READERS, "directors and administrators"),
    MenuItem("/admin/people", "People", ADMIN, "administrators"),
    MenuItem("/admin/authorities", "Reminder policies", ADMIN, "administrators"),
    MenuItem("/admin/access", "Inspector access", ADMIN, "administrators"),
    MenuItem("/account", "Your account", EVERYONE),
)
BY_HREF = {item.href: item for item in MENU}


def menu_for(role: Role) -> list[MenuItem]:
    """The links `role` sees in the header, in order."""
    return [item for item in MENU if role in item.roles]
