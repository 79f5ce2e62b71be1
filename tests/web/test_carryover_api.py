"""The carry-over API: suggestions as the command line gives them, decisions with where they
left the areas, the same rules as the pages, JSON errors with codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from domain import carryover
from tests.web.carryover_letters import (
    STATEMENT,
    Letters,
    decisions_count,
    record_later_letter,
    statuses,
)
from tests.web.conftest import World

Api = Callable[[str], TestClient]


@pytest.fixture
def letters(world: World) -> Letters:
    return record_later_letter(world)


def url(letters: Letters) -> str:
    return f"/api/inspections/{letters.inspection_id}/carryover"


def test_the_carry_over_gives_the_suggestions_of_carryover_suggest_json(
    api: Api, world: World, letters: Letters
) -> None:
    shown = api("manager").get(url(letters))
    assert shown.status_code == 200
    with world.session() as s:
        expected = [
            x.to_dict()
            for x in carryover.suggest_carry_over(s, inspection_id=letters.inspection_id)
        ]
    body = shown.json()
    assert body["inspection_id"] == letters.inspection_id
    assert body["statement"] == STATEMENT
    assert body["suggestions"] == expected
    assert [(x["area_id"], x["earlier_area_id"]) for x in body["suggestions"]] == [
        (letters.strategy, letters.earlier_strategy),
        (letters.plans, letters.earlier_plans),
    ]
    assert body["unrepeated"] == [
        {
            "earlier_area_id": letters.supervision,
            "title": "Supervision records vary between teams",
            "inspection_id": world.areas[0].inspection_id,
            "carry_count": 0,
            "repeat": False,
            "status": "open",
            "due_date": "2026-06-30",
            "owner": world.people["lead"].email,
        },
        {
            "earlier_area_id": letters.return_home,
            "title": "Return home interviews are not always offered within 72 hours",
            "inspection_id": world.areas[0].inspection_id,
            "carry_count": 0,
            "repeat": False,
            "status": "open",
            "due_date": "2026-05-29",
            "owner": world.people["other_lead"].email,
        },
    ]
    assert body["decisions"] == []


@pytest.mark.parametrize(("role", "status"), [("inspector", 200), ("lead", 200), ("outsider", 403)])
def test_reading_follows_the_read_rule(api: Api, letters: Letters, role: str, status: int) -> None:
    assert api(role).get(url(letters)).status_code == status


def test_unknown_inspections_and_missing_tokens(app: Any, api: Api) -> None:
    missing = api("manager").get("/api/inspections/999/carryover")
    assert (missing.status_code, missing.json()["code"]) == (404, "inspection_not_found")
    assert TestClient(app).get("/api/inspections/1/carryover").status_code == 401


def test_confirming_closes_the_earlier_area_and_says_where_it_went(
    api: Api, world: World, letters: Letters
) -> None:
    client = api("manager")
    body = {
        "area_id": letters.strategy,
        "earlier_area_id": letters.earlier_strategy,
        "note": "Same",
    }
    made = client.post("/api/carryover/confirm", json=body)
    assert made.status_code == 200
    out = made.json()
    assert {k: out[k] for k in out if k not in ("id", "decided_at")} == {
        "outcome": "confirmed",
        "inspection_id": letters.inspection_id,
        "earlier_area_id": letters.earlier_strategy,
        "area_id": letters.strategy,
        "note": "Same",
        "decided_by": world.people["manager"].email,
        "earlier_status": "closed",
        "closed_by": "carry_over",
        "carried_to": letters.strategy,
        "carry_count": 1,
    }
    after = client.get(url(letters)).json()
    assert [x["area_id"] for x in after["suggestions"]] == [letters.plans]
    assert [(d["outcome"], d["by"]) for d in after["decisions"]] == [
        ("confirmed", world.people["manager"].email)
    ]
    again = client.post("/api/carryover/confirm", json=body)
    assert (again.status_code, again.json()["code"]) == (409, "carry_over_decided")


def test_rejecting_leaves_the_earlier_area_open_and_awaiting_a_decision(
    api: Api, letters: Letters
) -> None:
    client = api("director")
    body = {"area_id": letters.plans, "earlier_area_id": letters.earlier_plans}
    out = client.post("/api/carryover/reject", json=body).json()
    assert (out["outcome"], out["earlier_status"], out["closed_by"], out["carried_to"]) == (
        "rejected",
        "open",
        None,
        None,
    )
    after = client.get(url(letters)).json()
    assert letters.earlier_plans in [x["earlier_area_id"] for x in after["unrepeated"]]


def test_addressed_closes_on_the_letters_statement_and_carry_copies_the_area(
    api: Api, letters: Letters
) -> None:
    client = api("admin")
    addressed = client.post(
        "/api/carryover/decide",
        json={"earlier_area_id": letters.supervision, "outcome": "addressed"},
    ).json()
    assert (addressed["outcome"], addressed["note"], addressed["area_id"]) == (
        "addressed",
        STATEMENT,
        None,
    )
    assert (addressed["closed_by"], addressed["earlier_status"]) == ("addressed", "closed")
    carried = client.post(
        "/api/carryover/decide",
        json={
            "earlier_area_id": letters.return_home,
            "outcome": "carry",
            "inspection_id": letters.inspection_id,
        },
    ).json()
    assert carried["outcome"] == "carried_as_is"
    assert carried["area_id"] not in (None, letters.return_home)
    assert carried["carried_to"] == carried["area_id"]
    assert (carried["closed_by"], carried["carry_count"]) == ("carry_over", 1)
    assert carried["inspection_id"] == letters.inspection_id


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("confirm", {"area_id": 6}),
        ("confirm", {"area_id": 0, "earlier_area_id": 1}),
        ("reject", {"area_id": 6, "earlier_area_id": 1, "by": "someone"}),
        ("decide", {"earlier_area_id": 3, "outcome": "maybe"}),
        ("decide", {"earlier_area_id": 3, "outcome": "addressed", "note": "x" * 10_001}),
    ],
)
def test_bad_input_is_refused_with_nothing_changed(
    api: Api, world: World, letters: Letters, path: str, body: dict[str, Any]
) -> None:
    refused = api("manager").post(f"/api/carryover/{path}", json=body)
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_input")
    with world.session() as s:
        assert decisions_count(s) == 0


def test_unknown_areas_are_not_found_and_a_missing_statement_is_asked_for(
    api: Api, world: World
) -> None:
    letters = record_later_letter(world, statement=None)
    client = api("manager")
    unknown = client.post(
        "/api/carryover/confirm", json={"area_id": 999, "earlier_area_id": letters.earlier_plans}
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "area_not_found")
    gone = client.post("/api/carryover/decide", json={"earlier_area_id": 999, "outcome": "carry"})
    assert gone.status_code == 404
    silent = client.post(
        "/api/carryover/decide",
        json={"earlier_area_id": letters.supervision, "outcome": "addressed"},
    )
    assert (silent.status_code, silent.json()["code"]) == (422, "missing_reason")
    with world.session() as s:
        assert decisions_count(s) == 0


def writes(letters: Letters) -> list[tuple[str, dict[str, Any]]]:
    link = {"area_id": letters.strategy, "earlier_area_id": letters.earlier_strategy}
    return [
        ("confirm", link),
        ("reject", link),
        ("decide", {"earlier_area_id": letters.supervision, "outcome": "addressed"}),
        ("decide", {"earlier_area_id": letters.return_home, "outcome": "carry"}),
    ]


@pytest.mark.parametrize("role", ["lead", "other_lead", "inspector", "outsider"])
def test_everyone_but_managers_directors_and_administrators_is_refused(
    api: Api, world: World, letters: Letters, role: str
) -> None:
    client = api(role)
    with world.session() as s:
        before = (statuses(s), decisions_count(s))
    for path, body in writes(letters):
        refused = client.post(f"/api/carryover/{path}", json=body)
        assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted"), path
    with world.session() as s:
        assert (statuses(s), decisions_count(s)) == before


@pytest.mark.parametrize("role", ["manager", "director", "admin"])
def test_managers_directors_and_administrators_may_decide(
    api: Api, world: World, letters: Letters, role: str
) -> None:
    client = api(role)
    for path, body in writes(letters)[::2]:
        assert client.post(f"/api/carryover/{path}", json=body).status_code == 200, path
    with world.session() as s:
        assert decisions_count(s) == 2
