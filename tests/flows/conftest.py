"""Fixtures for the flow tests: one Prefect test server for the session, and a fresh runtime."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Offline, quiet Prefect for every flow test; set before Prefect is first imported.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")

from infra.db import make_engine
from infra.migrate import upgrade
from infra.runtime import Runtime, build_runtime
from infra.settings import Settings, get_settings
from tests.cli.conftest import closeout  # noqa: F401
from tests.notifications.http_receiver import http_receiver  # noqa: F401
from tests.notifications.smtp_server import smtp_server  # noqa: F401


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server and database for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


def settings_for(var: Path, **values: Any) -> Settings:
    """Settings on a var/ of the test's own (SQLite database, outbox, reports), with no
    delivery channel unless `values` names one, and no waiting between delivery retries."""
    chosen: dict[str, Any] = {
        "database_url": None,
        "email_url": None,
        "apprise_config": None,
        "delivery_retry_delay_seconds": 0,
        **values,
    }
    return Settings(var_dir=var, **chosen)


@pytest.fixture
def var_dir(tmp_path: Path) -> Path:
    """A fresh var/ for the SQLite database, the outbox and the reports."""
    return tmp_path / "var"


@pytest.fixture
def runtime(var_dir: Path) -> Iterator[Runtime]:
    """A runtime on a fresh, migrated var/ with no delivery channel configured."""
    settings = settings_for(var_dir)
    upgrade(settings.sqlalchemy_url)
    engine = make_engine(settings.sqlalchemy_url)
    yield build_runtime(settings, engine=engine)
    engine.dispose()


def changed(runtime: Runtime, **values: Any) -> Runtime:
    """The runtime on the same database, with some settings changed."""
    settings = Settings(**{**runtime.settings.model_dump(), **values})
    return build_runtime(settings, engine=runtime.engine, clock=runtime.clock)


def use_cli_settings(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    """Set CLOSEOUT_<NAME> variables for the `closeout` command a test runs, as a shell would."""
    for name, value in values.items():
        monkeypatch.setenv(f"CLOSEOUT_{name.upper()}", value)
    get_settings.cache_clear()  # the command reads its settings once per process
