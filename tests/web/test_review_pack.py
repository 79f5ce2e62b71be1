"""The review pack in the site: who may read it, its downloads, and no form to write with."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from domain.accounts import services as accounts
from domain.accounts.models import Authority
from domain.permissions import SYSTEM
from domain.vocabulary import Role
from infra.clock import Clock
from infra.runtime import build_runtime
from infra.settings import Settings
from reviewpack import COLUMNS
from tests import factories
from tests.web.conftest import PASSWORD, Browser, World
from web.app import create_app

POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"')
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _pack(world: World) -> str:
    return f"/authorities/{world.areas[0].authority_id}/pack"


def test_an_inspector_reads_the_pack_in_the_site_with_no_form_to_write(
    browser: Callable[..., Browser], world: World
) -> None:
    response = browser("inspector").get(_pack(world))
    assert response.status_code == 200
    page = response.text
    assert page.count("<h1") == 1
    assert "<h1>Review pack: Eastmere Borough Council</h1>" in page
    assert all(a.title in page for a in [*world.areas, world.other_area])
    assert world.elsewhere_area.title not in page
    assert POST_FORM.findall(page) == ["/sign-out"]
    assert "<textarea" not in page and 'type="file"' not in page


def test_the_page_allows_exactly_the_packs_own_style_sheet(
    browser: Callable[..., Browser], world: World
) -> None:
    response = browser("inspector").get(_pack(world))
    blocks = STYLE.findall(response.text)
    assert len(blocks) == 1
    digest = base64.b64encode(hashlib.sha256(blocks[0].encode()).digest()).decode()
    policy = response.headers["content-security-policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in policy
    assert response.headers.get_list("content-security-policy") == [policy]
    elsewhere = browser("inspector").get("/inspector").headers["content-security-policy"]
    assert "style-src 'self';" in elsewhere


@pytest.mark.parametrize("role", ["inspector", "manager", "director", "admin", "lead"])
def test_everyone_who_may_read_the_authority_may_read_its_pack(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    assert browser(role).get(_pack(world)).status_code == 200


def test_another_authoritys_people_are_refused(
    browser: Callable[..., Browser], world: World
) -> None:
    with world.session() as s:
        westmere = s.get(Authority, world.elsewhere_area.authority_id)
        lead = factories.person(s, westmere, Role.LEAD, name="Wes Lead")
        accounts.set_password(s, email=lead.email, password=PASSWORD, by=SYSTEM)
    client = browser()
    assert client.sign_in(lead.email).status_code == 303
    for suffix in ("", ".html", ".csv", ".pdf"):
        assert client.get(_pack(world) + suffix).status_code == 403, suffix
    assert browser("outsider").get(_pack(world)).status_code == 403
    assert (
        browser("inspector")
        .get(f"/authorities/{world.elsewhere_area.authority_id}/pack")
        .status_code
        == 403
    )
    assert browser("admin").get("/authorities/9999/pack").status_code == 404


def test_an_inspector_outside_the_access_window_is_refused(world: World, tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path / "var", base_url="http://testserver")
    after = datetime(2026, 5, 4, 10, tzinfo=UTC)  # the grant ended on 30 April
    app = create_app(build_runtime(settings, engine=world.engine, clock=Clock(now=lambda: after)))
    inspector = Browser(app)
    assert inspector.sign_in(world.people["inspector"].email).status_code == 303
    for suffix in ("", ".html", ".csv"):
        response = inspector.get(_pack(world) + suffix)
        assert response.status_code == 403, suffix
        assert "Ruth Inspector (inspector) may not read" in response.text


def test_the_downloads_are_the_stand_alone_page_and_the_rows(
    browser: Callable[..., Browser], world: World
) -> None:
    inspector = browser("inspector")
    page = inspector.get(_pack(world) + ".html")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-disposition"] == (
        'attachment; filename="review-pack-eastmere-borough-council-2026-03-02.html"'
    )
    assert page.text.startswith("<!DOCTYPE html>")
    assert "<title>Review pack: Eastmere Borough Council, 2 March 2026</title>" in page.text
    rows = inspector.get(_pack(world) + ".csv")
    assert rows.headers["content-type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(rows.text)))
    assert table[0] == COLUMNS
    listed = {int(r[COLUMNS.index("area_id")]) for r in table[1:]}
    assert listed == {a.id for a in [*world.areas, world.other_area]}
    assert inspector.get(_pack(world) + ".docx").status_code == 422


def test_since_marks_entries_from_that_day_on_the_page_and_in_downloads(
    browser: Callable[..., Browser], world: World
) -> None:
    inspector = browser("inspector")
    page = inspector.get(_pack(world) + "?since-day=3&since-month=3&since-year=2026").text
    assert "Entries since 3 March 2026 are marked new." in page
    assert f'href="{_pack(world)}.html?since=2026-03-03"' in page
    download = inspector.get(_pack(world) + ".html?since=2026-03-03").text
    assert "Entries since 3 March 2026 are marked new." in download
    default = inspector.get(_pack(world)).text
    assert "Entries since 13 January 2026 are marked new." in default  # the inspection's end


def test_a_since_date_that_is_not_real_is_named(
    browser: Callable[..., Browser], world: World
) -> None:
    inspector = browser("inspector")
    response = inspector.get(_pack(world) + "?since-day=31&since-month=2&since-year=2026")
    assert response.status_code == 422
    assert '<a href="#since-day">The date must be a real date' in response.text
    assert inspector.get(_pack(world) + ".csv?since=2026-02-31").status_code == 422


def test_without_chromium_the_pdf_is_a_page_offering_the_other_formats(
    browser: Callable[..., Browser], world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    inspector = browser("inspector")
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser to be found
    response = inspector.get(_pack(world) + ".pdf?since=2026-03-03")
    assert response.status_code == 503
    assert "The PDF cannot be made just now" in response.text
    assert "no Chromium found" in response.text
    assert f'href="{_pack(world)}.html?since=2026-03-03"' in response.text
    assert f'href="{_pack(world)}?since-day=3&amp;since-month=3&amp;since-year=2026"' in (
        response.text
    )


@pytest.mark.browser
def test_the_pdf_is_printed_by_chromium(browser: Callable[..., Browser], world: World) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed; install Debian's chromium package")
    response = browser("director").get(_pack(world) + ".pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.headers["content-disposition"].endswith('-2026-03-02.pdf"')


def test_the_inspector_view_and_the_dashboard_link_to_the_pack(
    browser: Callable[..., Browser], world: World
) -> None:
    listed = browser("inspector").get("/inspector?since-day=3&since-month=3&since-year=2026")
    assert f'href="{_pack(world)}?since-day=3&amp;since-month=3&amp;since-year=2026"' in (
        listed.text
    )
    assert f'href="{_pack(world)}"' in browser("manager").get("/dashboard").text


def _carry(world: World, area_index: int, count: int) -> None:
    with world.session() as s:
        area = s.get(type(world.areas[0]), world.areas[area_index].id)
        assert area is not None
        area.carry_count = count
        area.carried_from_id = world.other_area.id
        s.add(area)
        s.commit()


def test_carried_over_and_repeat_areas_are_tagged_on_their_page_and_in_lists(
    browser: Callable[..., Browser], world: World
) -> None:
    _carry(world, 0, 2)
    _carry(world, 1, 1)
    repeat = '<strong class="govuk-tag govuk-tag--pink">Repeat</strong>'
    carried = '<strong class="govuk-tag govuk-tag--purple">Carried over</strong>'
    lead = browser("lead")
    assert repeat in lead.get(f"/areas/{world.areas[0].id}").text
    second = lead.get(f"/areas/{world.areas[1].id}").text
    assert carried in second and repeat not in second
    assert "carried through 1 inspection<" in second
    plain = lead.get(f"/areas/{world.areas[2].id}").text
    assert carried not in plain and repeat not in plain
    mine = lead.get("/my-areas?show=open").text
    assert (mine.count(repeat), mine.count(carried)) == (1, 1)
    inspector = browser("inspector").get("/inspector").text
    assert (inspector.count(repeat), inspector.count(carried)) == (1, 1)
    overdue = browser("manager").get("/dashboard").text
    assert (overdue.count(repeat), overdue.count(carried)) == (1, 0)
