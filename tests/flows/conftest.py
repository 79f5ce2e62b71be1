"""Fixtures for the flow tests: one Prefect test server for the session, and a fresh var/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offline, quiet Prefect for every flow test; set before Prefect is first imported.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")

from infra.settings import get_settings
from tests.cli.conftest import closeout  # noqa: F401
from tests.notifications.http_receiver import http_receiver  # noqa: F401
from tests.notifications.smtp_server import smtp_server  # noqa: F401


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server and database for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


@pytest.fixture
def var_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh var/ (SQLite database, outbox, reports) with no delivery channel configured."""
    var = tmp_path / "var"
    monkeypatch.setenv("CLOSEOUT_VAR_DIR", str(var))
    monkeypatch.setenv("CLOSEOUT_DELIVERY_RETRY_DELAY_SECONDS", "0")
    for name in ("CLOSEOUT_DATABASE_URL", "CLOSEOUT_EMAIL_URL", "CLOSEOUT_APPRISE_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield var
    get_settings.cache_clear()


def use_settings(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    """Set CLOSEOUT_<NAME> variables for the rest of the test and re-read the settings."""
    for name, value in values.items():
        monkeypatch.setenv(f"CLOSEOUT_{name.upper()}", value)
    get_settings.cache_clear()
