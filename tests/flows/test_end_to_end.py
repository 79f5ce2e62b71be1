"""A lead's month, end to end through `closeout check` and a real SMTP relay on loopback.

Priya leads two overdue areas and one due soon. She gets one digest; a second run the same
day sends nothing; with the relay down a week later the command fails and nothing is lost;
once it is back the week's reminder goes out once; and after a month with no update her
manager hears of it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cli.errors import EXIT_DELIVERY_FAILED
from tests.cli.conftest import Run
from tests.flows.conftest import use_cli_settings
from tests.flows.example_world import PRIYA, SAM
from tests.flows.relay import Relay

pytestmark = pytest.mark.usefixtures("prefect_harness")

D = date(2026, 6, 1)  # a Monday with no bank holiday for weeks either side


def test_a_lead_is_chased_once_a_week_and_her_manager_hears_after_a_month(
    closeout: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay = Relay()
    relay.start()
    try:
        use_cli_settings(monkeypatch, email_url=relay.url, delivery_retry_delay_seconds="0")
        assert closeout("example", "load", "--as-of", D.isoformat()).exit_code == 0

        first = closeout("check", "--as-of", D.isoformat())
        assert first.exit_code == 0, first.output
        [digest] = relay.inbox.received
        assert digest.rcpt_tos == (PRIYA,)
        assert digest.subject == "Closeout: 2 overdue, 1 due soon — 3 development areas need you"

        assert closeout("check", "--as-of", D.isoformat()).exit_code == 0
        assert len(relay.inbox.received) == 1

        relay.stop()
        week_later = (D + timedelta(days=7)).isoformat()
        down = closeout("check", "--as-of", week_later)
        assert down.exit_code == EXIT_DELIVERY_FAILED
        assert "3 not delivered (0 out of attempts, 3 to retry next run)" in down.output
        pending = closeout("reminders", "list", "--state", "pending", "--format", "json")
        assert pending.stdout.count('"state": "pending"') == 3

        relay.start()
        back = closeout("check", "--as-of", (D + timedelta(days=8)).isoformat())
        assert back.exit_code == 0, back.output
        [_, weekly] = relay.inbox.to(PRIYA)
        assert weekly.subject == "Closeout: 3 overdue — 3 development areas need you"
        assert closeout("check", "--as-of", (D + timedelta(days=8)).isoformat()).exit_code == 0
        assert len(relay.inbox.received) == 2

        month_later = closeout("check", "--as-of", (D + timedelta(days=30)).isoformat())
        assert month_later.exit_code == 0, month_later.output
        [escalation] = relay.inbox.to(SAM)
        assert escalation.subject.startswith("Closeout escalation: 3 escalated")
        assert "Priya Raman" in escalation.email.get_body(("plain",)).get_content()
    finally:
        relay.stop()
