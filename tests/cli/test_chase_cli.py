"""Pausing an area, being away and choosing reminders from the command line, and bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import Result

from domain.calendar import london_date
from tests.cli.conftest import Run
from tests.cli.test_setup_and_areas import _world

TODAY = london_date(datetime.now(UTC))  # the command reads the real clock


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _pause(closeout: Run, days: int, reason: str) -> Result:
    """The lead pauses area 1 until `days` from today."""
    until = _day(days)
    return closeout(
        "area", "pause", "1", "--until", until, "--reason", reason, "--by", "lee@northam.example"
    )


def test_a_lead_pauses_their_area_and_their_manager_resumes_it(closeout: Run) -> None:
    _world(closeout)
    paused = _pause(closeout, 10, "Audit agreed for next month")
    assert paused.exit_code == 0, paused.output
    assert "development area 1 paused until" in paused.stdout
    again = _pause(closeout, 5, "x")
    assert again.exit_code == 2
    assert "is paused already" in again.output
    resumed = closeout("area", "resume", "1", "--by", "mia@northam.example")
    assert resumed.exit_code == 0, resumed.output
    shown = closeout("area", "show", "1", "--format", "json")
    assert "Chase paused until" in shown.stdout
    assert "Chase resumed" in shown.stdout


def test_a_person_away_and_back(closeout: Run) -> None:
    _world(closeout)
    away = closeout(
        "person",
        "away",
        "lee@northam.example",
        "--from",
        _day(0),
        "--to",
        _day(7),
        "--delegate",
        "mia@northam.example",
    )
    assert away.exit_code == 0, away.output
    assert "reminders go to mia@northam.example" in away.stdout
    back = closeout("person", "back", "lee@northam.example")
    assert back.exit_code == 0, back.output
    assert closeout("person", "back", "lee@northam.example").exit_code == 2


def test_reminder_settings_within_policy(closeout: Run) -> None:
    _world(closeout)
    weekly = closeout(
        "person",
        "reminders",
        "lee@northam.example",
        "--channels",
        "email",
        "--rhythm",
        "weekly",
        "--day",
        "wednesday",
    )
    assert weekly.exit_code == 0, weekly.output
    assert "weekly on Wednesday" in weekly.stdout
    closeout("authority", "policy", "Northam", "--set", "allow_weekly_rhythm=no")
    refused = closeout(
        "person", "reminders", "lee@northam.example", "--rhythm", "weekly", "--day", "mon"
    )
    assert refused.exit_code == 2
    assert "daily only" in refused.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (
                "area",
                "pause",
                "1",
                "--until",
                _day(-1),
                "--reason",
                "r",
                "--by",
                "lee@northam.example",
            ),
            "is in the past",
        ),
        (
            (
                "area",
                "pause",
                "1",
                "--until",
                _day(3),
                "--reason",
                " ",
                "--by",
                "lee@northam.example",
            ),
            "needs a reason",
        ),
        (
            (
                "area",
                "pause",
                "1",
                "--until",
                "soon",
                "--reason",
                "r",
                "--by",
                "lee@northam.example",
            ),
            "--until 'soon' is not a date",
        ),
        (("area", "resume", "1", "--by", "lee@northam.example"), "is not paused"),
        (
            ("person", "away", "lee@northam.example", "--from", _day(-2), "--to", _day(3)),
            "is in the past",
        ),
        (
            ("person", "away", "lee@northam.example", "--from", _day(5), "--to", _day(2)),
            "is before the first day away",
        ),
        (
            ("person", "away", "ghost@northam.example", "--from", _day(1), "--to", _day(2)),
            "no person has email 'ghost@northam.example'",
        ),
        (
            (
                "person",
                "away",
                "lee@northam.example",
                "--from",
                _day(1),
                "--to",
                _day(2),
                "--delegate",
                "lee@northam.example",
            ),
            "cannot act for themselves",
        ),
        (
            ("person", "reminders", "lee@northam.example", "--channels", "pigeon"),
            "channel 'pigeon' is not known",
        ),
        (
            ("person", "reminders", "lee@northam.example", "--channels", "teams"),
            "has no teams address",
        ),
        (
            ("person", "reminders", "lee@northam.example", "--rhythm", "weekly"),
            "a weekly rhythm needs a day",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    closeout: Run, args: tuple[str, ...], message: str
) -> None:
    _world(closeout)
    result = closeout(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
