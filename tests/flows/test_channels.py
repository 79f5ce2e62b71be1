"""One delivery per channel: a failing channel is retried alone and never re-sends one that
succeeded; each message carries a Message-ID made from its ledger rows. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from domain.reminders.ledger import channels_of
from domain.reminders.models import Reminder, ReminderState
from flows.daily_check import daily_check
from flows.report import DeliveriesFailed
from infra.db import make_engine, session_scope
from infra.migrate import upgrade
from infra.runtime import Runtime, build_runtime
from notifications.channels import message_id_for
from tests.conftest import _truncate
from tests.flows.conftest import changed, settings_for
from tests.flows.example_world import PRIYA, load_example_as_of, person_by_email
from tests.flows.relay import Relay
from tests.notifications.http_receiver import HTTPReceiver
from tests.notifications.smtp_server import SMTPServer

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_runtime(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Runtime]:
    """A runtime with no channel yet, on a fresh SQLite file or the shared PostgreSQL."""
    settings = settings_for(tmp_path / "var", delivery_retries=1)
    if request.param == "sqlite":
        upgrade(settings.sqlalchemy_url)
        engine = make_engine(settings.sqlalchemy_url)
        yield build_runtime(settings, engine=engine)
        engine.dispose()
        return
    shared: Engine = request.getfixturevalue("postgres_engine")
    _truncate(shared)
    yield build_runtime(settings, engine=shared)


def _give_priya(runtime: Runtime, url: str) -> None:
    with session_scope(runtime.engine) as session:
        priya = person_by_email(session, PRIYA)
        priya.extra_addresses = [url]
        session.add(priya)
        session.commit()


def _ledger(runtime: Runtime) -> list[Reminder]:
    with session_scope(runtime.engine) as session:
        rows = list(session.exec(select(Reminder).order_by(Reminder.id)))  # type: ignore[arg-type]
        session.expunge_all()  # read as they are now, after the session ends
        return rows


def test_a_failing_webhook_never_sends_the_email_again(
    any_runtime: Runtime, smtp_server: SMTPServer, http_receiver: HTTPReceiver
) -> None:
    runtime = changed(any_runtime, email_url=smtp_server.relay_url())
    load_example_as_of(runtime, DAY)
    _give_priya(runtime, f"json://127.0.0.1:{http_receiver.port}/hooks/priya")
    http_receiver.status = 500

    with pytest.raises(DeliveriesFailed) as first:
        daily_check.fn(as_of=DAY, runtime=runtime)
    daily_check.fn(as_of=DAY, runtime=runtime)

    assert [m.rcpt_tos for m in smtp_server.received] == [(PRIYA,)]
    # The webhook was tried, and tried again alone within the run, never with the email.
    assert [r.path for r in http_receiver.received] == ["/hooks/priya"] * 2
    rows = _ledger(runtime)
    assert {r.state for r in rows} == {ReminderState.SENT}
    assert all("email" in channels_of(r.delivered_on) and r.last_error for r in rows)
    assert {u.state for u in first.value.report.undelivered} == {"sent"}
    assert "3 delivered on their first channel only" in first.value.report.counts()


def test_a_failing_email_is_retried_without_sending_the_webhook_again(
    any_runtime: Runtime, http_receiver: HTTPReceiver
) -> None:
    relay = Relay()
    runtime = changed(any_runtime, email_url=relay.url)
    load_example_as_of(runtime, DAY)
    _give_priya(runtime, f"json://127.0.0.1:{http_receiver.port}/hooks/priya")

    with pytest.raises(DeliveriesFailed):
        daily_check.fn(as_of=DAY, runtime=runtime)  # the relay is not running
    assert {r.state for r in _ledger(runtime)} == {ReminderState.PENDING}
    relay.start()
    try:
        retried = daily_check.fn(as_of=DAY, runtime=runtime)
    finally:
        relay.stop()

    assert len(http_receiver.received) == 1 and len(relay.inbox.to(PRIYA)) == 1
    assert (retried.sent, retried.undelivered) == (3, ())
    assert {r.state for r in _ledger(runtime)} == {ReminderState.SENT}


def test_each_email_carries_a_message_id_made_from_its_ledger_rows(
    any_runtime: Runtime, smtp_server: SMTPServer
) -> None:
    runtime = changed(any_runtime, email_url=smtp_server.relay_url())
    load_example_as_of(runtime, DAY)

    daily_check.fn(as_of=DAY, runtime=runtime)

    priya = tuple(r.id or 0 for r in _ledger(runtime) if r.recipient_id == _priya_id(runtime))
    [mail] = [m for m in smtp_server.received if m.rcpt_tos == (PRIYA,)]
    assert mail.email["Message-ID"] == message_id_for("email", priya, "127.0.0.1")
    assert len(mail.email.get_all("Message-ID") or []) == 1


def _priya_id(runtime: Runtime) -> int:
    with session_scope(runtime.engine) as session:
        return person_by_email(session, PRIYA).id or 0
