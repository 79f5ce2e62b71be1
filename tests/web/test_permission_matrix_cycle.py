"""Every write added for the inspection cycle (import, bulk assignment, carry-over, inspector
access, authorities), for every role, on the pages and the API: allowed ones work, others are
refused and change nothing in any table."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import SQLModel, col, select

import domain.tables  # noqa: F401  (every table known to the metadata)
from domain.accounts.credentials import InspectorAccess
from tests.web.carryover_letters import STATEMENT, Letters, record_later_letter
from tests.web.conftest import Browser, World
from tests.web.import_letters import check_form_fields, letter

ROLES = ["lead", "other_lead", "manager", "director", "inspector", "admin", "outsider"]
STAFF = frozenset({"manager", "director", "admin"})
ADMIN = frozenset({"admin"})
UPLOADERS = STAFF | {"outsider"}  # the outsider manages another authority: they may upload
# Tables these writes change, so a snapshot that missed them would be noticed.
TOUCHED = {
    "pending_import",
    "inspection",
    "finding",
    "development_area",
    "carry_over_decision",
    "inspector_access",
    "inspector_access_change",
    "authority",
    "authority_name_change",
    "authority_merge",
}

C = TypeVar("C", Browser, TestClient)


@dataclass(frozen=True)
class Setup(Generic[C]):
    """What a write's preparation may use: the world, the role, its client, and a maker of
    clients for other roles."""

    world: World
    role: str
    client: C
    make: Callable[[str], C]


def _nothing(_: Setup[Any]) -> None:
    return None


@dataclass(frozen=True)
class Write(Generic[C]):
    """One write: what to prepare (before the snapshot), then the request that makes it.

    `refused` names roles refused otherwise than 403, with the words their answer shows."""

    send: Callable[[C, World, Any], httpx.Response]
    allowed: frozenset[str]
    prepare: Callable[[Setup[C]], Any] = _nothing
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)


def _eastmere(world: World) -> int:
    return world.areas[0].authority_id


def _westmere(world: World) -> int:
    return world.elsewhere_area.authority_id


def _letters(setup: Setup[Any]) -> Letters:
    return record_later_letter(setup.world)


def _grant_id(setup: Setup[Any]) -> int:
    with setup.world.session() as s:
        [grant] = s.exec(select(InspectorAccess).order_by(col(InspectorAccess.id))).all()
        return grant.id or 0


def _uploader(setup: Setup[C]) -> C:
    """A held upload belongs to its uploader: the recorder holds it where they may upload,
    otherwise an administrator does (the recorder is then refused before it is looked up)."""
    return setup.client if setup.role in UPLOADERS else setup.make("admin")


# --- the pages ---------------------------------------------------------------------------


def _page_upload(client: Browser, world: World, _: Any) -> httpx.Response:
    return client.submit("/imports", files=[("file", ("later.txt", letter(), "text/plain"))])


def _page_held(setup: Setup[Browser]) -> tuple[int, dict[str, str]]:
    """A held upload and its check form's fields as the page filled them in."""
    uploader = _uploader(setup)
    uploaded = _page_upload(uploader, setup.world, None)
    assert uploaded.status_code == 303, uploaded.text[:2000]
    import_id = int(uploaded.headers["location"].rsplit("/", 1)[1])
    page = uploader.get(f"/imports/{import_id}")
    assert page.status_code == 200
    return import_id, check_form_fields(page.text)


def _page_record(client: Browser, world: World, held: tuple[int, dict[str, str]]) -> Any:
    import_id, fields = held
    return client.submit(
        f"/imports/{import_id}",
        {**fields, "authority": str(_eastmere(world)), "action": "record"},
    )


def _page_assign(client: Browser, world: World, letters: Letters) -> httpx.Response:
    fields = {
        "rows": "1",
        "area-0": str(letters.strategy),
        "lead-0": world.people["lead"].email,
        "due-0": "2026-09-30",
        "action": "save",
    }
    return client.submit(f"/inspections/{letters.inspection_id}/assign", fields)


