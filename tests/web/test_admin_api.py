"""The API for administrators: adding and changing people, reading and changing policies."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from domain.accounts.models import Authority
from tests.web.conftest import World

Api = Callable[[str], TestClient]


def test_an_administrator_adds_a_person_and_then_changes_them(api: Api, world: World) -> None:
    admin = api("admin")
    added = admin.post(
        "/api/people",
        json={
            "name": "Nia New",
            "email": "Nia@Example.org",
            "role": "lead",
            "authority": "Eastmere",
            "manager_email": world.people["manager"].email,
        },
    )
    assert added.status_code == 201, added.text
    body = added.json()
    assert {k: body[k] for k in ("name", "email", "role", "manager_id", "active")} == {
        "name": "Nia New",
        "email": "nia@example.org",
        "role": "lead",
        "manager_id": world.people["manager"].id,
        "active": True,
    }
    changed = admin.patch(
        f"/api/people/{body['id']}", json={"manager_email": None, "active": False}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["role"], changed.json()["manager_id"], changed.json()["active"]) == (
        "lead",
        None,
        False,
    )


def test_a_person_refused_by_the_rules_gets_the_code_and_the_message(
    api: Api, world: World
) -> None:
    admin = api("admin")
    duplicate = admin.post(
        "/api/people",
        json={"name": "Again", "email": world.people["lead"].email, "role": "admin"},
    )
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "duplicate"
    homeless = admin.post(
        "/api/people", json={"name": "Nia New", "email": "nia@example.org", "role": "director"}
    )
    assert (homeless.status_code, homeless.json()["code"]) == (422, "invalid_input")
    assert homeless.json()["message"].startswith("a director belongs to an authority")
    unknown = admin.patch("/api/people/99999", json={"active": False})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "person_not_found")


def _policy(world: World) -> str:
    return f"/api/authorities/{world.areas[0].authority_id}/policy"


def test_the_policy_is_read_and_changed_setting_by_setting(api: Api, world: World) -> None:
    admin = api("admin")
    read = admin.get(_policy(world))
    assert read.status_code == 200
    assert read.json()["due_soon_days"] == [10, 3]
    assert read.json()["stale_after_days"] == 20
    changed = admin.patch(_policy(world), json={"stale_after_days": 12, "due_soon_days": [2, 8]})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["stale_after_days"], changed.json()["due_soon_days"]) == (12, [8, 2])
    reset = admin.patch(_policy(world), json={"stale_after_days": None})
    assert (reset.json()["stale_after_days"], reset.json()["due_soon_days"]) == (20, [8, 2])
    with world.session() as s:
        stored = s.get(Authority, world.areas[0].authority_id)
        assert stored is not None and stored.policy == {"due_soon_days": [8, 2]}


def test_a_setting_out_of_range_is_refused_naming_it_and_what_is_valid(
    api: Api, world: World
) -> None:
    refused = api("admin").patch(
        _policy(world), json={"chase_every_days": 999, "stale_after_days": 4}
    )
    assert refused.status_code == 422
    assert refused.json() == {
        "code": "invalid_policy",
        "message": "policy setting 'chase_every_days' must be a whole number from 0 to 250, "
        "not 999",
    }
    unknown = api("admin").patch(_policy(world), json={"stale_days": 4})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "invalid_input")
    with world.session() as s:
        stored = s.get(Authority, world.areas[0].authority_id)
        assert stored is not None and stored.policy == {}


def test_a_director_may_not_read_the_policy_through_the_api(api: Api, world: World) -> None:
    refused = api("director").get(_policy(world))
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
