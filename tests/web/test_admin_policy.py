"""Administrators read and change an authority's reminder policy on its page."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import select

from domain.accounts.models import Authority
from domain.reminders.policy import SETTINGS
from tests.web.conftest import Browser, World

EASTMERE = "Eastmere Borough Council"
AS_SHOWN = {
    "due_soon_days": "10, 3",
    "stale_after_days": "20",
    "chase_every_days": "5",
    "quiet_after_update_days": "5",
    "escalate_to_manager_after_days": "10",
    "escalate_to_director_after_days": "20",
    "remind_on_non_working_days": "no",
    "at_risk_before_window_days": "90",
    "immediately_working_days": "10",
    "default_due_months": "6",
    "evidence_before_priority_sign_off": "no",
    "max_lead_pause_days": "10",
    "allow_weekly_rhythm": "yes",
    "allow_teams": "yes",
    "allow_slack": "yes",
    "allow_webhook": "yes",
}


def _eastmere(world: World) -> Authority:
    with world.session() as s:
        return s.exec(select(Authority).where(Authority.name == EASTMERE)).one()


def _page(world: World) -> str:
    return f"/admin/authorities/{_eastmere(world).id}/policy"


def test_the_authorities_page_links_each_policy(
    browser: Callable[..., Browser], world: World
) -> None:
    page = browser("admin").get("/admin/authorities")
    assert page.status_code == 200
    assert f'href="{_page(world)}"' in page.text
    assert page.text.count("The defaults") == 2


def test_every_setting_is_shown_with_its_default_and_the_value_in_force(
    browser: Callable[..., Browser], world: World
) -> None:
    page = browser("admin").get(_page(world))
    assert page.status_code == 200
    text = html.unescape(page.text)
    for setting in SETTINGS:
        assert setting.label in text
        assert f"Default: {AS_SHOWN[setting.name].capitalize()}." in text
    assert 'name="stale_after_days" type="text" value="20"' in page.text
    assert 'name="due_soon_days" type="text" value="10, 3"' in page.text
    assert 'name="remind_on_non_working_days" type="radio" value="no" checked' in page.text


def _submit(client: Browser, world: World, **changes: str) -> Any:
    return client.submit(_page(world), {**AS_SHOWN, **changes})


def test_saving_keeps_only_the_settings_that_differ_from_the_defaults(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin").opened(_page(world))
    saved = _submit(admin, world, stale_after_days="15", due_soon_days="5 15,5")
    assert (saved.status_code, saved.headers["location"]) == (303, _page(world))
    assert _eastmere(world).policy == {"due_soon_days": [15, 5], "stale_after_days": 15}
    shown = admin.get(_page(world)).text
    assert "Reminder policy saved for Eastmere Borough Council" in shown
    assert 'name="due_soon_days" type="text" value="15, 5"' in shown
    assert "Default: 20. Changed for this authority." in shown
    emptied = _submit(admin, world, stale_after_days="", due_soon_days="15, 5")
    assert emptied.status_code == 303
    assert _eastmere(world).policy == {"due_soon_days": [15, 5]}
    assert "1 setting changed from the defaults" in admin.get("/admin/authorities").text


def test_every_bad_value_is_named_with_what_is_valid_and_nothing_is_saved(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin").opened(_page(world))
    response = _submit(
        admin,
        world,
        stale_after_days="abc",
        default_due_months="0",
        due_soon_days="1, 2, 3, 4, 5, 6",
        remind_on_non_working_days="maybe",
        chase_every_days="3",
    )
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert (
        '<a href="#stale_after_days">Working days without a progress update before the lead is '
        "chased must be a whole number from 0 to 250, not 'abc'</a>"
    ) in text
    assert (
        '<a href="#default_due_months">Months after the inspection to do an item with no '
        "timescale must be a whole number from 1 to 36, not 0</a>"
    ) in text
    assert "must be 1 to 5 whole numbers from 0 to 250 (for example 10, 3)" in text
    assert "Reminders at weekends and on bank holidays must be yes or no, not 'maybe'" in text
    assert text.count("govuk-error-message") == 4
    assert 'name="chase_every_days" type="text" value="3"' in response.text
    assert 'name="stale_after_days" type="text" value="abc"' in response.text
    assert _eastmere(world).policy == {}


@pytest.mark.parametrize("role", ["director", "manager", "lead", "inspector", "outsider"])
def test_only_administrators_open_a_policy(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    client = browser(role)
    assert client.get(_page(world)).status_code == 403
    assert client.get("/admin/authorities").status_code == 403


def test_an_authority_that_is_not_recorded_is_named(browser: Callable[..., Browser]) -> None:
    response = browser("admin").get("/admin/authorities/999/policy")
    assert response.status_code == 404
    assert "Authority 999 is not recorded." in response.text


def test_a_stored_setting_that_cannot_be_read_is_shown_to_be_put_right(
    browser: Callable[..., Browser], world: World
) -> None:
    with world.session() as s:  # as an older version, or a hand edit, could leave it
        eastmere = s.exec(select(Authority).where(Authority.name == EASTMERE)).one()
        eastmere.policy = {"chase_every_days": 999, "stale_after_days": 15}
        s.add(eastmere)
        s.commit()
    admin = browser("admin").opened(_page(world))
    page = admin.get(_page(world))
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "must be a whole number from 0 to 250, not 999</a>" in text
    assert 'name="chase_every_days" type="text" value="999"' in page.text
    assert 'name="stale_after_days" type="text" value="15"' in page.text  # readable: kept
    for role, path in [("director", "/dashboard"), ("lead", "/my-areas")]:
        assert browser(role).get(path).status_code == 200  # shown by the readable settings
    fixed = _submit(admin, world, chase_every_days="7", stale_after_days="15")
    assert fixed.status_code == 303
    assert _eastmere(world).policy == {"chase_every_days": 7, "stale_after_days": 15}