def _page_carryover(action: str, form: Callable[[Letters], dict[str, str]]) -> Callable[..., Any]:
    def send(client: Browser, _: World, letters: Letters) -> httpx.Response:
        return client.submit(
            f"/inspections/{letters.inspection_id}/carryover/{action}", form(letters)
        )

    return send


def _link(letters: Letters) -> dict[str, str]:
    return {
        "area_id": str(letters.strategy),
        "earlier_area_id": str(letters.earlier_strategy),
        "note": "Same",
    }


def _addressed(letters: Letters) -> dict[str, str]:
    return {
        "earlier_area_id": str(letters.supervision),
        "outcome": "addressed",
        "statement": STATEMENT,
    }


def _carried(letters: Letters) -> dict[str, str]:
    return {"earlier_area_id": str(letters.return_home), "outcome": "carry"}


def _page_grant(client: Browser, world: World, _: Any) -> httpx.Response:
    return client.submit(
        "/admin/access/grant",
        {
            "authority": str(_eastmere(world)),
            "inspector": world.people["inspector"].email,
            "until-day": "31",
            "until-month": "3",
            "until-year": "2026",
        },
    )


def _page_shorten(client: Browser, world: World, grant_id: int) -> httpx.Response:
    name = f"until-{grant_id}"
    return client.submit(
        f"/admin/access/{grant_id}/shorten",
        {
            "authority": str(_eastmere(world)),
            f"{name}-day": "20",
            f"{name}-month": "3",
            f"{name}-year": "2026",
        },
    )


def _page_end(client: Browser, world: World, grant_id: int) -> httpx.Response:
    return client.submit(f"/admin/access/{grant_id}/end", {"authority": str(_eastmere(world))})


def _page_rename(client: Browser, world: World, _: Any) -> httpx.Response:
    return client.submit(
        f"/admin/authorities/{_eastmere(world)}/name", {"name": "Eastmere Council"}
    )


def _page_merge(client: Browser, world: World, _: Any) -> httpx.Response:
    return client.submit(
        f"/admin/authorities/{_eastmere(world)}/merge", {"absorb": str(_westmere(world))}
    )


PAGE_WRITES: dict[str, Write[Browser]] = {
    "upload a document": Write(_page_upload, UPLOADERS),
    "record a held document": Write(
        _page_record,
        STAFF,
        _page_held,
        # Their authority choices leave Eastmere out, so the form cannot name it.
        refused={"outsider": (422, "choose the authority")},
    ),
    "give the new areas their leads": Write(_page_assign, STAFF, _letters),
    "confirm a carry-over link": Write(_page_carryover("confirm", _link), STAFF, _letters),
    "reject a carry-over link": Write(_page_carryover("reject", _link), STAFF, _letters),
    "close an unrepeated area as addressed": Write(
        _page_carryover("decide", _addressed), STAFF, _letters
    ),
    "carry an unrepeated area over as is": Write(
        _page_carryover("decide", _carried), STAFF, _letters
    ),
    "grant inspector access": Write(_page_grant, ADMIN),
    "shorten inspector access": Write(_page_shorten, ADMIN, _grant_id),
    "end inspector access": Write(_page_end, ADMIN, _grant_id),
    "rename an authority": Write(_page_rename, ADMIN),
    "merge authorities": Write(_page_merge, ADMIN),
}


# --- the API -----------------------------------------------------------------------------


def _api_upload(client: TestClient, world: World, _: Any) -> httpx.Response:
    return client.post("/api/imports", files={"file": ("later.txt", letter(), "text/plain")})


def _api_held(setup: Setup[TestClient]) -> int:
    uploaded = _api_upload(_uploader(setup), setup.world, None)
    assert uploaded.status_code == 201, uploaded.text
    held: int = uploaded.json()["id"]
    return held


