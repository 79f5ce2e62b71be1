"""An unknown authority is refused naming only the authorities the asker may read; ids too
large for a table are 4xx; files holding data are made readable by their owner.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from infra.db import make_engine
from infra.private_files import write_private_text
from notifications.outbox import write_to_outbox
from notifications.rendering import Message
from tests.factories import NOW
from tests.web.conftest import Browser, World

EAST, WEST = "Eastmere Borough Council", "Westmere Council"
Api = Callable[[str], TestClient]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _authorities(world: World) -> list[tuple[object, ...]]:
    with world.session() as s:
        return list(s.exec(text("SELECT id, name FROM authority ORDER BY id")).all())  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("role", "told", "untold"),
    [
        ("manager", f"you may read: {EAST}", WEST),
        ("outsider", f"you may read: {WEST}", EAST),
        ("inspector", f"you may read: {EAST}", WEST),  # the authority of their grant
        ("admin", f"recorded: {EAST}, {WEST}", None),  # an administrator of every authority
    ],
)
def test_an_unknown_authority_names_only_what_the_asker_may_read(
    api: Api, browser: Callable[..., Browser], world: World, role: str, told: str, untold: str
) -> None:
    before = _authorities(world)
    response = api(role).get("/api/areas?authority=Nowhere")
    assert response.status_code == 404
    assert response.json() == {
        "code": "authority_not_found",
        "message": f"authority 'Nowhere' is not recorded; {told}",
    }
    page = browser(role).get("/dashboard?authority=Nowhere")
    assert page.status_code in (403, 404)
    if untold is not None:
        assert untold not in page.text
    assert _authorities(world) == before


def test_asking_by_id_for_another_authority_does_not_name_it(api: Api, world: World) -> None:
    west = world.elsewhere_area.authority_id
    response = api("manager").get(f"/api/areas?authority={west}")
    assert response.status_code == 403
    assert response.json()["message"] == f"Sam Manager (manager) may not read authority '{west}'"


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775808", "²"])
def test_an_authority_id_too_large_for_a_table_is_not_recorded(api: Api, value: str) -> None:
    response = api("manager").get("/api/areas", params={"authority": value})
    assert response.status_code == 404
    assert response.json()["message"] == (
        f"authority '{value}' is not recorded; you may read: {EAST}"
    )


@pytest.mark.parametrize(
    "path", ["/areas/99999999999999999999", "/areas/2147483648", "/api/areas/9223372036854775808"]
)
def test_a_path_id_too_large_for_a_table_is_4xx(
    api: Api, browser: Callable[..., Browser], path: str
) -> None:
    client = api("manager") if path.startswith("/api") else browser("manager")
    assert 400 <= client.get(path).status_code < 500


@pytest.mark.integration  # opens a SQLite file of its own
def test_the_database_and_its_journal_are_owner_only(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh' / 'closeout.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
        wal = tmp_path / "fresh" / "closeout.db-wal"
        assert wal.exists() and _mode(wal) == 0o600
    assert _mode(tmp_path / "fresh" / "closeout.db") == 0o600
    assert _mode(tmp_path / "fresh") == 0o700
    engine.dispose()


def test_the_outbox_folders_are_owner_only(tmp_path: Path) -> None:
    outbox = tmp_path / "var" / "outbox"
    message = Message(subject="Due soon", text="text", html="<p>html</p>")
    write_to_outbox(outbox, message, to_email="a@b.example", sender="c@d.example", now=NOW)
    folders = [outbox, *(outbox / part for part in ("tmp", "new", "cur"))]
    assert {_mode(folder) for folder in folders} == {0o700}


def test_a_private_text_file_is_owner_only(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "readiness-eastmere-2026-03-02.md"
    write_private_text(report, "# Readiness\n")
    assert (_mode(report.parent), _mode(report)) == (0o700, 0o600)
    assert report.read_text(encoding="utf-8") == "# Readiness\n"
