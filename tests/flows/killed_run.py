"""A daily check's steps run in a process of its own, so a test can kill it mid-delivery.

`python -m tests.flows.killed_run YYYY-MM-DD` plans, claims and delivers as the daily check
does, with the settings of its environment (CLOSEOUT_*), and no Prefect server: the steps'
own functions are called directly.
"""

from __future__ import annotations

import sys
from datetime import date

from domain.reminders.planning import DAILY_REASONS
from domain.reminders.run_records import DAILY_CHECK
from flows.daily_check import deliver_digests, plan_reminders
from flows.ledger_tasks import claim
from flows.runs import runtime_from_settings, start


def main(day: str) -> None:
    runtime = runtime_from_settings()
    run = start(DAILY_CHECK, date.fromisoformat(day), runtime)
    plan = plan_reminders.fn(run, runtime)
    claim.fn(run, runtime, DAILY_REASONS, plan.active_authorities)
    deliver_digests.fn(run, runtime)


if __name__ == "__main__":
    main(sys.argv[1])
