"""Drill 6: the whole day at a million areas, on one worker and then split across three.

Plans, delivers every digest to the SMTP receiver and settles, timed from the trigger to the
parent run's end: once with one worker running the day as one batch, once with three workers
running it as three batches. On a machine of two cores three workers share the same two
cores, so the split can only gain where one run waits (on the relay, on PostgreSQL).

    .venv/bin/python drills/scale_out.py [--short]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import outcome, short_asked, verdict
from drills.phases import fresh_day
from drills.stack import DAY, Stack, stack

CONCURRENCY = 8


def timed_day(s: Stack, workers: int) -> tuple[float, str, str]:
    """Seconds from trigger to end with `workers` workers and as many batches."""
    fresh_day(s)
    s.stop_workers()
    s.settings["CLOSEOUT_DAILY_CHECK_BATCHES"] = str(workers)
    s.start_workers(workers)
    begun = time.monotonic()
    state = s.wait(s.trigger(DAY), timeout=3 * 3600)
    took = time.monotonic() - begun
    seen = outcome(s.app_url, s.relay)
    return took, state, seen.figures() if seen.settled else f"NOT SETTLED: {seen.figures()}"


def main(argv: list[str] | None = None) -> int:
    areas = 20_000 if short_asked(argv) else 1_000_000
    started = time.monotonic()
    with stack(areas, workers=0, delivery_concurrency=str(CONCURRENCY)) as s:
        one, one_state, one_seen = timed_day(s, 1)
        three, three_state, three_seen = timed_day(s, 3)
    passed = one_state == three_state == "COMPLETED" and "NOT" not in one_seen + three_seen
    figures = (
        f"{areas} areas; 1 worker: {one:.0f} s ({one_seen}); "
        f"3 workers in 3 batches: {three:.0f} s ({three_seen}); ratio {one / three:.2f}"
    )
    return verdict(6, "three workers against one", passed, figures, started)


if __name__ == "__main__":
    sys.exit(main())
