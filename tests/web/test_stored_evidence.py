"""Evidence files live in the database: uploaded with their update in one transaction,
streamed back by any instance, and files kept on disk by earlier versions moved in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from cli.main import app as closeout_app
from domain.areas.evidence_store import CHUNK_BYTES, EvidenceContent
from domain.areas.models import DevelopmentArea, Evidence
from domain.areas.progress import EvidenceUpload, record_progress
from domain.errors import InvalidEvidenceFile, InvalidTransition
from domain.permissions import SYSTEM
from domain.vocabulary import Status
from infra.clock import Clock
from infra.migrate import alembic_config
from infra.runtime import build_runtime
from infra.settings import Settings, get_settings
from tests.factories import NOW
from tests.web.conftest import Browser, World, build_world
from web.app import create_app


@pytest.fixture
def world_on(engine: Engine) -> World:
    """The web world on SQLite and on PostgreSQL in turn."""
    return build_world(engine)


def _app(world: World, var_dir: Path) -> FastAPI:
    settings = Settings(var_dir=var_dir, base_url="http://testserver")
    return create_app(build_runtime(settings, engine=world.engine, clock=Clock(now=lambda: NOW)))


def _lead(app: FastAPI, world: World) -> Browser:
    lead = Browser(app)
    assert lead.sign_in(world.people["lead"].email).status_code == 303
    return lead


def _rows(world: World) -> tuple[list[Evidence], list[EvidenceContent]]:
    with world.session() as s:
        return list(s.exec(select(Evidence))), list(s.exec(select(EvidenceContent)))


def test_an_upload_is_kept_in_the_database_and_streamed_back_whole(
    world_on: World, tmp_path: Path
) -> None:
    app, area = _app(world_on, tmp_path / "var"), world_on.areas[0]
    lead = _lead(app, world_on).opened(f"/areas/{area.id}")
    # Larger than two slices, so the download is read back in three.
    content = b"%PDF-1.7\n" + os.urandom(2 * CHUNK_BYTES + 1000)

    saved = lead.submit(
        f"/areas/{area.id}/updates",
        {"version": area.version},
        files={"evidence_file": ("Audit plan.pdf", content, "application/pdf")},
    )

    assert saved.status_code == 303
    [item], [stored] = _rows(world_on)
    assert (item.file_path, item.file_name, stored.content) == (None, "Audit-plan.pdf", content)
    assert not (tmp_path / "var" / "evidence").exists()
    download = lead.get(f"/evidence/{item.id}")
    assert download.status_code == 200 and download.content == content
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-length"] == str(len(content))
    assert download.headers["content-disposition"] == 'attachment; filename="Audit-plan.pdf"'


def test_a_file_uploaded_through_one_instance_downloads_through_another(
    world_on: World, tmp_path: Path
) -> None:
    first, second = _app(world_on, tmp_path / "a"), _app(world_on, tmp_path / "b")
    area = world_on.areas[1]
    _lead(first, world_on).opened(f"/areas/{area.id}").submit(
        f"/areas/{area.id}/updates",
        {"version": area.version, "note": "Minutes"},
        files={"evidence_file": ("minutes.txt", b"Minutes of the panel\n", "text/plain")},
    )
    [item], _ = _rows(world_on)

    download = _lead(second, world_on).get(f"/evidence/{item.id}")

    assert (download.status_code, download.content) == (200, b"Minutes of the panel\n")


def test_an_update_that_fails_keeps_neither_the_evidence_nor_its_bytes(world_on: World) -> None:
    area = world_on.areas[0]
    upload = EvidenceUpload(file_name="audit.pdf", content=b"%PDF-1.4 audit")
    with Session(world_on.engine) as s, pytest.raises(InvalidTransition):
        assert area.id is not None and area.status == Status.OPEN
        record_progress(
            s, area_id=area.id, by=SYSTEM, now=NOW, status=Status.CLOSED, files=[upload]
        )
    assert _rows(world_on) == ([], [])
    with Session(world_on.engine) as s:
        assert s.get(DevelopmentArea, area.id).version == area.version  # type: ignore[union-attr]


def test_the_domain_refuses_a_file_over_the_limit_whichever_adapter_sends_it(
    world_on: World,
) -> None:
    area = world_on.areas[0]
    assert area.id is not None
    too_big = EvidenceUpload(file_name="notes.txt", content=b"x" * (10 * 1024 * 1024 + 1))
    with Session(world_on.engine) as s, pytest.raises(InvalidEvidenceFile, match="limit is 10 MB"):
        record_progress(s, area_id=area.id, by=SYSTEM, now=NOW, files=[too_big])
    assert _rows(world_on) == ([], [])


@pytest.fixture
def closeout_on(world: World, tmp_path: Path) -> Iterator[CliRunner]:
    """The command line on the world's SQLite database, marked as migrated."""
    url = str(world.engine.url)
    command.stamp(alembic_config(url), "heads")
    environment = {"CLOSEOUT_DATABASE_URL": url, "CLOSEOUT_VAR_DIR": str(tmp_path / "var")}
    get_settings.cache_clear()
    yield CliRunner(env=environment)
    get_settings.cache_clear()


def test_files_kept_on_disk_are_served_then_moved_into_the_database(
    world: World, tmp_path: Path, closeout_on: CliRunner
) -> None:
    area = world.areas[2]
    folder = tmp_path / "var" / "evidence" / str(area.id) / "0a1b2c3d4e5f6a7b"
    folder.mkdir(parents=True)
    (folder / "plan.txt").write_bytes(b"Plan agreed with partners\n")
    with world.session() as s:
        kept = Evidence(
            area_id=area.id or 0,
            added_at=NOW,
            file_path=f"{area.id}/0a1b2c3d4e5f6a7b/plan.txt",
            file_name="plan.txt",
            content_type="text/plain",
            size_bytes=26,
        )
        lost = Evidence(area_id=area.id or 0, added_at=NOW, file_path="9/gone/x.txt", file_name="x")
        s.add_all([kept, lost])
        s.commit()
    app = _app(world, tmp_path / "var")
    lead = _lead(app, world)
    assert lead.get(f"/evidence/{kept.id}").content == b"Plan agreed with partners\n"

    moved = closeout_on.invoke(closeout_app, ["evidence", "move-to-database"])
    again = closeout_on.invoke(closeout_app, ["evidence", "move-to-database"])

    assert moved.exit_code == 0, moved.output
    assert moved.output.splitlines() == [
        "1 evidence files moved into the database",
        f"not found under {tmp_path / 'var' / 'evidence'}: evidence {lost.id} (9/gone/x.txt); "
        "it stays recorded where it was",
    ]
    assert again.output.splitlines()[0] == "0 evidence files moved into the database"
    (folder / "plan.txt").unlink()
    with world.session() as s:
        item = s.get(Evidence, kept.id)
        assert item is not None and item.file_path is None
    assert lead.get(f"/evidence/{kept.id}").content == b"Plan agreed with partners\n"
