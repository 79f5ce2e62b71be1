"""Pausing an area, being away and choosing reminder settings on the pages and the API."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlmodel import select

from domain.accounts.absences import Absence, delegate_for
from domain.accounts.preferences import ReminderPreference
from domain.areas.pauses import AreaPause
from tests.web.conftest import TODAY, Browser, World


def _pauses(world: World) -> list[AreaPause]:
    with world.session() as s:
        return list(s.exec(select(AreaPause)))


def test_a_lead_pauses_an_area_and_the_manager_sees_it_and_resumes_it(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = browser("lead").opened(f"/areas/{area.id}")
    assert "Pause reminders" in lead.get(f"/areas/{area.id}").text
    paused = lead.submit(
        f"/areas/{area.id}/pause",
        {
            "pause_until-day": "20",
            "pause_until-month": "3",
            "pause_until-year": "2026",
            "pause_reason": "Audit booked with health partners",
        },
    )
    assert (paused.status_code, paused.headers["location"]) == (303, f"/areas/{area.id}#pause")
    [pause] = _pauses(world)
    assert (pause.until, pause.by_lead) == (TODAY.replace(day=20), True)

    manager = browser("manager").opened(f"/areas/{area.id}")
    page = manager.get(f"/areas/{area.id}").text
    assert "Reminders about this area are paused until 20 March 2026" in page
    assert "Audit booked with health partners" in page
    board = manager.get("/dashboard").text.split('id="paused"', 1)[1].split("<h2", 1)[0]
    assert f'href="/areas/{area.id}#pause"' in board and "Priya Lead (lead)" in board
    assert manager.submit(f"/areas/{area.id}/resume").status_code == 303
    [resumed] = _pauses(world)
    assert resumed.was_resumed and resumed.until < TODAY
    history = manager.get(f"/areas/{area.id}").text
    assert "Chase paused" in history and "Chase resumed" in history


def test_a_pause_in_the_past_is_refused_on_the_form_and_nothing_is_kept(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = browser("lead").opened(f"/areas/{area.id}")
    refused = lead.submit(
        f"/areas/{area.id}/pause",
        {
            "pause_until-day": "1",
            "pause_until-month": "3",
            "pause_until-year": "2026",
            "pause_reason": "Waiting",
        },
    )
    assert refused.status_code == 422
    assert "is in the past" in refused.text
    assert (
        'id="pause_until-day" name="pause_until-day" type="text" inputmode="numeric" value="1"'
        in (refused.text)
    )
    assert _pauses(world) == []


def test_another_leads_area_cannot_be_paused(browser: Callable[..., Browser], world: World) -> None:
    other = world.other_area
    lead = browser("lead").opened(f"/areas/{world.areas[0].id}")
    assert "Pause reminders" not in lead.get(f"/areas/{other.id}").text
    refused = lead.submit(
        f"/areas/{other.id}/pause",
        {
            "pause_until-day": "20",
            "pause_until-month": "3",
            "pause_until-year": "2026",
            "pause_reason": "x",
        },
    )
    assert refused.status_code == 403
    assert _pauses(world) == []


def _away_form(first: int, last: int, delegate: str) -> dict[str, str]:
    """The away form filled in for days of March 2026."""
    days = {"away_from": first, "away_to": last}
    typed = {
        f"{name}-{part}": str(value)
        for name, day in days.items()
        for part, value in (("day", day), ("month", 3), ("year", 2026))
    }
    return {**typed, "delegate": delegate}


def test_away_with_a_delegate_and_back_on_the_account_page(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead").opened("/account")
    page = lead.get("/account").text
    assert 'id="reminder-settings"' in page and 'id="away"' in page
    saved = lead.submit(
        "/account/away",
        _away_form(2, 13, world.people["other_lead"].email),
    )
    assert saved.status_code == 303
    with world.session() as s:
        assert delegate_for(s, world.people["lead"].id or 0, TODAY) == world.people["other_lead"].id
    assert "Your reminders go to Tom Lead" in lead.get("/account").text
    assert lead.submit("/account/back").status_code == 303
    with world.session() as s:
        assert delegate_for(s, world.people["lead"].id or 0, TODAY) is None


def test_away_naming_oneself_is_refused(browser: Callable[..., Browser], world: World) -> None:
    lead = browser("lead").opened("/account")
    refused = lead.submit(
        "/account/away",
        _away_form(3, 4, world.people["lead"].email),
    )
    assert refused.status_code == 422
    assert "cannot act for themselves" in refused.text
    with world.session() as s:
        assert list(s.exec(select(Absence))) == []


def test_weekly_reminders_chosen_on_the_account_page(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead").opened("/account")
    saved = lead.submit(
        "/account/reminders", {"channels": "email", "rhythm": "weekly", "weekly_day": "Thursday"}
    )
    assert saved.status_code == 303
    with world.session() as s:
        stored = s.get(ReminderPreference, world.people["lead"].id)
        assert stored is not None and (stored.rhythm.value, stored.weekly_day) == ("weekly", 3)
    missing_day = lead.submit("/account/reminders", {"channels": "email", "rhythm": "weekly"})
    assert missing_day.status_code == 422 and "weekly rhythm needs a day" in missing_day.text


def test_the_api_pauses_resumes_and_sets_reminders_and_absence(
    api: Callable[[str], TestClient], world: World
) -> None:
    lead = api("lead")
    area = world.areas[1]
    paused = lead.post(
        f"/api/areas/{area.id}/pause", json={"until": "2026-03-31", "reason": "Audit booked"}
    )
    assert paused.status_code == 201, paused.text
    assert paused.json()["until"] == "2026-03-31"
    again = lead.post(f"/api/areas/{area.id}/pause", json={"until": "2026-03-31", "reason": "x"})
    assert again.status_code == 409
    resumed = lead.post(f"/api/areas/{area.id}/resume")
    assert resumed.status_code == 200 and resumed.json()["resumed"] is True
    past = lead.post(f"/api/areas/{area.id}/pause", json={"until": "2026-01-01", "reason": "x"})
    assert past.status_code == 422 and past.json()["code"] == "invalid_date"

    chosen = lead.put(
        "/api/account/reminders",
        json={"channels": ["email"], "rhythm": "weekly", "weekly_day": "tue"},
    )
    assert chosen.status_code == 200, chosen.text
    assert chosen.json() == {"channels": ["email"], "rhythm": "weekly", "weekly_day": "Tuesday"}
    bad = lead.put("/api/account/reminders", json={"channels": ["slack"]})
    assert bad.status_code == 422 and "has no slack address" in bad.json()["message"]

    away = lead.post(
        "/api/account/away",
        json={"starts_on": "2026-03-02", "ends_on": "2026-03-06", "delegate_email": None},
    )
    assert away.status_code == 201, away.text
    assert lead.delete("/api/account/away").status_code == 200
    backwards = lead.post(
        "/api/account/away", json={"starts_on": "2026-03-09", "ends_on": "2026-03-06"}
    )
    assert backwards.status_code == 422
    assert "is before the first day away" in backwards.json()["message"]


def test_pauses_and_the_leads_absence_are_in_the_review_pack(
    api: Callable[[str], TestClient], browser: Callable[..., Browser], world: World
) -> None:
    lead = api("lead")
    area = world.areas[2]
    paused = lead.post(
        f"/api/areas/{area.id}/pause", json={"until": "2026-04-10", "reason": "Audit booked"}
    )
    assert paused.status_code == 201
    assert (
        lead.post(
            "/api/account/away", json={"starts_on": "2026-03-09", "ends_on": "2026-03-13"}
        ).status_code
        == 201
    )
    pack = browser("manager").get(f"/authorities/{area.authority_id}/pack.html").text
    section = pack.split("Chase paused and lead away", 1)[1]
    assert "Chase paused from 2 March 2026 until 10 April 2026 by Priya Lead: Audit booked" in (
        section
    )
    assert (
        "Lead Priya Lead away from 9 March 2026 to 13 March 2026; reminders went to Sam Manager"
        in (section)
    )
