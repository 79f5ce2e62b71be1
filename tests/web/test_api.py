"""The REST API: the same fields as the command line, the same rules, JSON errors with codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.areas import queries
from domain.areas.models import DevelopmentArea, DueDateChange
from domain.permissions import SYSTEM
from tests.factories import NOW
from tests.web.conftest import TODAY, World

Api = Callable[[str], TestClient]


def test_listing_gives_the_fields_of_area_list_json(api: Api, world: World) -> None:
    listed = api("manager").get("/api/areas", params={"overdue": "true"})
    assert listed.status_code == 200
    with world.session() as s:
        expected = [
            v.to_dict()
            for v in queries.list_areas(
                s, today=TODAY, authority_id=world.areas[0].authority_id, overdue=True
            )
        ]
    assert listed.json() == expected
    assert [a["id"] for a in listed.json()] == [world.areas[0].id]


def test_listing_filters_by_owner_status_and_as_of(api: Api, world: World) -> None:
    client = api("lead")
    owner = world.people["other_lead"].email
    assert [a["id"] for a in client.get("/api/areas", params={"owner": owner}).json()] == [
        world.other_area.id
    ]
    later = client.get("/api/areas", params={"overdue": "true", "as_of": "2026-07-01"}).json()
    first, second, third = world.areas
    soonest_first = [first.id, second.id, world.other_area.id, third.id]
    assert [a["id"] for a in later] == soonest_first
    assert client.get("/api/areas", params={"status": "closed"}).json() == []


def test_one_area_gives_the_fields_of_area_show_json(api: Api, world: World) -> None:
    area = world.areas[0]
    shown = api("inspector").get(f"/api/areas/{area.id}")
    with world.session() as s:
        assert shown.json() == queries.area_detail(s, area.id or 0, TODAY)
    assert shown.json()["finding"]["kind"] == "area_for_development"


def test_a_lead_records_progress_and_a_stale_version_is_a_conflict(api: Api, world: World) -> None:
    area = world.areas[0]
    client = api("lead")
    body = {"note": "Audit started", "status": "in_progress", "version": area.version}
    made = client.post(f"/api/areas/{area.id}/updates", json=body)
    assert made.status_code == 201
    assert made.json()["status_to"] == "in_progress"
    assert made.json()["area_version"] == area.version + 1
    again = client.post(f"/api/areas/{area.id}/updates", json=body)
    assert again.status_code == 409
    assert again.json()["code"] == "stale_version"


def test_evidence_links_are_checked(api: Api, world: World) -> None:
    area = world.areas[0]
    refused = api("lead").post(
        f"/api/areas/{area.id}/updates", json={"evidence": ["javascript:alert(1)"]}
    )
    assert refused.status_code == 422
    assert refused.json() == {
        "code": "invalid_input",
        "message": "evidence 'javascript:alert(1)' is not a web link; "
        "give an http:// or https:// address",
    }


def test_a_revised_date_request_waits_for_the_manager(api: Api, world: World) -> None:
    area = world.areas[1]
    asked = api("lead").post(
        f"/api/areas/{area.id}/due-date-requests", json={"to": "2026-04-30", "reason": "Partners"}
    )
    assert asked.status_code == 201
    assert asked.json()["state"] == "pending"
    manager = api("manager")
    waiting = manager.get("/api/due-date-requests").json()
    assert [w["id"] for w in waiting] == [asked.json()["id"]]
    decided = manager.post(
        f"/api/due-date-requests/{asked.json()['id']}/decision", json={"approve": True}
    )
    assert decided.status_code == 200 and decided.json()["state"] == "approved"
    with world.session() as s:
        assert s.get(DevelopmentArea, area.id).due_date == date(2026, 4, 30)  # type: ignore[union-attr]


def test_a_manager_signs_off_through_the_api(api: Api, world: World) -> None:
    area = world.areas[2]
    api("lead").post(
        f"/api/areas/{area.id}/updates", json={"status": "completed", "note": "All done"}
    )
    signed = api("manager").post(f"/api/areas/{area.id}/sign-off", json={"note": "Checked"})
    assert signed.status_code == 200
    assert (signed.json()["kind"], signed.json()["status_to"]) == ("sign_off", "closed")


def test_a_due_date_ten_years_away_is_refused(api: Api, world: World) -> None:
    refused = api("manager").post(
        f"/api/areas/{world.areas[1].id}/due-date-requests",
        json={"to": "2099-01-01", "reason": "typo"},
    )
    assert refused.status_code == 422
    assert "more than 10 years from today" in refused.json()["message"]


@pytest.mark.parametrize(
    ("headers", "code"),
    [({}, "not_authenticated"), ({"Authorization": "Bearer co_api_nonsense"}, "not_authenticated")],
)
def test_no_or_an_unknown_token_is_401(app: object, headers: dict[str, str], code: str) -> None:
    response = TestClient(app, headers=headers).get("/api/areas")  # type: ignore[arg-type]
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_revoked_token_stops_working(app: object, world: World) -> None:
    with world.session() as s:
        token, secret = accounts.issue_token(
            s, email=world.people["lead"].email, purpose=TokenPurpose.API, now=NOW, by=SYSTEM
        )
        client = TestClient(app, headers={"Authorization": f"Bearer {secret}"})  # type: ignore[arg-type]
        assert client.get("/api/me").json()["email"] == world.people["lead"].email
        accounts.revoke_token(s, token_id=token.id or 0, now=NOW, by=SYSTEM)
    assert client.get("/api/me").status_code == 401


def test_a_calendar_token_does_not_open_the_api(app: object, world: World) -> None:
    with world.session() as s:
        _, secret = accounts.issue_token(
            s, email=world.people["lead"].email, purpose=TokenPurpose.CALENDAR, now=NOW, by=SYSTEM
        )
    client = TestClient(app, headers={"Authorization": f"Bearer {secret}"})  # type: ignore[arg-type]
    assert client.get("/api/me").status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("get", "/api/areas/999999", None, 404, "area_not_found"),
        ("get", "/api/areas/0", None, 422, "invalid_input"),
        ("get", "/api/areas/99999999999999999999", None, 422, "invalid_input"),
        ("get", "/api/areas?status=done", None, 422, "invalid_input"),
        ("get", "/api/areas?as_of=yesterday", None, 422, "invalid_date"),
        ("get", "/api/areas?authority=Nowhere", None, 404, "authority_not_found"),
        ("post", "/api/areas/1/updates", {"rag": "purple"}, 422, "invalid_input"),
        ("post", "/api/areas/1/updates", {"note": "a\x00b"}, 422, "invalid_input"),
        (
            "post",
            "/api/due-date-requests/999/decision",
            {"approve": True},
            404,
            "due_date_change_not_found",
        ),
    ],
)
def test_bad_requests_get_json_errors_with_stable_codes(
    api: Api, method: str, path: str, body: object, status: int, code: str
) -> None:
    response = getattr(api("director"), method)(path, **({"json": body} if body else {}))
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
    assert set(response.json()) == {"code", "message"}


def test_the_schema_documents_bearer_tokens_and_error_bodies(app: object) -> None:
    schema = TestClient(app).get("/api/openapi.json").json()  # type: ignore[arg-type]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert set(schema["paths"]) >= {
        "/api/areas",
        "/api/areas/{area_id}",
        "/api/areas/{area_id}/updates",
        "/api/areas/{area_id}/due-date-requests",
        "/api/areas/{area_id}/sign-off",
        "/api/due-date-requests/{change_id}/decision",
    }
    assert not any(not path.startswith("/api/") for path in schema["paths"])
    assert "Problem" in schema["components"]["schemas"]


def test_pending_requests_of_another_authority_are_not_readable(api: Api, world: World) -> None:
    refused = api("outsider").get("/api/due-date-requests", params={"authority": "Eastmere"})
    assert refused.status_code == 403
    with world.session() as s:
        assert s.exec(select(DueDateChange)).all() == []
