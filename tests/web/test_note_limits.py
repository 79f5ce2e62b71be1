"""One limit for free text, refused not cut, on the pages and the API alike; no control
characters in; and no CSV download that runs a formula or carries a control character."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlmodel import func, select

from domain.accounts.people import actor_for, get_person
from domain.areas import progress
from domain.areas.models import DevelopmentArea, DueDateChange, ProgressUpdate
from domain.vocabulary import Status
from tests.factories import NOW
from tests.web.conftest import Browser, World

Api = Callable[[str], TestClient]
TOO_LONG = "x" * 10_001
TOO_LONG_MESSAGE = "Note is 10,001 characters long; shorten it to at most 10,000"


def _rows(world: World) -> tuple[int, int]:
    """How many progress updates and due-date changes are recorded."""
    with world.session() as s:
        updates = s.exec(select(func.count()).select_from(ProgressUpdate)).one()
        changes = s.exec(select(func.count()).select_from(DueDateChange)).one()
    return updates, changes


def test_the_page_refuses_a_note_over_the_limit_and_keeps_what_was_typed(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead = browser("lead").opened(f"/areas/{area.id}")
    before = _rows(world)
    refused = lead.submit(f"/areas/{area.id}/updates", {"note": TOO_LONG, "version": area.version})
    assert refused.status_code == 422
    assert f'<a href="#note">{TOO_LONG_MESSAGE}</a>' in refused.text
    assert 'id="note-error"' in refused.text
    assert f">{TOO_LONG}</textarea>" in refused.text
    assert "Progress recorded" not in refused.text
    assert _rows(world) == before


def test_the_page_keeps_a_note_of_exactly_the_limit_whole(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead = browser("lead").opened(f"/areas/{area.id}")
    note = "y" * 10_000
    saved = lead.submit(f"/areas/{area.id}/updates", {"note": note, "version": area.version})
    assert saved.status_code == 303
    with world.session() as s:
        assert note in s.exec(select(ProgressUpdate.note)).all()


def test_the_page_refuses_a_control_character_on_the_note(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead = browser("lead").opened(f"/areas/{area.id}")
    before = _rows(world)
    refused = lead.submit(
        f"/areas/{area.id}/updates", {"note": "Red\x1b[31m", "version": area.version}
    )
    assert refused.status_code == 422
    assert (
        '<a href="#note">Note contains the control character U+001B at character 4; '
        "remove it (line breaks and tabs are the only ones allowed)</a>"
    ) in refused.text
    assert _rows(world) == before


def test_line_breaks_a_browser_sends_are_kept_as_line_breaks(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead = browser("lead").opened(f"/areas/{area.id}")
    saved = lead.submit(
        f"/areas/{area.id}/updates", {"note": "First line\r\nSecond", "version": area.version}
    )
    assert saved.status_code == 303
    with world.session() as s:
        assert "First line\nSecond" in s.exec(select(ProgressUpdate.note)).all()


def test_the_page_refuses_a_rag_reason_over_its_limit_on_its_field(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[2]
    lead = browser("lead").opened(f"/areas/{area.id}")
    before = _rows(world)
    refused = lead.submit(
        f"/areas/{area.id}/updates",
        {"rag": "red", "rag_reason": "r" * 1001, "version": area.version},
    )
    assert refused.status_code == 422
    assert '<a href="#rag_reason">RAG reason is 1,001 characters long' in refused.text
    assert _rows(world) == before


def test_the_due_date_form_refuses_a_reason_over_the_limit_and_keeps_it(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead = browser("lead").opened(f"/areas/{area.id}")
    before = _rows(world)
    refused = lead.submit(
        f"/areas/{area.id}/due-date",
        {"to-day": "30", "to-month": "6", "to-year": "2026", "reason": TOO_LONG},
    )
    assert refused.status_code == 422
    assert (
        '<a href="#reason">Due-date reason is 10,001 characters long; '
        "shorten it to at most 10,000</a>"
    ) in refused.text
    assert f">{TOO_LONG}</textarea>" in refused.text
    assert _rows(world) == before


def test_the_sign_off_form_names_its_own_note(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    assert area.id is not None
    with world.session() as s:
        lead = actor_for(s, get_person(s, world.people["lead"].email))
        progress.record_progress(s, area_id=area.id, by=lead, now=NOW, status=Status.COMPLETED)
    manager = browser("manager").opened(f"/areas/{area.id}/sign-off")
    before = _rows(world)
    refused = manager.submit(
        f"/areas/{area.id}/sign-off", {"signoff_note": TOO_LONG, "confirmed": "yes"}
    )
    assert refused.status_code == 422
    assert f'<a href="#signoff_note">{TOO_LONG_MESSAGE}</a>' in refused.text
    assert f">{TOO_LONG}</textarea>" in refused.text
    assert _rows(world) == before
    with world.session() as s:
        found = s.get(DevelopmentArea, area.id)
        assert found is not None and found.status == Status.COMPLETED


def test_the_api_refuses_overlong_text_and_control_characters(api: Api, world: World) -> None:
    client = api("lead")
    area = world.areas[1].id
    before = _rows(world)
    for body, message in (
        ({"note": TOO_LONG}, "note: String should have at most 10000 characters"),
        (
            {"note": "a\x1bb"},
            "note contains the control character U+001B at character 2; remove it",
        ),
        ({"rag": "red", "rag_reason": "r" * 1001}, "rag_reason: String should have at most 1000"),
        ({"evidence": ["https://x.example/\x07"]}, "evidence link contains the control"),
    ):
        refused = client.post(f"/api/areas/{area}/updates", json=body)
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "invalid_input"
        assert message in refused.json()["message"]
        assert "\n" not in refused.json()["message"]
    asked = client.post(
        f"/api/areas/{area}/due-date-requests", json={"to": "2026-06-30", "reason": "late\x07"}
    )
    assert asked.status_code == 422
    assert asked.json()["message"].startswith("due-date reason contains the control character")
    assert _rows(world) == before


def test_csv_downloads_hold_neither_formulas_nor_control_characters(
    browser: Callable[..., Browser], world: World
) -> None:
    with world.session() as s:
        area = s.get(DevelopmentArea, world.areas[0].id)
        assert area is not None
        area.title = '=HYPERLINK("http://x","click")\x1b[31m'  # as recorded before the checks
        s.add(area)
        s.commit()
    director = browser("director")
    authority = world.areas[0].authority_id
    listed = director.get(f"/areas.csv?authority={authority}")
    pack = director.get(f"/authorities/{authority}/pack.csv")
    for response in (listed, pack):
        assert response.status_code == 200
        assert "\x1b" not in response.text
        titles = [r["title"] for r in csv.DictReader(io.StringIO(response.text))]
        assert '\'=HYPERLINK("http://x","click")[31m' in titles
        assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)
