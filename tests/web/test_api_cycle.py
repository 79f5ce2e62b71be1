"""The whole inspection cycle through the REST API alone: import two letters with a correction,
give leads, decide the carry-over, and read back what each area says of how it closed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.permissions import SYSTEM
from tests.factories import NOW
from tests.importers.shared_data import SEEDS, require
from tests.web.conftest import World
from tests.web.southwark import LATER, southwark

Api = Callable[[str], TestClient]


def _client_for(app_client: TestClient, world: World, email: str) -> TestClient:
    with world.session() as s:
        _, secret = accounts.issue_token(
            s, email=email, purpose=TokenPurpose.API, now=NOW, by=SYSTEM
        )
    return TestClient(app_client.app, headers={"Authorization": f"Bearer {secret}"})


def _import(client: TestClient, path: str, corrections: Any = None) -> dict[str, Any]:
    name = Path(path).name
    read = client.post("/api/imports", files={"file": (name, Path(path).read_bytes())})
    assert read.status_code == 201, read.text
    recorded = client.post(f"/api/imports/{read.json()['id']}/record", json=corrections)
    assert recorded.status_code == 201, recorded.text
    body: dict[str, Any] = {**recorded.json(), "reading": read.json()}
    return body


def test_the_whole_cycle_runs_through_the_api(api: Api, world: World) -> None:
    seed = str(require(SEEDS / "000_ffb570a0307ed4b4.txt"))
    emails = southwark(world)
    admin = api("admin")

    # The administrator imports the seed letter, correcting one finding's words first.
    reading = admin.post("/api/imports", files={"file": ("seed.txt", Path(seed).read_bytes())})
    findings = reading.json()["findings"]
    findings[1]["text"] = findings[1]["text"].replace("colocated", "co-located")
    first = admin.post(f"/api/imports/{reading.json()['id']}/record", json={"findings": findings})
    assert first.status_code == 201 and len(first.json()["area_ids"]) == 2
    later = _import(admin, LATER)
    assert len(later["area_ids"]) == 3
    assert [(s["area_id"], s["earlier_area_id"]) for s in later["suggestions"]] == [
        (later["area_ids"][0], first.json()["area_ids"][1]),
        (later["area_ids"][1], first.json()["area_ids"][0]),
    ]

    # Leads for every new area, in one request.
    given = admin.post(
        f"/api/inspections/{later['inspection_id']}/assignments",
        json={"assignments": [{"area_id": i, "owner": emails["lead"]} for i in later["area_ids"]]},
    )
    assert given.status_code == 200, given.text
    assert {a["owner"] for a in given.json()} == {emails["lead"]}

    # The manager decides the carry-over.
    manager = _client_for(admin, world, emails["manager"])
    caf_new, conference_new, _ = later["area_ids"]
    enquiries_old, caf_old = first.json()["area_ids"]
    review = manager.get(f"/api/inspections/{later['inspection_id']}/carryover").json()
    assert review["statement"].startswith("One of the two areas for development")
    confirmed = manager.post(
        "/api/carryover/confirm", json={"area_id": caf_new, "earlier_area_id": caf_old}
    )
    rejected = manager.post(
        "/api/carryover/reject",
        json={"area_id": conference_new, "earlier_area_id": enquiries_old, "note": "Not the same"},
    )
    addressed = manager.post(
        "/api/carryover/decide", json={"earlier_area_id": enquiries_old, "outcome": "addressed"}
    )
    assert [r.status_code for r in (confirmed, rejected, addressed)] == [200, 200, 200]

    # Each area says truthfully how it closed.
    inspector = _client_for(admin, world, world.people["inspector"].email)
    carried = inspector.get(f"/api/areas/{caf_old}").json()
    closed = inspector.get(f"/api/areas/{enquiries_old}").json()
    continuing = inspector.get(f"/api/areas/{caf_new}").json()
    assert (carried["closed_by"], carried["carried_to"], carried["rag"]) == (
        "carry_over",
        caf_new,
        "",
    )
    assert (closed["closed_by"], closed["carried_to"], closed["rag"]) == ("addressed", None, "")
    assert (continuing["carried_from"], continuing["closed_by"]) == (caf_old, None)
    refused = inspector.post(
        "/api/carryover/confirm", json={"area_id": conference_new, "earlier_area_id": caf_old}
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")

    # Recording the seed again records nothing new.
    again = admin.post("/api/imports", files={"file": ("copy.txt", Path(seed).read_bytes())})
    assert again.json()["recorded_inspection_id"] == first.json()["inspection_id"]
    replay = admin.post(f"/api/imports/{again.json()['id']}/record")
    assert (replay.status_code, replay.json()["already_recorded"]) == (200, True)
