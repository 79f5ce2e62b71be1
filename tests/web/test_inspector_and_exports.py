"""The inspector's read-only view, and the exports: CSV, the printable plan, the calendar."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.people import actor_for, get_person
from domain.areas import progress
from domain.permissions import SYSTEM
from tests.factories import NOW
from tests.web.conftest import Browser, World, at

POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"')


def _note(world: World, area_id: int | None, when_day: int, text: str) -> None:
    with world.session() as s:
        lead = actor_for(s, get_person(s, world.people["lead"].email))
        progress.record_progress(
            s, area_id=area_id or 0, by=lead, now=at(NOW.date().replace(day=when_day)), note=text
        )


def test_an_inspector_sees_every_area_with_history_and_no_form_to_write(
    browser: Callable[..., Browser], world: World
) -> None:
    inspector = browser("inspector")
    pages = ["/inspector", "/plan", *(f"/areas/{a.id}" for a in [*world.areas, world.other_area])]
    for page in pages:
        response = inspector.get(page)
        assert response.status_code == 200, page
        assert POST_FORM.findall(response.text) == ["/sign-out"], page
    listed = inspector.get("/inspector").text
    assert "4 areas in all." in listed
    assert all(f'href="/areas/{a.id}"' in listed for a in [*world.areas, world.other_area])
    assert "read-only access until 30 April 2026" in listed


def test_changed_since_keeps_only_areas_touched_on_or_after_the_day(
    browser: Callable[..., Browser], world: World
) -> None:
    _note(world, world.areas[2].id, 4, "Audit of supervision began")
    inspector = browser("inspector")
    changed = inspector.get("/inspector?since-day=3&since-month=3&since-year=2026").text
    assert "1 area changed since 3 March 2026." in changed
    assert f'href="/areas/{world.areas[2].id}"' in changed
    assert f'href="/areas/{world.areas[0].id}"' not in changed
    assert "Audit of supervision began" in changed


def test_a_changed_since_date_that_is_not_real_is_named(
    browser: Callable[..., Browser],
) -> None:
    response = browser("inspector").get("/inspector?since-day=40&since-month=3&since-year=2026")
    assert response.status_code == 422
    assert '<a href="#since-day">The date must be a real date' in response.text


def test_an_inspector_cannot_read_another_authority(
    browser: Callable[..., Browser], world: World
) -> None:
    inspector = browser("inspector")
    assert inspector.get(f"/areas/{world.elsewhere_area.id}").status_code == 403
    assert inspector.get("/inspector?authority=Westmere").status_code == 403


def test_the_csv_repeats_the_list_and_defuses_formulas(
    browser: Callable[..., Browser], world: World
) -> None:
    _note(world, world.areas[0].id, 2, "=HYPERLINK(1)")
    lead = browser("lead")
    response = lead.get("/areas.csv?owner=me&show=overdue")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [str(world.areas[0].id)]
    assert rows[0]["overdue"] == "True" and rows[0]["days_overdue"] == "10"
    with world.session() as s:
        area = s.get(type(world.areas[0]), world.areas[0].id)
        assert area is not None
        area.title = "=cmd|' /C calc'!A0"
        s.add(area)
        s.commit()
    rows = list(csv.DictReader(io.StringIO(lead.get("/areas.csv?owner=me&show=open").text)))
    assert rows[0]["title"] == "'=cmd|' /C calc'!A0"


def test_the_printable_plan_lists_each_area_with_its_latest_progress(
    browser: Callable[..., Browser], world: World
) -> None:
    _note(world, world.areas[1].id, 1, "First note")
    _note(world, world.areas[1].id, 2, "Second note")
    plan = browser("director").get("/plan").text
    assert "Second note" in plan and "First note" not in plan
    assert all(a.title in plan for a in [*world.areas, world.other_area])
    assert world.elsewhere_area.title not in plan


def test_the_calendar_feed_lists_due_dates_until_the_link_is_stopped(
    app: object, world: World
) -> None:
    with world.session() as s:
        token, secret = accounts.issue_token(
            s, email=world.people["lead"].email, purpose=TokenPurpose.CALENDAR, now=NOW, by=SYSTEM
        )
    client = TestClient(app)  # type: ignore[arg-type]
    feed = client.get(f"/calendar/{secret}.ics")
    assert feed.status_code == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    body = feed.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20260220\r\nDTEND;VALUE=DATE:20260221" in body
    assert f"URL:http://testserver/areas/{world.areas[0].id}" in body
    with world.session() as s:
        accounts.revoke_token(s, token_id=token.id or 0, now=NOW, by=SYSTEM)
    assert client.get(f"/calendar/{secret}.ics").status_code == 401
    assert client.get("/calendar/co_cal_guess.ics").status_code == 401


def test_the_account_page_makes_a_calendar_link_and_an_api_token(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    made = lead.submit("/account/calendar")
    link = re.search(r"(http://testserver/calendar/co_cal_[^<]+\.ics)", made.text)
    assert link is not None
    assert (
        TestClient(lead.client.app).get(link.group(1).removeprefix("http://testserver")).status_code
        == 200
    )
    token = re.search(
        r"(co_api_[A-Za-z0-9_-]{20,})", lead.submit("/account/tokens", {"label": "reports"}).text
    )
    assert token is not None
    me = TestClient(lead.client.app, headers={"Authorization": f"Bearer {token.group(1)}"})
    assert me.get("/api/me").json()["email"] == world.people["lead"].email
