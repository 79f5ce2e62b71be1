"""A schedule that stopped firing shows at /api/health and on the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from domain.calendar import add_working_days, london_date
from domain.reminders.run_records import DAILY_CHECK, run_finished, run_started
from tests.factories import NOW
from tests.web.conftest import Browser, World

TODAY = london_date(NOW)


def _ran(world: World, days_ago: int, *, succeeded: bool = True) -> None:
    day = add_working_days(TODAY, -days_ago)
    with world.session() as s:
        run_started(s, flow=DAILY_CHECK, run_id=f"run {days_ago}", run_date=day, now=NOW)
        run_finished(
            s,
            run_id=f"run {days_ago}",
            now=NOW + timedelta(minutes=5),
            succeeded=succeeded,
            summary="4 delivered in 2 messages" if succeeded else "1 not delivered",
        )


def test_health_is_503_until_the_daily_check_has_finished_a_run(app: FastAPI, world: World) -> None:
    client = TestClient(app)
    never = client.get("/api/health")
    assert never.status_code == 503
    assert never.json()["message"] == "the daily check has never finished a run"
    _ran(world, 0)
    ok = client.get("/api/health")
    assert ok.status_code == 200
    body = ok.json()
    assert (body["healthy"], body["last_finished_for"]) == (True, TODAY.isoformat())
    assert body["working_days_missed"] == 0


def test_health_is_503_when_working_days_pass_with_no_run_or_the_last_failed(
    app: FastAPI, world: World
) -> None:
    client = TestClient(app)
    _ran(world, 3)
    late = client.get("/api/health").json()
    assert (late["healthy"], late["working_days_missed"]) == (False, 2)
    _ran(world, 0, succeeded=False)
    failed = client.get("/api/health")
    assert failed.status_code == 503
    assert failed.json()["message"].endswith(": failed (1 not delivered)")


def test_the_dashboard_warns_while_reminders_may_not_be_going_out(
    browser: Callable[..., Browser], world: World
) -> None:
    director = browser("director")
    _ran(world, 3)
    warned = director.get("/dashboard").text
    assert 'id="schedule-warning"' in warned
    assert "Reminders may not be going out" in warned
    assert "2 working days since with no run finished" in warned
    _ran(world, 0)
    assert 'id="schedule-warning"' not in director.get("/dashboard").text
