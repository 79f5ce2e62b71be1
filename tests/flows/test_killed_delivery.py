"""A delivery killed part-way (a real process, SIGKILL, a real SMTP relay): once the lease ends
the next run sends the rest, and nobody gets a second message beyond those in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from domain.reminders.models import Reminder, ReminderState
from flows.daily_check import daily_check
from infra.db import make_engine, session_scope
from infra.migrate import upgrade
from infra.runtime import build_runtime
from tests.conftest import _truncate
from tests.flows.conftest import settings_for
from tests.flows.relay import Relay
from tests.flows.world import add_area, build_world

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)
PEOPLE, KILL_AFTER, CONCURRENCY = 40, 12, 2
ROOT = Path(__file__).resolve().parents[2]


class Killer:
    """Kills the delivering process when the relay has taken `after` messages."""

    def __init__(self, after: int) -> None:
        self.after, self.pid = after, 0

    def __call__(self, count: int) -> None:
        if self.pid and count == self.after:
            os.kill(self.pid, signal.SIGKILL)


def _relay_that_kills(killer: Killer) -> Relay:
    relay = Relay()
    original = relay.inbox.handle_DATA

    async def handle(server: Any, session: Any, envelope: Any) -> str:
        answer = await original(server, session, envelope)
        killer(len(relay.inbox.received))
        return answer

    relay.inbox.handle_DATA = handle  # type: ignore[method-assign]
    return relay


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None for a SQLite file under the test's var/; else the shared PostgreSQL, emptied."""
    if request.param == "sqlite":
        return None
    _truncate(request.getfixturevalue("postgres_engine"))
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_a_killed_delivery_sends_the_rest_once_and_repeats_only_what_was_in_flight(
    tmp_path: Path, database_url: str | None
) -> None:
    killer = Killer(KILL_AFTER)
    relay = _relay_that_kills(killer)
    relay.start()
    settings = settings_for(
        tmp_path / "var",
        email_url=relay.url,
        delivery_concurrency=CONCURRENCY,
        database_url=database_url,
    )
    if database_url is None:
        upgrade(settings.sqlalchemy_url)
    engine = make_engine(settings.sqlalchemy_url)
    with Session(engine, expire_on_commit=False) as session:
        world = build_world(session, leads=PEOPLE)
        for lead in world.leads:
            add_area(session, world, owner=lead, due=DAY - timedelta(days=3))
    env = {
        **os.environ,
        "CLOSEOUT_VAR_DIR": str(settings.var_dir),
        "CLOSEOUT_EMAIL_URL": relay.url,
        "CLOSEOUT_DELIVERY_CONCURRENCY": str(CONCURRENCY),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CLOSEOUT_DATABASE_URL", None)
    if database_url:
        env["CLOSEOUT_DATABASE_URL"] = database_url
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.flows.killed_run", DAY.isoformat()], env=env, cwd=ROOT
        )
        killer.pid = process.pid
        assert process.wait(timeout=120) == -signal.SIGKILL
        killed_at = len(relay.inbox.received)
        with session_scope(engine) as session:
            held = session.exec(select(Reminder).where(Reminder.state == ReminderState.PENDING))
            assert len(held.all()) >= PEOPLE - killed_at  # the rest are still owed
        # The next run, once the dead run's lease has ended.
        after_lease = build_runtime(
            settings.model_copy(update={"claim_lease_minutes": 0}), engine=engine
        )
        report = daily_check.fn(as_of=DAY, runtime=after_lease)
    finally:
        relay.stop()
        engine.dispose()

    received = Counter(mail.rcpt_tos for mail in relay.inbox.received)
    twice = [who for who, n in received.items() if n > 1]
    assert {who for (who,) in received} == {lead.email for lead in world.leads}
    assert max(received.values()) == 2 and len(twice) <= CONCURRENCY
    for who in twice:  # a repeat carries the first one's Message-ID, so a mailbox can drop it
        ids = {m.email["Message-ID"] for m in relay.inbox.received if m.rcpt_tos == who}
        assert len(ids) == 1
    assert report.undelivered == ()
    with session_scope(engine) as session:
        states = {r.state for r in session.exec(select(Reminder))}
    assert states == {ReminderState.SENT}
