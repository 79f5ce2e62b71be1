"""Shared fixtures: a database session on SQLite and on a real PostgreSQL 15 cluster.

Under pytest-xdist the workers of a run share one cluster, each in a database of its own
(`tests.parallel` says how). `tests.tiers` marks every test unit, integration or e2e.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from infra.db import make_engine
from tests import pg

pytest_plugins = ["tests.tiers", "tests.parallel"]

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and not config.option.collectonly:  # not a worker
        config.pluginmanager.register(EveryCollectedTestRuns(), "closeout-every-test-runs")


class EveryCollectedTestRuns:
    """A run passes only when some test passed and every collected test was run.

    No test passing (none collected, all deselected or all skipped) exits 5, as pytest does
    when it collects nothing; a collected test that never started (a scheduler losing it)
    exits 1.
    """

    def __init__(self) -> None:
        self.started = self.passed = 0
        self.problem = ""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.started += report.when == "setup"
        self.passed += report.when == "call" and report.passed

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus != pytest.ExitCode.OK:
            return
        if not self.passed:
            self.problem = "no test ran, and a run that tests nothing does not pass"
            session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED
        elif self.started < session.testscollected:
            missing = session.testscollected - self.started
            self.problem = f"{missing} of {session.testscollected} collected tests never ran"
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.problem:
            terminalreporter.write_line(self.problem, red=True, bold=True)


@pytest.fixture(scope="session")
def postgres_url(run_dir: Path) -> str:
    """A database of this process's own on a throwaway cluster shared by the run's workers;
    in CI a missing server fails instead of skipping."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if url := os.environ.get("CLOSEOUT_TEST_POSTGRES_URL"):
        return pg.fresh_database(url, f"closeout_{worker}") if worker else url
    reason = pg.missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    server = pg.shared_cluster(run_dir)
    return pg.fresh_database(server, f"closeout_{worker or 'main'}")


@pytest.fixture(scope="session")
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty schema on each backend in turn."""
    if request.param == "sqlite":
        sqlite = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        SQLModel.metadata.create_all(sqlite)
        yield sqlite
        sqlite.dispose()
    else:
        shared: Engine = request.getfixturevalue("postgres_engine")
        _truncate(shared)
        yield shared


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as db:
        yield db
