"""Test tiers: each test is marked unit, integration or e2e by what it needs in order to run.

- e2e: headless Chromium, or flows run on a Prefect test server;
- integration: a database (SQLite or PostgreSQL), or an SMTP or HTTP receiver on loopback;
- unit: none of these; while a unit test runs, connecting or binding a socket and opening a
  SQLite or PostgreSQL connection fail the test, so a test in too low a tier is caught.

The tier follows from the fixtures a test asks for (with everything they ask for in turn) and
from its need markers (`browser`, `postgres`). A test that builds its parts itself says so with
an explicit `integration` or `e2e` marker; a marker lower than its fixtures need is an error.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

TIERS = ("unit", "integration", "e2e")

# Each fixture that puts a test in a tier above unit, with what it brings.
E2E_FIXTURES = {
    "prefect_harness": "flows on a Prefect test server",
    "live_app": "the web app served on a loopback port",
    "page": "headless Chromium",
}
INTEGRATION_FIXTURES = {
    "engine": "a SQLite or PostgreSQL database",
    "session": "a SQLite or PostgreSQL database",
    "postgres_url": "a PostgreSQL cluster",
    "postgres_engine": "a PostgreSQL cluster",
    "world_template": "the web world in a SQLite database",
    "closeout": "the command against a SQLite database",
    "runtime": "a migrated SQLite database under a var/ of its own",
    "smtp_server": "an SMTP receiver on loopback",
    "http_receiver": "an HTTP receiver on loopback",
    "imap_server": "a Dovecot IMAP server on loopback",
}
# Markers that already say what a test needs, with the tier each need calls for.
NEED_MARKERS = {"browser": "e2e", "postgres": "integration"}

# The tests on the Prefect test server share an xdist group: tests/parallel.py sends a group
# whole to one worker, so only that worker starts the server.
PREFECT_GROUP = "prefect"


def needs_of(item: pytest.Item) -> dict[str, str]:
    """What `item` needs beyond plain Python, each with the tier it calls for."""
    fixtures = set(getattr(item, "fixturenames", ()))
    needs = {
        f"{name} ({what})": tier
        for tier, table in (("integration", INTEGRATION_FIXTURES), ("e2e", E2E_FIXTURES))
        for name, what in table.items()
        if name in fixtures
    }
    for name, tier in NEED_MARKERS.items():
        if item.get_closest_marker(name):
            needs[f"the {name} marker"] = tier
    return needs


def tier_of(item: pytest.Item) -> str:
    """The tier `item` needs, or its explicit tier marker when that is at least as high."""
    needs = needs_of(item)
    needed = max(["unit", *needs.values()], key=TIERS.index)
    explicit = [name for name in TIERS if item.get_closest_marker(name)]
    if len(explicit) > 1:
        raise pytest.UsageError(f"{item.nodeid} is marked {' and '.join(explicit)}; choose one")
    if not explicit:
        return needed
    if TIERS.index(explicit[0]) < TIERS.index(needed):
        why = "; ".join(sorted(need for need, tier in needs.items() if tier == needed))
        raise pytest.UsageError(f"{item.nodeid} is marked {explicit[0]} but needs {needed}: {why}")
    return explicit[0]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by the markers added here
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = tier_of(item)
        if not item.get_closest_marker(tier):
            item.add_marker(tier)
        if "prefect_harness" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(PREFECT_GROUP))


class OutsideWorld(Exception):
    """A unit test reached for a socket or a database."""


@contextmanager
def outside_world_refused(nodeid: str) -> Iterator[list[str]]:
    """Within the block, sockets and database connections raise; the attempts are listed too,
    so that one swallowed by the code under test still fails the test."""
    attempts: list[str] = []

    def refuse(what: str) -> Callable[..., Any]:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(what)
            raise OutsideWorld(
                f"{nodeid} is a unit test but tried to {what}; "
                "mark it integration or e2e, or give it a fake"
            )

        return refused

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse("connect a socket"))
        patch.setattr(socket.socket, "connect_ex", refuse("connect a socket"))
        patch.setattr(socket.socket, "bind", refuse("bind a socket"))
        patch.setattr(sqlite3, "connect", refuse("open a SQLite database"))
        patch.setattr(sqlite3.dbapi2, "connect", refuse("open a SQLite database"))
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            pass
        else:
            patch.setattr(psycopg, "connect", refuse("connect to PostgreSQL"))
            patch.setattr(psycopg.Connection, "connect", refuse("connect to PostgreSQL"))
        yield attempts


@contextmanager
def _guard(item: pytest.Item) -> Iterator[None]:
    if not item.get_closest_marker("unit"):
        yield
        return
    with outside_world_refused(item.nodeid) as attempts:
        yield
    if attempts:
        raise OutsideWorld(f"{item.nodeid} is a unit test but tried to {attempts[0]}")


# Setup, call and teardown each run under the guard: a unit test's fixtures are unit too.
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _guard(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _guard(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    with _guard(item):
        return (yield)
