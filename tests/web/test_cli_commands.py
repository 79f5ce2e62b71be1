"""The web app's commands: passwords from stdin, tokens, inspector access, example logins."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from cli.context import open_session
from domain.accounts import services as accounts
from domain.accounts.credentials import InspectorAccess
from infra import clock
from tests.cli.conftest import Run, closeout  # noqa: F401  (the fixture)

LEAD = "priya.raman@eastmere.example"


def test_a_password_read_from_stdin_lets_the_person_sign_in(closeout: Run) -> None:  # noqa: F811
    closeout("example", "load")
    result = closeout("person", "set-password", LEAD, input="juniper lantern moss\n")
    assert result.exit_code == 0 and f"password set for {LEAD}" in result.output
    with open_session() as session:
        person = accounts.authenticate(
            session, email=LEAD, password="juniper lantern moss", now=clock.now()
        )
    assert person.email == LEAD


def test_a_weak_password_is_refused_in_one_line(closeout: Run) -> None:  # noqa: F811
    closeout("example", "load")
    result = closeout("person", "set-password", LEAD, input="short\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: a password of 5 characters is not accepted")


def test_a_token_is_printed_once_and_can_be_revoked(closeout: Run) -> None:  # noqa: F811
    closeout("example", "load")
    created = closeout("token", "create", LEAD, "--label", "reports")
    secret = created.stdout.splitlines()[0]
    assert re.fullmatch(r"co_api_[A-Za-z0-9_-]{43}", secret)
    listed = closeout("token", "list", LEAD, "--format", "json")
    assert secret not in listed.stdout and secret[:12] in listed.stdout
    assert closeout("token", "revoke", "1").exit_code == 0
    assert closeout("token", "list", LEAD, "--format", "json").stdout.strip() == "[]"
    missing = closeout("token", "revoke", "99")
    assert (missing.exit_code, missing.stderr.strip()) == (
        2,
        "error: token 99 is not recorded; list tokens with 'token list'",
    )


def test_a_calendar_token_is_printed_as_its_feed_address(closeout: Run) -> None:  # noqa: F811
    closeout("example", "load")
    created = closeout("token", "create", LEAD, "--purpose", "calendar")
    assert re.fullmatch(
        r"http://127\.0\.0\.1:8000/calendar/co_cal_[A-Za-z0-9_-]{43}\.ics",
        created.stdout.splitlines()[0],
    )


def test_an_inspector_is_granted_access_until_a_date(closeout: Run) -> None:  # noqa: F811
    closeout("example", "load")
    result = closeout(
        "inspector",
        "grant",
        "ruth.ellison@ofsted.example",
        "--authority",
        "Eastmere",
        "--until",
        "2099-01-01",
        "--from",
        "2098-06-01",
    )
    assert result.exit_code == 0, result.output
    refused = closeout(
        "inspector", "grant", LEAD, "--authority", "Eastmere", "--until", "2099-01-01"
    )
    assert refused.exit_code == 2 and "access windows are for inspectors only" in refused.stderr


def test_example_passwords_give_every_example_person_a_login_once(closeout: Run) -> None:  # noqa: F811
    closeout("example", "load")
    first = closeout("example", "passwords")
    assert first.exit_code == 0
    assert "with password 'eastmere example'" in first.stdout
    assert LEAD in first.stdout and "ruth.ellison@ofsted.example" in first.stdout
    second = closeout("example", "passwords")
    assert second.stdout.strip() == "every person already has a password; none changed"
    with open_session() as session:
        grants = session.exec(select(InspectorAccess)).all()
        assert len(grants) == 1
        accounts.authenticate(session, email=LEAD, password="eastmere example", now=clock.now())


def test_web_demo_loads_the_example_gives_logins_and_serves(
    closeout: Run,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    served: dict[str, object] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.update(options, app=app))
    monkeypatch.setattr("web.assets.ensure_built", lambda: None)
    result = closeout("web", "--demo", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert f"  {LEAD:40} lead" in result.stdout
    assert "Closeout web app on http://127.0.0.1:8123/" in result.stdout
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    with open_session() as session:
        accounts.authenticate(session, email=LEAD, password="eastmere example", now=clock.now())


def test_the_command_line_sets_a_policy_with_the_same_checks_as_the_page(
    closeout: Run,  # noqa: F811
) -> None:
    closeout("example", "load")
    changed = closeout("authority", "policy", "1", "--set", "due_soon_days=3,12")
    assert changed.exit_code == 0
    assert "due_soon_days = (12, 3)" in changed.stdout
    refused = closeout("authority", "policy", "1", "--set", "remind_on_non_working_days=maybe")
    assert (refused.exit_code, refused.stderr.strip()) == (
        2,
        "error: policy setting 'remind_on_non_working_days' must be yes or no, not 'maybe'",
    )
    shown = closeout("authority", "policy", "1")
    assert "due_soon_days = (12, 3)" in shown.stdout
    assert "remind_on_non_working_days = False" in shown.stdout
