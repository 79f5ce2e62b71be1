"""Administrators add people and change their role, line manager and sign-in on the pages."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from sqlmodel import select

from domain.accounts import services as accounts
from domain.accounts.models import Authority, Person
from domain.permissions import SYSTEM
from domain.vocabulary import Role
from tests import factories
from tests.web.conftest import PASSWORD, Browser, World


def _authority_id(world: World, name: str = "Eastmere Borough Council") -> int:
    with world.session() as s:
        found = s.exec(select(Authority).where(Authority.name == name)).one()
        return found.id or 0


def _person(world: World, email: str) -> Person | None:
    with world.session() as s:
        return s.exec(select(Person).where(Person.email == email)).first()


def _new_person(world: World, **changes: str) -> dict[str, str]:
    form = {
        "name": "Nia  Newlead",
        "email": "Nia.Newlead@example.org",
        "role": "lead",
        "authority": str(_authority_id(world)),
        "manager_email": world.people["manager"].email,
    }
    return {**form, **changes}


def test_an_administrator_adds_a_lead_under_their_line_manager(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin").opened("/admin/people/new")
    response = admin.submit("/admin/people", _new_person(world))
    assert (response.status_code, response.headers["location"]) == (303, "/admin/people")
    listed = admin.get("/admin/people").text
    assert "Nia Newlead added; set their password below" in listed
    added = _person(world, "nia.newlead@example.org")
    assert added is not None
    assert (added.name, added.role, added.authority_id, added.manager_id) == (
        "Nia Newlead",
        Role.LEAD,
        _authority_id(world),
        world.people["manager"].id,
    )
    assert f'href="/admin/people/{added.id}"' in listed


@pytest.mark.parametrize(
    ("changes", "field", "message", "status"),
    [
        ({"name": "  "}, "name", "Name is empty; give the person&#39;s full name", 422),
        ({"email": "nia.example.org"}, "email", "Email &#39;nia.example.org&#39; is not", 422),
        ({"email": "{lead}"}, "email", "A person with email", 409),
        ({"role": ""}, "role", "Choose the person&#39;s role", 422),
        ({"role": "boss"}, "role", "Role &#39;boss&#39; is not valid; use one of: lead,", 422),
        ({"authority": ""}, "authority", "A lead belongs to an authority", 422),
        ({"manager_email": "{outsider}"}, "manager_email", "Line manager", 422),
    ],
)
def test_each_bad_answer_is_named_in_the_error_summary_and_nothing_is_added(
    browser: Callable[..., Browser],
    world: World,
    changes: dict[str, str],
    field: str,
    message: str,
    status: int,
) -> None:
    filled = {
        k: world.people[v[1:-1]].email if v.startswith("{") else v for k, v in changes.items()
    }
    admin = browser("admin").opened("/admin/people/new")
    response = admin.submit("/admin/people", _new_person(world, **filled))
    assert response.status_code == status
    assert f'<a href="#{field}">{message}' in response.text
    assert f'id="{field}-error"' in response.text
    assert 'value="Nia  Newlead"' in response.text or field == "name"
    assert _person(world, "nia.newlead@example.org") is None


def test_a_manager_from_another_authority_is_refused_naming_both(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin").opened("/admin/people/new")
    outsider = world.people["outsider"].email
    response = admin.submit("/admin/people", _new_person(world, manager_email=outsider))
    assert (
        f"Line manager {outsider} works for Westmere Council; "
        "choose someone from Eastmere Borough Council"
    ) in html.unescape(response.text)


def _change(world: World, who: str, **changes: str) -> dict[str, str]:
    """The edit form as the page fills it for `who`, with `changes` made."""
    person = world.people[who]
    manager = {"lead": "manager", "other_lead": "director", "manager": "director"}.get(who)
    form = {
        "role": person.role.value,
        "manager_email": world.people[manager].email if manager else "",
        "active": "yes",
    }
    return {**form, **changes}


def test_an_administrator_changes_role_and_line_manager_and_ends_sign_in(
    browser: Callable[..., Browser], world: World
) -> None:
    other_lead = world.people["other_lead"]
    page = browser("admin").opened(f"/admin/people/{other_lead.id}")
    form = page.get(f"/admin/people/{other_lead.id}").text
    assert f'<option value="{world.people["director"].email}" selected>' in form
    assert f'value="{world.people["outsider"].email}"' not in form
    changes = _change(
        world, "other_lead", role="manager", manager_email=world.people["manager"].email
    )
    response = page.submit(f"/admin/people/{other_lead.id}", {**changes, "active": "no"})
    assert (response.status_code, response.headers["location"]) == (303, "/admin/people")
    changed = _person(world, other_lead.email)
    assert changed is not None
    assert (changed.role, changed.manager_id, changed.active) == (
        Role.MANAGER,
        world.people["manager"].id,
        False,
    )
    assert browser().sign_in(other_lead.email).status_code == 401


def test_no_line_manager_leaves_the_person_without_one(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = world.people["lead"]
    page = browser("admin").opened(f"/admin/people/{lead.id}")
    assert (
        page.submit(
            f"/admin/people/{lead.id}", _change(world, "lead", manager_email="")
        ).status_code
        == 303
    )
    changed = _person(world, lead.email)
    assert changed is not None and changed.manager_id is None


def test_a_line_of_management_cannot_loop(browser: Callable[..., Browser], world: World) -> None:
    director = world.people["director"]
    page = browser("admin").opened(f"/admin/people/{director.id}")
    response = page.submit(
        f"/admin/people/{director.id}",
        _change(world, "director", manager_email=world.people["lead"].email),
    )
    assert response.status_code == 422
    assert '<a href="#manager_email">Line manager' in response.text
    assert "a line of management cannot loop" in response.text
    unchanged = _person(world, director.email)
    assert unchanged is not None and unchanged.manager_id is None


@pytest.mark.parametrize(
    ("changes", "field"), [({"active": "no"}, "active"), ({"role": "lead"}, "role")]
)
def test_an_administrator_cannot_lock_themselves_out(
    browser: Callable[..., Browser], world: World, changes: dict[str, str], field: str
) -> None:
    admin = world.people["admin"]
    page = browser("admin").opened(f"/admin/people/{admin.id}")
    response = page.submit(
        f"/admin/people/{admin.id}", {"role": "admin", "active": "yes", **changes}
    )
    assert response.status_code == 403
    assert f'<a href="#{field}">Alex Admin may not change their own role' in response.text
    unchanged = _person(world, admin.email)
    assert unchanged is not None and (unchanged.role, unchanged.active) == (Role.ADMIN, True)


def test_whether_they_can_sign_in_must_be_answered(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = world.people["lead"]
    page = browser("admin").opened(f"/admin/people/{lead.id}")
    response = page.submit(f"/admin/people/{lead.id}", _change(world, "lead", active="maybe"))
    assert response.status_code == 422
    assert '<a href="#active">Choose whether they can sign in: yes or no</a>' in response.text


def _local_admin(world: World) -> Person:
    with world.session() as s:
        where = s.get(Authority, _authority_id(world))
        local = factories.person(s, where, Role.ADMIN, name="Lou Local")
        accounts.set_password(s, email=local.email, password=PASSWORD, by=SYSTEM)
        return local


def test_an_administrator_of_one_authority_manages_only_its_people(
    browser: Callable[..., Browser], world: World
) -> None:
    local = _local_admin(world)
    page = browser()
    assert page.sign_in(local.email).status_code == 303
    people = page.get("/admin/people").text
    assert f'href="/admin/people/{world.people["lead"].id}"' in people
    assert f'href="/admin/people/{world.people["inspector"].id}"' not in people
    assert page.get(f"/admin/people/{world.people['outsider'].id}").status_code == 403
    new = page.get("/admin/people/new").text
    assert "Westmere Council" not in new and "No authority" not in new
    westmere = _new_person(world, authority=str(_authority_id(world, "Westmere Council")))
    refused = page.submit("/admin/people", {**westmere, "manager_email": ""})
    assert refused.status_code == 403
    assert "Lou Local (admin) may not add people to Westmere Council" in html.unescape(refused.text)
    assert _person(world, "nia.newlead@example.org") is None
