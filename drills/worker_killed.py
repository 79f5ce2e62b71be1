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
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import outcome, short_asked, verdict, wait_for
from drills.stack import DAY, Stack, stack

CONCURRENCY = 4  # messages in flight per delivering run
LEASE_MINUTES = 0.5


def main(argv: list[str] | None = None) -> int:
    short = short_asked(argv)
    started = time.monotonic()
    areas = 5_000 if short else 50_000
    with stack(
        areas,
        workers=3,
        daily_check_batches="3",
        claim_lease_minutes=str(LEASE_MINUTES),
        delivery_concurrency=str(CONCURRENCY),
        delivery_retries="0",
    ) as s:
        third = threading.Event()
        expected = areas // 50 // 3  # about a third of the leads' digests
        s.relay.on_message = lambda count: third.set() if count >= expected else None
        run_id = s.trigger(DAY)
        killed = third.wait(timeout=900) and kill_a_batch(s)
        first = s.wait(run_id, timeout=1200)
        time.sleep(LEASE_MINUTES * 60)  # anything still held is free for the next run
        second = s.wait(s.trigger(DAY), timeout=1200)
        seen = outcome(s.app_url, s.relay)
    passed = killed and seen.settled and seen.repeats <= CONCURRENCY and second == "COMPLETED"
    figures = (
        f"{areas} areas, 3 workers, a batch's worker killed after "
        f"{expected} messages; first run {first.lower()}, next run {second.lower()}; "
        f"{seen.figures()} (at most {CONCURRENCY} in flight)"
    )
    return verdict(1, "worker killed mid-delivery", passed, figures, started)


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
