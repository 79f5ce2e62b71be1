"""Signing out ends the session on the server, tokens never reach a log, and the calendar feed
is written by `icalendar` with the meaning it had.

The log test serves the app with a real uvicorn on loopback, configured as `closeout web`
configures it, and reads what uvicorn printed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlmodel import select

from cli.servers import server_options
from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.models import Person
from domain.permissions import SYSTEM
from infra.settings import Settings
from tests.factories import NOW
from tests.web.conftest import Browser, World
from tests.web.loopback import on_loopback
from web.log_masking import mask

COOKIE = "closeout_session"


def _people(world: World) -> list[tuple[object, ...]]:
    with world.session() as s:
        return [
            (p.id, p.email, p.role, p.active, p.password_hash, p.session_generation)
            for p in s.exec(select(Person).order_by(Person.id))  # type: ignore[arg-type]
        ]


def _replayed(app: FastAPI, cookie: str) -> httpx.Response:
    """/my-areas fetched by another client holding a copy of the cookie."""
    thief = TestClient(app, follow_redirects=False, cookies={COOKIE: cookie})
    return thief.get("/my-areas")


def test_a_copied_cookie_stops_working_once_its_owner_signs_out(
    app: FastAPI, browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    copied = lead.client.cookies[COOKIE]
    assert _replayed(app, copied).status_code == 200  # the copy works while signed in
    before = _people(world)
    signed_out = lead.submit("/sign-out")
    assert (signed_out.status_code, signed_out.headers["location"]) == (303, "/sign-in")
    replay = _replayed(app, copied)
    assert (replay.status_code, replay.headers["location"]) == (303, "/sign-in?next=/my-areas")
    # Only the lead's session generation moved on; nothing else about anyone changed.
    after = _people(world)
    lead_id = world.people["lead"].id
    assert [row for row in after if row[0] != lead_id] == [r for r in before if r[0] != lead_id]
    [(_, *was, generation)] = [row for row in before if row[0] == lead_id]
    assert [row[1:] for row in after if row[0] == lead_id] == [(*was, generation + 1)]  # type: ignore[operator]
    # Signing in again works, with a fresh cookie.
    assert lead.sign_in(world.people["lead"].email).status_code == 303
    assert lead.get("/my-areas").status_code == 200


def test_signing_out_ends_the_persons_sessions_in_every_browser(
    browser: Callable[..., Browser], world: World
) -> None:
    here, there = browser("lead"), browser("lead")
    other = browser("manager")
    assert here.submit("/sign-out").status_code == 303
    assert there.get("/my-areas").status_code == 303
    assert other.get("/dashboard").status_code == 200  # someone else's session is theirs


def test_a_stale_cookie_signing_out_changes_nothing(
    app: FastAPI, browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    copied = lead.client.cookies[COOKIE]
    lead.submit("/sign-out")
    before = _people(world)
    thief = Browser(app)
    thief.client.cookies.set(COOKIE, copied)
    assert thief.submit("/sign-out").headers["location"] == "/sign-in"
    assert _people(world) == before


def _served(app: FastAPI) -> AbstractContextManager[str]:
    """The app on a free loopback port with the configuration `closeout web` uses."""
    return on_loopback(app, **server_options(Settings()))


def _secret(world: World, purpose: TokenPurpose) -> str:
    with world.session() as s:
        _, secret = accounts.issue_token(
            s, email=world.people["lead"].email, purpose=purpose, now=NOW, by=SYSTEM
        )
    return secret


def test_the_access_log_masks_calendar_links_and_api_tokens(
    app: FastAPI, world: World, capfd: pytest.CaptureFixture[str]
) -> None:
    calendar, api = _secret(world, TokenPurpose.CALENDAR), _secret(world, TokenPurpose.API)
    with _served(app) as base, httpx.Client(base_url=base) as client:
        assert client.get(f"/calendar/{calendar}.ics").status_code == 200
        assert client.get("/calendar/co_cal_guessed0123.ics").status_code == 401
        me = client.get("/api/me", headers={"Authorization": f"Bearer {api}"})
        assert me.status_code == 200
        assert client.get(f"/api/me?token={api}").status_code == 401
    printed = capfd.readouterr()
    log = printed.out + printed.err
    assert '"GET /calendar/co_cal_….ics HTTP/1.1" 200' in log
    assert '"GET /calendar/co_cal_….ics HTTP/1.1" 401' in log
    assert '"GET /api/me?token=co_api_… HTTP/1.1" 401' in log
    for secret in (calendar, api, calendar[len("co_cal_") :], api[len("co_api_") :]):
        assert secret not in log
    assert "guessed0123" not in log


def test_the_mask_covers_both_kinds_of_token_and_bearer_headers() -> None:
    line = "GET /calendar/co_cal_Ab-9_x.ics?x=co_api_Zz09 Authorization: Bearer abc.def"
    assert mask(line) == "GET /calendar/co_cal_….ics?x=co_api_… Authorization: Bearer …"


def test_the_calendar_feed_reads_back_as_the_due_dates(app: FastAPI, world: World) -> None:
    feed = TestClient(app).get(f"/calendar/{_secret(world, TokenPurpose.CALENDAR)}.ics")
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    parsed = Calendar.from_ical(feed.content)
    assert str(parsed["X-WR-CALNAME"]) == "Closeout: Priya Lead"
    assert (str(parsed["VERSION"]), str(parsed["METHOD"])) == ("2.0", "PUBLISH")
    events = parsed.walk("VEVENT")
    due = {date(2026, 2, 20), date(2026, 3, 5), date(2026, 6, 30)}
    assert {e.decoded("DTSTART") for e in events} == due
    for event in events:
        assert (event.decoded("DTEND") - event.decoded("DTSTART")).days == 1
        assert str(event["SUMMARY"]).startswith("Due: ")
        assert str(event["URL"]).startswith("http://testserver/areas/")
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert "Eastmere Borough Council: " in str(event["DESCRIPTION"])
    assert all(len(line.encode()) <= 75 for line in feed.text.split("\r\n"))
