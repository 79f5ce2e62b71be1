"""Every write, for every role, on the pages and the API: allowed ones work, others are 403
and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from domain.accounts import people
from domain.areas import due_dates, progress
from domain.vocabulary import Status
from tests.factories import NOW
from tests.web.conftest import Browser, World

ROLES = ["lead", "other_lead", "manager", "director", "inspector", "admin", "outsider"]
TABLES = [
    "development_area",
    "progress_update",
    "due_date_change",
    "evidence",
    "person",
    "inspector_access",
    "access_token",
    "authority",
]


@dataclass(frozen=True)
class Write:
    """One write: how to prepare the area, then the page form and the API call that make it."""

    prepare: Callable[[Session, World], int]  # returns the id the write acts on
    page: tuple[str, dict[str, str]] | None
    api: tuple[str, dict[str, Any]] | None
    allowed: frozenset[str]
    api_method: str = "post"


def _lead(s: Session, world: World) -> Any:
    return people.actor_for(s, people.get_person(s, world.people["lead"].email))


def _area_id(_: Session, world: World) -> int:
    return world.areas[1].id or 0


def _pending_request(s: Session, world: World) -> int:
    change = due_dates.change_due_date(
        s,
        area_id=_area_id(s, world),
        to=NOW.date().replace(month=5),
        reason="r",
        by=_lead(s, world),
        now=NOW,
    )
    return change.id or 0


def _completed(s: Session, world: World) -> int:
    area_id = _area_id(s, world)
    progress.record_progress(
        s, area_id=area_id, by=_lead(s, world), now=NOW, note="done", status=Status.COMPLETED
    )
    return area_id


def _person_id(_: Session, world: World) -> int:
    return world.people["other_lead"].id or 0


STAFF = {"manager", "director", "admin"}
WRITES = {
    "record progress": Write(
        _area_id,
        ("/areas/{id}/updates", {"note": "Progress made"}),
        ("/api/areas/{id}/updates", {"note": "Progress made"}),
        frozenset(STAFF | {"lead"}),
    ),
    "ask for a revised due date": Write(
        _area_id,
        (
            "/areas/{id}/due-date",
            {"to-day": "29", "to-month": "5", "to-year": "2026", "reason": "r"},
        ),
        ("/api/areas/{id}/due-date-requests", {"to": "2026-05-29", "reason": "r"}),
        frozenset(STAFF | {"lead"}),
    ),
    "decide a revised due date": Write(
        _pending_request,
        ("/due-date-requests/{id}/decision", {"decision": "approve"}),
        ("/api/due-date-requests/{id}/decision", {"approve": True}),
        frozenset(STAFF),
    ),
    "sign off": Write(
        _completed,
        ("/areas/{id}/sign-off", {"confirmed": "yes"}),  # as the confirmation page sends it
        ("/api/areas/{id}/sign-off", {}),
        frozenset(STAFF),
    ),
    "assign a lead": Write(
        _area_id,
        ("/areas/{id}/assign", {"owner": "{other_lead}"}),
        ("/api/areas/{id}/assignment", {"owner": "{other_lead}"}),
        frozenset(STAFF),
    ),
    "set a password": Write(
        _person_id,
        ("/admin/people/password", {"person": "{other_lead}", "password": "fresh kettle harbour"}),
        None,
        frozenset({"admin"}),
    ),
    "grant inspector access": Write(
        _person_id,
        (
            "/admin/access",
            {
                "inspector": "{inspector}",
                "authority": "1",
                "until-day": "1",
                "until-month": "5",
                "until-year": "2026",
            },
        ),
        None,
        frozenset({"admin"}),
    ),
    "add a person": Write(
        _person_id,
        (
            "/admin/people",
            {"name": "Nia New", "email": "nia@example.org", "role": "lead", "authority": "1"},
        ),
        (
            "/api/people",
            {"name": "Nia New", "email": "nia@example.org", "role": "lead", "authority": "1"},
        ),
        frozenset({"admin"}),
    ),
    "change a person": Write(
        _person_id,
        ("/admin/people/{id}", {"role": "manager", "manager_email": "", "active": "yes"}),
        ("/api/people/{id}", {"role": "manager"}),
        frozenset({"admin"}),
        api_method="patch",
    ),
    "change a reminder policy": Write(
        _person_id,
        ("/admin/authorities/1/policy", {"stale_after_days": "15", "due_soon_days": "10, 3"}),
        ("/api/authorities/1/policy", {"stale_after_days": 15}),
        frozenset({"admin"}),
        api_method="patch",
    ),
}


def _snapshot(world: World) -> dict[str, list[Any]]:
    with world.engine.connect() as connection:
        return {
            table: [
                tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            ]
            for table in TABLES
        }


def _fill(value: Any, world: World, record_id: int) -> Any:
    if not isinstance(value, str):
        return value
    emails = {f"{{{role}}}": person.email for role, person in world.people.items()}
    for key, email in emails.items():
        value = value.replace(key, email)
    return value.replace("{id}", str(record_id))


def _prepared(world: World, write: Write) -> int:
    with world.session() as s:
        return write.prepare(s, world)


CASES = [pytest.param(name, role, id=f"{name}-{role}") for name in WRITES for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_page_writes_follow_the_role_rules(
    browser: Callable[..., Browser], world: World, name: str, role: str
) -> None:
    write = WRITES[name]
    assert write.page is not None
    record_id = _prepared(world, write)
    client = browser(role)
    before = _snapshot(world)
    path, form = write.page
    response = client.submit(
        _fill(path, world, record_id), {k: _fill(v, world, record_id) for k, v in form.items()}
    )
    if role in write.allowed:
        assert response.status_code == 303, response.text[:2000]
        assert _snapshot(world) != before
    else:
        assert response.status_code == 403, response.text[:2000]
        assert _snapshot(world) == before


API_CASES = [c for c in CASES if WRITES[c.values[0]].api is not None]  # type: ignore[index]


@pytest.mark.parametrize(("name", "role"), API_CASES)
def test_api_writes_follow_the_role_rules(
    api: Callable[[str], TestClient], world: World, name: str, role: str
) -> None:
    write = WRITES[name]
    assert write.api is not None
    record_id = _prepared(world, write)
    client = api(role)
    assert client.get("/api/me").status_code == 200  # records the token's first use
    before = _snapshot(world)
    path, body = write.api
    response = client.request(
        write.api_method,
        _fill(path, world, record_id),
        json={k: _fill(v, world, record_id) for k, v in body.items()},
    )
    if role in write.allowed:
        assert response.status_code in (200, 201), response.text
        assert _snapshot(world) != before
    else:
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "not_permitted"
        assert _snapshot(world) == before


def test_an_inspector_outside_the_access_window_reads_nothing(
    api: Callable[[str], TestClient], app: Any, world: World
) -> None:
    client = api("inspector")
    assert client.get(f"/api/areas/{world.areas[0].id}").status_code == 200
    later = TestClient(app, headers=dict(client.headers))
    app.state.clock = type(app.state.clock)(now=lambda: NOW.replace(month=5, day=1))
    refused = later.get(f"/api/areas/{world.areas[0].id}")
    assert refused.status_code == 403
    assert later.get("/api/areas").status_code == 403
