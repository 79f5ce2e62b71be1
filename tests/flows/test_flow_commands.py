"""The commands around the flows: check offline, the outbox, and the ledger's history."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update
from sqlmodel import col

from cli.context import open_session
from cli.errors import EXIT_BAD_INPUT, EXIT_DELIVERY_FAILED
from domain.accounts.models import Authority
from tests.cli.conftest import Run, as_json
from tests.flows.example_world import PRIYA

pytestmark = pytest.mark.usefixtures("prefect_harness")

D = "2026-06-01"


def test_with_no_channel_the_check_leaves_its_digest_in_the_outbox(closeout: Run) -> None:
    closeout("example", "load", "--as-of", D)

    checked = closeout("check", "--as-of", D)

    assert checked.exit_code == 0, checked.output
    assert "3 reminders newly owed, 0 cancelled, 3 delivered in 1 message" in checked.output
    [entry] = as_json(closeout("outbox", "list", "--format", "json"))
    assert entry["to"] == f"Priya Raman <{PRIYA}>"
    shown = closeout("outbox", "show", entry["id"])
    assert shown.exit_code == 0
    assert "Subject: Closeout: 2 overdue, 1 due soon — 3 development areas need you" in shown.output
    assert "Update it: http://127.0.0.1:8000/areas/1" in shown.output


def test_showing_a_message_the_outbox_does_not_hold_is_refused(closeout: Run) -> None:
    shown = closeout("outbox", "show", "no-such-id")
    assert shown.exit_code == EXIT_BAD_INPUT
    assert "has no message 'no-such-id'" in shown.stderr


def test_the_ledger_lists_when_an_area_s_lead_was_chased(closeout: Run) -> None:
    closeout("example", "load", "--as-of", D)
    for day in (D, "2026-06-08", "2026-06-15"):
        assert closeout("check", "--as-of", day).exit_code == 0

    rows = json.loads(closeout("reminders", "list", "--area", "1", "--format", "json").stdout)

    chased = [(r["reason"], r["window_opened"], r["recipient"], r["state"]) for r in rows]
    # Due on Saturday 2 May, so chased in weeks of five working days from Friday 1 May, the
    # bank holidays of 4 and 25 May not counting: each run falls in the next week.
    assert chased[:3] == [
        ("overdue", "2026-05-26", PRIYA, "sent"),
        ("overdue", "2026-06-02", PRIYA, "sent"),
        ("overdue", "2026-06-09", PRIYA, "sent"),
    ]
    assert {r["area_id"] for r in rows} == {1}


def test_an_authority_whose_stored_policy_cannot_be_read_is_left_out_and_the_rest_go_on(
    closeout: Run,
) -> None:
    closeout("example", "load", "--as-of", D)
    assert closeout("authority", "add", "Westmarsh").exit_code == 0
    with open_session() as session:  # as an older version, or a hand edit, could leave it
        session.execute(
            update(Authority)
            .where(col(Authority.name) == "Westmarsh")
            .values(policy={"chase_every_days": 999})
        )
        session.commit()

    checked = closeout("check", "--as-of", D)

    assert checked.exit_code == EXIT_DELIVERY_FAILED
    assert "3 delivered in 1 message, 1 authority left out" in checked.output
    assert "left out: Westmarsh: policy setting 'chase_every_days' must be" in checked.output
    [entry] = as_json(closeout("outbox", "list", "--format", "json"))
    assert entry["to"] == f"Priya Raman <{PRIYA}>"
    assert closeout("area", "list", "--as-of", D).exit_code == 0  # areas still shown


def test_status_says_when_the_daily_check_last_ran_and_warns_when_runs_stop(
    closeout: Run,
) -> None:
    closeout("example", "load", "--as-of", D)
    assert (
        "warning: the daily check has never finished a run"
        in closeout("status", "--as-of", D).output
    )
    assert closeout("check", "--as-of", D).exit_code == 0

    same_day = closeout("status", "--as-of", D).output
    assert "the daily check last finished for 1 June 2026: succeeded" in same_day
    assert "warning" not in same_day
    # Monday's run, then none on Tuesday or Wednesday: Thursday's status says so.
    late = closeout("status", "--as-of", "2026-06-04").output
    assert "warning: the daily check last finished for 1 June 2026: succeeded (" in late
    assert "delivered in" in late and "; 2 working days since with no run finished" in late
