"""Drill 1: kill -9 a worker (and the batch run it is delivering) part-way through the day.

Three workers run the day in three batches with a short lease. When a third of the expected
digests have arrived, the worker running a batch (not the parent run) is killed with its
flow run. Passes when every reminder is delivered once the lease has passed (by the parent,
which runs a dead batch itself after the lease, or by the next run) and no more people got a
second message than were in flight in the killed batch.

    .venv/bin/python drills/worker_killed.py [--short]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import short_asked, verdict, wait_for
from drills.phases import CONCURRENCY, SETTINGS, Phase, after_messages, broken_day
from drills.stack import Stack, stack

# The restart drills' settings, but a killed batch is not retried: the next run finishes the day.
KILLED_SETTINGS = {**SETTINGS, "delivery_retries": "0"}


def main(argv: list[str] | None = None) -> int:
    short = short_asked(argv)
    started = time.monotonic()
    areas = 5_000 if short else 50_000
    with stack(areas, workers=3, **KILLED_SETTINGS) as s:
        day = killed_day(s, after=areas // 50 // 3)  # about a third of the leads' digests
    figures = f"{areas} areas, 3 workers, a batch's worker killed: {day.words()}"
    return verdict(1, "worker killed mid-delivery", day.passed, figures, started)


def killed_day(s: Stack, after: int) -> Phase:
    """Run the day, kill a batch's worker once `after` messages have arrived, wait for the
    run, let the lease pass and run the day again."""
    return broken_day(s, after_messages(after), kill_a_batch, allowed_repeats=CONCURRENCY)


def kill_a_batch(s: Stack) -> bool:
    """Kill a worker running a batch, preferring one that is not also running the parent."""
    parents = set(s.running_pids("daily-check"))
    found: list[int] = []

    def batches_running() -> bool:
        found[:] = s.running_pids("daily-check-batch")
        return bool(found)

    wait_for(batches_running, 60)
    parent_workers = {s.worker_of(pid) for pid in parents}
    choice = [p for p in found if s.worker_of(p) not in parent_workers] or found
    return bool(choice) and s.kill_run_and_worker(choice[0])


if __name__ == "__main__":
    sys.exit(main())
