"""One look for every role: each role's menu pages and no others, messages written for people,
history that names people, confirmations at the top, links that follow where the app runs."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from starlette.requests import Request

from domain.vocabulary import Role
from infra.settings import Settings, served_at
from tests.web.conftest import Browser, World
from web.menu import MENU, menu_for
from web.templating import confirmed

ROLES = ["lead", "manager", "director", "admin", "inspector"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_its_own_menu_pages_and_gets_403_on_the_others(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    client = browser(role)
    mine = {item.href for item in menu_for(Role(role))}
    home = client.get("/account").text
    for item in MENU:
        response = client.get(item.href)
        if item.href in mine:
            assert response.status_code == 200, item.href
            assert f'href="{item.href}"' in home
        else:
            assert response.status_code == 403, item.href
            assert f"This page is for {item.meant_for}" in response.text
            assert f'class="govuk-service-navigation__link" href="{item.href}"' not in home


def test_the_header_says_the_same_on_every_page(
    browser: Callable[..., Browser], world: World
) -> None:
    manager = browser("manager")
    pages = ["/dashboard", "/inspections", "/plan", f"/areas/{world.areas[0].id}", "/account"]
    headers = {
        re.search(r'homepage-link">([^<]*)<', manager.get(page).text).group(1)  # type: ignore[union-attr]
        for page in pages
    }
    assert headers == {"Children&#39;s services improvement"}


def test_an_address_that_is_not_valid_is_explained_in_words(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    wrong = lead.get("/areas/first")
    assert wrong.status_code == 422
    assert "Check the address of this page: the area number must be a whole number." in wrong.text
    too_big = lead.get("/areas/99999999999")
    assert "the area number must be 2147483647 or less" in too_big.text
    for words in ("int_parsing", "Input should", "path.area_id"):
        assert words not in wrong.text + too_big.text
    missing = lead.get("/no-such-page")
    assert missing.status_code == 404
    assert "There is no page at this address" in missing.text
    assert "Not Found" not in missing.text


def test_the_history_names_people_and_writes_dates_as_people_do(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    area = world.areas[0]
    lead.opened(f"/areas/{area.id}")
    saved = lead.submit(f"/areas/{area.id}/updates", {"note": "Audit started", "rag": "keep"})
    assert saved.status_code == 303
    page = lead.get(f"/areas/{area.id}").text
    timeline = page[page.index('class="app-timeline"') :]
    assert "2 March 2026 at 10:00am by Priya Lead" in timeline
    assert world.people["lead"].email not in timeline
    assert "due date agreed as 20 February 2026" in timeline
    assert not re.search(r"\d{4}-\d{2}-\d{2}", timeline)


def test_a_confirmation_drops_the_fragment_and_names_its_area() -> None:
    request = Request({"type": "http", "session": {"flash_area": "an older one"}})
    response = confirmed(request, "Progress recorded", "/areas/3#history", area="Plans vary")
    assert (response.status_code, response.headers["location"]) == (303, "/areas/3")
    assert request.session == {"flash": "Progress recorded", "flash_area": "Plans vary"}
    confirmed(request, "Password changed", "/account")
    assert request.session == {"flash": "Password changed"}


def test_links_follow_where_the_app_listens_unless_a_base_url_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLOSEOUT_BASE_URL", raising=False)
    unset = Settings(_env_file=None)
    assert served_at(unset, "127.0.0.1", 8731).base_url == "http://127.0.0.1:8731"
    assert served_at(unset, "0.0.0.0", 8731).base_url == "http://127.0.0.1:8731"
    assert served_at(unset, "::1", 8731).base_url == "http://[::1]:8731"
    monkeypatch.setenv("CLOSEOUT_BASE_URL", "https://closeout.example.org")
    behind_a_proxy = Settings(_env_file=None)
    assert served_at(behind_a_proxy, "127.0.0.1", 8731).base_url == "https://closeout.example.org"