def _api_record(client: TestClient, _: World, import_id: int) -> httpx.Response:
    # No corrections: the document names Eastmere.
    return client.post(f"/api/imports/{import_id}/record")


def _api_carryover(action: str, form: Callable[[Letters], dict[str, str]]) -> Callable[..., Any]:
    def send(client: TestClient, _: World, letters: Letters) -> httpx.Response:
        # The page's fields as JSON: ids as numbers, the statement as the note.
        fields = {"note" if k == "statement" else k: v for k, v in form(letters).items()}
        body = {k: int(v) if v.isdigit() else v for k, v in fields.items()}
        return client.post(f"/api/carryover/{action}", json=body)

    return send


def _api_shorten(client: TestClient, world: World, grant_id: int) -> httpx.Response:
    return client.post(
        f"/api/authorities/{_eastmere(world)}/inspector-access/{grant_id}/shorten",
        json={"until": "2026-03-20"},
    )


def _api_end(client: TestClient, world: World, grant_id: int) -> httpx.Response:
    return client.post(f"/api/authorities/{_eastmere(world)}/inspector-access/{grant_id}/end")


API_WRITES: dict[str, Write[TestClient]] = {
    "upload a document": Write(_api_upload, UPLOADERS),
    # The outsider holds their own upload; recording it for Eastmere is refused (403).
    "record a held document": Write(_api_record, STAFF, _api_held),
    "confirm a carry-over link": Write(_api_carryover("confirm", _link), STAFF, _letters),
    "reject a carry-over link": Write(_api_carryover("reject", _link), STAFF, _letters),
    "close an unrepeated area as addressed": Write(
        _api_carryover("decide", _addressed), STAFF, _letters
    ),
    "carry an unrepeated area over as is": Write(
        _api_carryover("decide", _carried), STAFF, _letters
    ),
    "shorten inspector access": Write(_api_shorten, ADMIN, _grant_id),
    "end inspector access": Write(_api_end, ADMIN, _grant_id),
}


# --- the checks --------------------------------------------------------------------------


def _snapshot(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    with world.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    table.select().order_by(*(table.primary_key.columns or table.columns))
                )
            ]
            for table in SQLModel.metadata.sorted_tables
        }


def test_the_snapshot_covers_every_table_these_writes_change(world: World) -> None:
    assert set(_snapshot(world)) >= TOUCHED


def _cases(writes: Mapping[str, Write[Any]]) -> list[Any]:
    return [pytest.param(name, role, id=f"{name}-{role}") for name in writes for role in ROLES]


@pytest.mark.parametrize(("name", "role"), _cases(PAGE_WRITES))
def test_page_writes_follow_the_role_rules(
    browser: Callable[..., Browser], world: World, name: str, role: str
) -> None:
    write = PAGE_WRITES[name]
    client = browser(role)
    prepared = write.prepare(Setup(world, role, client, browser))
    before = _snapshot(world)

    response = write.send(client, world, prepared)

    if role in write.allowed:
        assert response.status_code == 303, response.text[:2000]
        assert _snapshot(world) != before
    else:
        status, words = write.refused.get(role, (403, "may not"))
        assert response.status_code == status, response.text[:2000]
        # Refused by the rules, not for want of a form token (also a 403).
        assert words in html.unescape(response.text).lower()
        assert _snapshot(world) == before


@pytest.mark.parametrize(("name", "role"), _cases(API_WRITES))
def test_api_writes_follow_the_role_rules(
    api: Callable[[str], TestClient], world: World, name: str, role: str
) -> None:
    write = API_WRITES[name]
    client = api(role)
    prepared = write.prepare(Setup(world, role, client, api))
    assert client.get("/api/me").status_code == 200  # records the token's first use
    before = _snapshot(world)

    response = write.send(client, world, prepared)

    if role in write.allowed:
        assert response.status_code in (200, 201), response.text
        assert _snapshot(world) != before
    else:
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "not_permitted"
        assert _snapshot(world) == before
