"""Delivery through real servers on loopback: SMTP, a webhook, tagged targets, and outages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from domain.reminders.models import Reminder, ReminderState
from flows.daily_check import daily_check
from flows.report import DeliveriesFailed
from infra.db import session_scope
from infra.runtime import Runtime
from notifications import list_outbox
from tests.flows.conftest import changed
from tests.flows.example_world import PRIYA, load_example_as_of, person_by_email
from tests.flows.relay import Relay
from tests.notifications.http_receiver import HTTPReceiver
from tests.notifications.smtp_server import SMTPServer, closed_port

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)
SUBJECT = "Closeout: 2 overdue, 1 due soon — 3 development areas need you"


@pytest.fixture
def relay() -> Iterator[Relay]:
    running = Relay()
    running.start()
    yield running
    running.stop()


def give_priya(runtime: Runtime, *addresses: str) -> None:
    with session_scope(runtime.engine) as session:
        priya = person_by_email(session, PRIYA)
        priya.extra_addresses = list(addresses)
        session.add(priya)
        session.commit()


def ledger(runtime: Runtime) -> list[tuple[str, ReminderState, int]]:
    with session_scope(runtime.engine) as session:
        rows = session.exec(select(Reminder).order_by(Reminder.id)).all()  # type: ignore[arg-type]
        return [(r.reason.value, r.state, r.attempts) for r in rows]


def test_the_digest_arrives_by_email_as_html_with_a_plain_text_part(
    runtime: Runtime, smtp_server: SMTPServer
) -> None:
    runtime = changed(runtime, email_url=smtp_server.relay_url())
    load_example_as_of(runtime, DAY)

    daily_check.fn(as_of=DAY, runtime=runtime)

    [mail] = smtp_server.received
    assert mail.rcpt_tos == (PRIYA,)
    assert mail.email["Subject"] == SUBJECT
    assert 'href="http://127.0.0.1:8000/areas/1#record-progress"' in mail.body("html")
    assert "http://127.0.0.1:8000/areas/1" in mail.body("plain")
    assert list_outbox(runtime.settings.outbox_dir) == []


def test_a_person_s_own_webhook_gets_the_digest_as_well(
    runtime: Runtime, smtp_server: SMTPServer, http_receiver: HTTPReceiver
) -> None:
    runtime = changed(runtime, email_url=smtp_server.relay_url())
    load_example_as_of(runtime, DAY)
    give_priya(runtime, f"json://127.0.0.1:{http_receiver.port}/hooks/priya")

    daily_check.fn(as_of=DAY, runtime=runtime)

    [request] = http_receiver.received
    assert request.path == "/hooks/priya"
    assert request.json()["title"] == SUBJECT
    assert len(smtp_server.received) == 1


def test_targets_tagged_with_a_person_s_email_in_the_apprise_config_are_notified(
    runtime: Runtime, tmp_path: Path, smtp_server: SMTPServer, http_receiver: HTTPReceiver
) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text(f"urls:\n  - json://127.0.0.1:{http_receiver.port}/team:\n    tag: {PRIYA}\n")
    runtime = changed(runtime, email_url=smtp_server.relay_url(), apprise_config=config)
    load_example_as_of(runtime, DAY)

    report = daily_check.fn(as_of=DAY, runtime=runtime)

    assert [r.path for r in http_receiver.received] == ["/team"]
    assert report.undelivered == ()


def test_with_the_relay_down_for_a_run_every_reminder_is_delivered_once_when_it_is_back(
    runtime: Runtime, relay: Relay
) -> None:
    runtime = changed(runtime, email_url=relay.url)
    load_example_as_of(runtime, DAY)
    relay.stop()

    with pytest.raises(DeliveriesFailed) as failed:
        daily_check.fn(as_of=DAY, runtime=runtime)

    assert [u.state for u in failed.value.report.undelivered] == ["pending"] * 3
    assert ledger(runtime) == [
        (reason, ReminderState.PENDING, 1) for reason in ("overdue",) * 2 + ("due_soon",)
    ]
    relay.start()
    retried = daily_check.fn(as_of=DAY, runtime=runtime)
    again = daily_check.fn(as_of=DAY, runtime=runtime)

    [mail] = relay.inbox.to(PRIYA)
    assert mail.subject == SUBJECT
    assert (retried.sent, again.sent) == (3, 0)
    assert ledger(runtime) == [
        (reason, ReminderState.SENT, 2) for reason in ("overdue",) * 2 + ("due_soon",)
    ]


def test_after_the_last_attempt_the_run_reports_the_reminders_as_failed(
    runtime: Runtime,
) -> None:
    runtime = changed(
        runtime,
        email_url=f"mailto://127.0.0.1:{closed_port()}?from=closeout@example.org&mode=insecure",
        delivery_attempts=2,
    )
    load_example_as_of(runtime, DAY)
    with pytest.raises(DeliveriesFailed):
        daily_check.fn(as_of=DAY, runtime=runtime)

    with pytest.raises(DeliveriesFailed) as failed:
        daily_check.fn(as_of=DAY, runtime=runtime)

    assert [u.state for u in failed.value.report.undelivered] == ["failed"] * 3
    assert "failed" in failed.value.report.markdown()
    assert {state for _, state, _ in ledger(runtime)} == {ReminderState.FAILED}


def test_a_secret_in_a_person_s_target_never_reaches_the_ledger_the_report_or_the_logs(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Sup3rSecretPassw0rd"
    load_example_as_of(runtime, DAY)
    give_priya(runtime, f"json://hook:{secret}@127.0.0.1:{closed_port()}/hooks/{secret}")
    caplog.set_level(logging.INFO)

    with pytest.raises(DeliveriesFailed) as failed:
        daily_check.fn(as_of=DAY, runtime=runtime)

    with session_scope(runtime.engine) as session:
        errors = session.exec(select(Reminder.last_error)).all()
    assert len(errors) == 3
    assert all(
        error and "json://hook:****@127.0.0.1:" in error and "/hooks/**** did not accept" in error
        for error in errors
    )
    assert secret not in " ".join(e or "" for e in errors)
    assert secret not in failed.value.report.markdown()
    assert "not delivered" in caplog.text
    assert secret not in caplog.text
