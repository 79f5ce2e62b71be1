"""An inspector with access to several authorities chooses which one to read, read-only."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from fastapi.testclient import TestClient

from domain.accounts import services as accounts
from domain.permissions import SYSTEM
from tests.factories import NOW
from tests.web.conftest import TODAY, Browser, World

POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"')
EASTMERE, WESTMERE = "Eastmere Borough Council", "Westmere Council"


def _grant(world: World, authority: str, until: date, starts: date = TODAY) -> int:
    """Access for the world's inspector, granted after the one the world gives them."""
    with world.session() as s:
        grant = accounts.grant_inspector_access(
            s,
            email=world.people["inspector"].email,
            authority=authority,
            until=until,
            starts_on=starts,
            today=TODAY,
            now=NOW + timedelta(hours=1),
            by=SYSTEM,
        )
        return grant.authority_id


def _authority_id(world: World) -> int:
    return world.areas[0].authority_id


def test_an_inspector_lists_each_authority_granted_with_its_last_day(
    browser: Callable[..., Browser], world: World
) -> None:
    westmere = _grant(world, WESTMERE, date(2026, 4, 15))
    page = browser("inspector").get("/inspector").text
    assert "<caption" in page and "Authorities you can read" in page
    # The most recent grant opens first; the other is a link away.
    assert f"<strong>{WESTMERE}</strong> (shown below)" in page
    assert f'<a class="govuk-link" href="/inspector?authority={_authority_id(world)}">' in page
    assert "15 April 2026" in page and "30 April 2026" in page
    assert f'href="/areas/{world.elsewhere_area.id}"' in page
    assert f'name="authority" value="{westmere}"' in page


def test_the_authority_chosen_is_where_the_other_pages_open(
    browser: Callable[..., Browser], world: World
) -> None:
    _grant(world, WESTMERE, date(2026, 4, 15))
    inspector = browser("inspector")
    assert "Case audits are not completed." in inspector.get("/plan").text
    chosen = inspector.get(f"/inspector?authority={_authority_id(world)}")
    assert chosen.status_code == 200
    assert f"<strong>{EASTMERE}</strong> (shown below)" in chosen.text
    assert "4 areas in all." in chosen.text
    plan = inspector.get("/plan").text
    assert "Written plans for children in need are too general." in plan
    assert "Case audits are not completed." not in plan


def test_every_authority_granted_is_read_and_none_is_written(
    browser: Callable[..., Browser], world: World
) -> None:
    _grant(world, WESTMERE, date(2026, 4, 15))
    inspector = browser("inspector")
    pages = [
        "/inspector",
        f"/inspector?authority={_authority_id(world)}",
        "/plan",
        "/account",
        f"/areas/{world.areas[0].id}",
        f"/areas/{world.elsewhere_area.id}",
    ]
    for page in pages:
        response = inspector.get(page)
        assert response.status_code == 200, page
        assert POST_FORM.findall(response.text) == ["/sign-out"] or page == "/account", page
    updated = inspector.submit(f"/areas/{world.elsewhere_area.id}/updates", {"note": "x"})
    assert updated.status_code == 403


def test_a_grant_not_in_force_is_neither_listed_nor_readable(
    browser: Callable[..., Browser], world: World
) -> None:
    _grant(world, WESTMERE, date(2026, 6, 30), starts=date(2026, 6, 1))
    inspector = browser("inspector")
    page = inspector.get("/inspector").text
    assert "Authorities you can read" not in page
    assert "You have read-only access until 30 April 2026." in page
    assert (
        inspector.get(f"/inspector?authority={world.elsewhere_area.authority_id}").status_code
        == 403
    )
    assert inspector.get(f"/areas/{world.elsewhere_area.id}").status_code == 403


def test_the_account_page_lists_each_authority_and_its_last_day(
    browser: Callable[..., Browser], world: World
) -> None:
    _grant(world, WESTMERE, date(2026, 4, 15))
    account = browser("inspector").get("/account").text
    rows = re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', account)
    assert rows == [
        EASTMERE,
        "2 March 2026",
        "30 April 2026",
        WESTMERE,
        "2 March 2026",
        "15 April 2026",
    ]


def test_the_api_reads_any_authority_granted(
    api: Callable[[str], TestClient], world: World
) -> None:
    _grant(world, WESTMERE, date(2026, 4, 15))
    client = api("inspector")
    eastmere = client.get("/api/areas", params={"authority": EASTMERE})
    westmere = client.get("/api/areas", params={"authority": WESTMERE})
    assert (eastmere.status_code, westmere.status_code) == (200, 200)
    assert len(eastmere.json()) == 4
    assert [a["title"] for a in westmere.json()] == ["Case audits are not completed"]
    assert client.get(f"/api/areas/{world.areas[0].id}").status_code == 200
    written = client.post(f"/api/areas/{world.elsewhere_area.id}/updates", json={"note": "x"})
    assert (written.status_code, written.json()["code"]) == (403, "not_permitted")
