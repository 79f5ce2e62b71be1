"""One smoke test of each flow, called as a function under the session's Prefect test server."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from prefect import get_client
from sqlmodel import select

from domain.inspections.models import Inspection
from domain.reminders.models import Reminder, ReminderState
from domain.reminders.report_store import KeptReport
from flows.daily_check import daily_check
from flows.readiness import readiness_report
from infra.db import session_scope
from infra.runtime import Runtime
from notifications import list_outbox, read_outbox_message
from tests.flows.example_world import DANA, PRIYA, load_example_as_of

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)


def test_the_daily_check_puts_one_digest_per_lead_in_the_outbox(runtime: Runtime) -> None:
    load_example_as_of(runtime, DAY)

    report = daily_check.fn(as_of=DAY, runtime=runtime)

    [entry] = list_outbox(runtime.settings.outbox_dir)
    assert entry.to == f"Priya Raman <{PRIYA}>"
    assert entry.subject == "Closeout: 2 overdue, 1 due soon — 3 development areas need you"
    text = read_outbox_message(runtime.settings.outbox_dir, entry.message_id).text
    assert "http://127.0.0.1:8000/areas/1" in text
    assert (report.planned, report.sent, report.messages, report.undelivered) == (3, 3, 1, ())


def test_a_second_daily_check_on_the_same_day_sends_nothing(runtime: Runtime) -> None:
    load_example_as_of(runtime, DAY)
    daily_check.fn(as_of=DAY, runtime=runtime)

    again = daily_check.fn(as_of=DAY, runtime=runtime)

    assert (again.planned, again.claimed, again.sent) == (0, 0, 0)
    assert len(list_outbox(runtime.settings.outbox_dir)) == 1


def test_the_readiness_report_is_kept_in_the_database_and_sent_to_the_director(
    runtime: Runtime,
) -> None:
    load_example_as_of(runtime, DAY)
    with session_scope(runtime.engine) as session:
        window = session.exec(select(Inspection.next_window_start)).one()
    assert window is not None
    day = window - timedelta(days=30)

    report = readiness_report.fn(as_of=day, runtime=runtime)

    with session_scope(runtime.engine) as session:
        [kept] = session.exec(select(KeptReport)).all()
        assert (kept.run_date, kept.window_opens) == (day, window)
        assert kept.text.startswith("# Readiness for inspection: Eastmere Borough Council")
        text = kept.text
    with get_client(sync_client=True) as client:  # and the same report as a Prefect artifact
        published = [a.data for a in client.read_artifacts() if a.key == "readiness-eastmere"]
    assert text in published
    assert not (runtime.settings.var_dir / "reports").exists()  # nothing on this machine's disk
    [entry] = list_outbox(runtime.settings.outbox_dir)
    assert entry.to == f"Dana Okafor <{DANA}>"
    assert (report.planned, report.sent) == (1, 1)
    assert readiness_report.fn(as_of=day + timedelta(days=1), runtime=runtime).sent == 0
    with session_scope(runtime.engine) as session:
        states = session.exec(select(Reminder.state)).all()
    assert states == [ReminderState.SENT]
