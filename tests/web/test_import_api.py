"""The import API: read a document and hold it, then record it with corrections, once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import func, select

from domain.areas.models import DevelopmentArea
from domain.inspections.documents import preview
from domain.inspections.models import Finding, Inspection, PendingImport
from importers import read_bytes
from tests.web.conftest import World
from tests.web.import_letters import letter

Api = Callable[[str], TestClient]


def _counts(world: World) -> tuple[int, ...]:
    with world.session() as s:
        return tuple(
            s.exec(select(func.count()).select_from(table)).one()
            for table in (Inspection, Finding, DevelopmentArea, PendingImport)
        )


def _upload(client: TestClient, data: bytes | None = None, **form: str) -> dict[str, object]:
    response = client.post(
        "/api/imports", files={"file": ("later.txt", data or letter(), "text/plain")}, data=form
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def test_reading_gives_the_dry_run_shape_with_an_id_and_records_nothing(
    api: Api, world: World
) -> None:
    before = _counts(world)

    body = _upload(api("admin"))

    expected = preview(read_bytes(letter(), source="later.txt"))
    assert {k: v for k, v in body.items() if k not in ("id", "recorded_inspection_id")} == expected
    assert isinstance(body["id"], int) and body["recorded_inspection_id"] is None
    assert _counts(world) == (*before[:3], before[3] + 1)


def test_recording_with_corrections_returns_the_inspection_and_its_areas(
    api: Api, world: World
) -> None:
    client = api("manager")
    held = _upload(client)
    corrections = {
        "findings": [
            {"kind": "area_for_development", "heading": "Areas for development", "text": text}
            for text in ("Strategy discussions leave out health.", "Plans are too general.")
        ]
    }

    response = client.post(f"/api/imports/{held['id']}/record", json=corrections)

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["authority"], body["already_recorded"], len(body["area_ids"])) == (
        "Eastmere Borough Council",
        False,
        2,
    )
    with world.session() as s:
        titles = [s.get(DevelopmentArea, i).text for i in body["area_ids"]]  # type: ignore[union-attr]
        assert s.get(Inspection, body["inspection_id"]) is not None
    assert titles == ["Strategy discussions leave out health.", "Plans are too general."]

    again = client.post(f"/api/imports/{held['id']}/record")
    assert again.status_code == 200
    assert again.json()["already_recorded"] is True
    assert again.json()["inspection_id"] == body["inspection_id"]


def test_uploading_a_recorded_document_names_its_inspection(api: Api, world: World) -> None:
    client = api("admin")
    first = _upload(client)
    recorded = client.post(f"/api/imports/{first['id']}/record").json()
    before = _counts(world)

    second = _upload(client)

    assert second["recorded_inspection_id"] == recorded["inspection_id"]
    assert (
        client.post(f"/api/imports/{second['id']}/record").json()["area_ids"]
        == recorded["area_ids"]
    )
    assert _counts(world)[:3] == before[:3]


@pytest.mark.parametrize(
    ("corrections", "says"),
    [
        ({"findings": [{"kind": "weakness", "text": "x"}]}, "kind 'weakness' is not valid"),
        ({"findings": [{"kind": "strength", "text": " "}]}, "finding 1 has no text"),
        ({"colour": "red"}, "'colour' is not known"),
        ({"inspection_start": "10/03/2026"}, "is not a date"),
        ([1, 2], "body: Input should be a valid dictionary"),
    ],
)
def test_corrections_that_are_not_valid_are_refused_and_nothing_is_recorded(
    api: Api, world: World, corrections: object, says: str
) -> None:
    client = api("admin")
    held = _upload(client)
    before = _counts(world)

    response = client.post(f"/api/imports/{held['id']}/record", json=corrections)

    assert response.status_code == 422
    assert says in response.json()["message"]
    assert _counts(world) == before


def test_a_file_that_is_not_a_letter_is_refused(api: Api, world: World) -> None:
    before = _counts(world)
    response = api("admin").post(
        "/api/imports", files={"file": ("list.txt", b"Milk and eggs.\n", "text/plain")}
    )
    assert response.status_code == 422
    assert response.json()["message"].startswith("list.txt")
    assert _counts(world) == before


@pytest.mark.parametrize("role", ["lead", "inspector"])
def test_leads_and_inspectors_may_not_read_or_record(api: Api, world: World, role: str) -> None:
    held = _upload(api("admin"))
    before = _counts(world)
    client = api(role)

    upload = client.post("/api/imports", files={"file": ("l.txt", letter(day=12), "text/plain")})
    record = client.post(f"/api/imports/{held['id']}/record")

    assert (upload.status_code, record.status_code) == (403, 403)
    assert _counts(world) == before


def test_a_manager_elsewhere_may_not_record_for_this_authority(api: Api, world: World) -> None:
    client = api("outsider")
    held = _upload(client)
    before = _counts(world)

    response = client.post(f"/api/imports/{held['id']}/record")

    assert response.status_code == 403
    assert "may not import inspection documents" in response.json()["message"]
    assert _counts(world) == before


def test_another_persons_upload_is_not_found(api: Api, world: World) -> None:
    held = _upload(api("admin"))
    assert api("director").post(f"/api/imports/{held['id']}/record").status_code == 404
    assert api("director").post("/api/imports/999999/record").status_code == 404


def test_leads_are_given_in_bulk_for_one_inspection_or_not_at_all(api: Api, world: World) -> None:
    admin = api("manager")
    recorded = admin.post(f"/api/imports/{_upload(admin)['id']}/record").json()
    lead = world.people["lead"].email
    url = f"/api/inspections/{recorded['inspection_id']}/assignments"
    first, *_ = recorded["area_ids"]
    elsewhere = world.areas[0].id

    mixed = admin.post(
        url,
        json={
            "assignments": [
                {"area_id": first, "owner": lead},
                {"area_id": elsewhere, "owner": lead},
            ]
        },
    )
    refused = api("lead").post(url, json={"assignments": [{"area_id": first, "owner": lead}]})
    with world.session() as s:
        assert s.get(DevelopmentArea, first).owner_id is None  # type: ignore[union-attr]

    assert mixed.status_code == 422
    assert f"area {elsewhere}: it is not an area of inspection" in mixed.json()["message"]
    assert refused.status_code == 403
    done = admin.post(url, json={"assignments": [{"area_id": first, "owner": lead}]})
    assert (done.status_code, done.json()[0]["owner"]) == (200, lead)
