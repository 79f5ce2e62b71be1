"""The seed letter's authority, set up for the tests that run the whole inspection cycle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from domain.accounts import services as accounts
from domain.accounts.people import add_authority, add_person
from domain.permissions import SYSTEM
from domain.vocabulary import Role
from tests.factories import NOW
from tests.web.conftest import PASSWORD, TODAY, World

# A later letter for the seed's authority, written for the tests in our own words: it repeats
# one of the seed's areas (the common assessment framework), echoes the words of the other
# without repeating it, and says the other was addressed.
LATER = str(Path(__file__).parent / "fixtures" / "southwark_2012_letter.txt")
SOUTHWARK = "London Borough of Southwark"


def southwark(world: World) -> dict[str, str]:
    """The seed letter's authority with a manager, two leads and an inspector's access."""
    with world.session() as s:
        add_authority(s, name=SOUTHWARK, now=NOW, by=SYSTEM)
        staff = {
            "manager": ("Maya Manager", Role.MANAGER, None),
            "lead": ("Lena Lead", Role.LEAD, "maya.manager@southwark.example"),
            "second_lead": ("Leo Lead", Role.LEAD, "maya.manager@southwark.example"),
        }
        emails = {}
        for key, (name, role, manager) in staff.items():
            email = name.lower().replace(" ", ".") + "@southwark.example"
            add_person(
                s,
                name=name,
                email=email,
                role=role,
                authority=SOUTHWARK,
                manager_email=manager,
                now=NOW,
                by=SYSTEM,
            )
            accounts.set_password(s, email=email, password=PASSWORD, by=SYSTEM)
            emails[key] = email
        accounts.grant_inspector_access(
            s,
            email=world.people["inspector"].email,
            authority=SOUTHWARK,
            until=date(2026, 4, 30),
            today=TODAY,
            now=NOW,
            by=SYSTEM,
        )
    return emails
