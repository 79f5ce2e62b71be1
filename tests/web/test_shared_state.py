"""Two web instances on one database share everything a person sees: the key their session
cookies are signed with, and the readiness reports the weekly flow kept, each shown only to
the directors and administrators who may read its authority."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from domain.accounts.session_key import SessionKey, shared_session_key
from domain.errors import InvalidInput
from domain.reminders.report_store import KeptReport, keep_report
from infra.clock import Clock
from infra.db import make_engine
from infra.runtime import build_runtime
from infra.settings import Settings
from tests.factories import NOW
from tests.web.conftest import Browser, World, build_world
from web.app import create_app
from web.keys import session_secret

RUN_DAY = date(2026, 3, 2)


def _app(engine: Engine, var_dir: Path, secret: str | None = None) -> FastAPI:
    settings = Settings(
        var_dir=var_dir,
        base_url="http://testserver",
        session_secret=SecretStr(secret) if secret is not None else None,
    )
    return create_app(build_runtime(settings, engine=engine, clock=Clock(now=lambda: NOW)))


def test_a_cookie_set_by_one_instance_is_accepted_by_the_other(
    engine: Engine, tmp_path: Path
) -> None:
    world = build_world(engine)
    first, second = _app(engine, tmp_path / "a"), _app(engine, tmp_path / "b")
    lead = Browser(first)
    assert lead.sign_in(world.people["lead"].email).status_code == 303
    elsewhere = Browser(second)
    elsewhere.client.cookies.update(lead.client.cookies)

    page = elsewhere.get("/my-areas")

    assert page.status_code == 200 and "Priya Lead" in page.text
    assert Browser(second).get("/my-areas").status_code == 303  # no cookie: sign in first
    with Session(engine) as s:
        assert len(s.exec(select(SessionKey)).all()) == 1
    for var in (tmp_path / "a", tmp_path / "b"):  # no key on either instance's disk
        assert [p for p in var.rglob("*") if p.is_file()] == []


def test_instances_starting_together_agree_on_one_key(engine: Engine) -> None:
    def offer(n: int) -> str:
        with Session(engine) as s:
            return shared_session_key(s, f"candidate-{n}", NOW)

    with ThreadPoolExecutor(max_workers=6) as pool:
        keys = set(pool.map(offer, range(12)))

    assert len(keys) == 1 and keys.pop().startswith("candidate-")


def test_a_configured_secret_is_used_and_nothing_is_stored(world: World, tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, session_secret=SecretStr("x" * 40))
    assert session_secret(settings, world.engine, NOW) == "x" * 40
    with world.session() as s:
        assert s.exec(select(SessionKey)).all() == []


def test_a_key_kept_in_var_by_an_earlier_version_becomes_the_shared_one(
    world: World, tmp_path: Path
) -> None:
    (tmp_path / "session_secret").write_text("kept-before-the-upgrade\n")
    settings = Settings(var_dir=tmp_path)
    assert session_secret(settings, world.engine, NOW) == "kept-before-the-upgrade"
    assert session_secret(Settings(var_dir=tmp_path / "other"), world.engine, NOW) == (
        "kept-before-the-upgrade"
    )


@pytest.mark.integration
def test_an_empty_secret_or_a_database_without_the_key_table_stops_startup(
    tmp_path: Path,
) -> None:
    bare = make_engine(f"sqlite:///{tmp_path / 'bare.db'}")
    SQLModel.metadata.create_all(bare, tables=[SQLModel.metadata.tables["person"]])
    with pytest.raises(InvalidInput, match="CLOSEOUT_SESSION_SECRET is empty; unset it"):
        _app(bare, tmp_path / "var", secret="  ")
    with pytest.raises(InvalidInput, match=r"run `closeout db upgrade` if it is not migrated"):
        _app(bare, tmp_path / "var")
    bare.dispose()


# --- readiness reports ----------------------------------------------------------------------


@pytest.fixture
def reports(world: World) -> list[KeptReport]:
    """A report of the world's authority and one of Westmere, kept as the flow keeps them."""
    east = world.people["director"].authority_id or 0
    west = world.elsewhere_area.authority_id
    with world.session() as s:
        return [
            keep_report(
                s,
                authority_id=where,
                run_date=RUN_DAY,
                window_opens=date(2026, 5, 1),
                subject=f"Readiness: report {n}",
                text=f"# Readiness for inspection\n\nreport {n} <b>as written</b>",
                now=NOW,
            )
            for n, where in enumerate((east, west))
        ]


def test_a_director_reads_the_reports_of_their_own_authority_only(
    browser: Callable[..., Browser], reports: list[KeptReport]
) -> None:
    east, west = reports
    director = browser("director")

    listed = director.get("/reports")
    shown = director.get(f"/reports/{east.id}")

    assert listed.status_code == 200
    assert f'href="/reports/{east.id}"' in listed.text
    assert f'href="/reports/{west.id}"' not in listed.text
    assert shown.status_code == 200
    assert "report 0 &lt;b&gt;as written&lt;/b&gt;" in shown.text  # the text, escaped
    assert director.get(f"/reports/{west.id}").status_code == 403
    assert director.get("/reports?authority=Westmere+Council").status_code == 403


def test_an_administrator_reads_any_authority_and_other_roles_none(
    browser: Callable[..., Browser], reports: list[KeptReport]
) -> None:
    _, west = reports
    admin = browser("admin")
    listed = admin.get(f"/reports?authority={west.authority_id}")
    assert listed.status_code == 200 and f'href="/reports/{west.id}"' in listed.text
    assert "report 1" in admin.get(f"/reports/{west.id}").text
    for role in ("manager", "lead", "inspector"):
        someone = browser(role)
        assert someone.get("/reports").status_code == 403, role
        assert someone.get(f"/reports/{west.id}").status_code == 403, role
