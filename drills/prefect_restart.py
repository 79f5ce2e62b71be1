"""Drill 3: restart the Prefect server (its API and its database connections) during a run.

The broken run fails cleanly or carries on, the next run completes the day, and no reminder
is lost or sent twice beyond the messages in flight.

    .venv/bin/python drills/prefect_restart.py [--short]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import short_asked, verdict
from drills.phases import SETTINGS, after_messages, broken_day
from drills.stack import Stack, stack


def restart_prefect(s: Stack) -> None:
    s.stop_server()
    time.sleep(5)
    s.start_server()


def main(argv: list[str] | None = None) -> int:
    areas = 5_000 if short_asked(argv) else 50_000
    started = time.monotonic()
    with stack(areas, workers=3, **SETTINGS) as s:
        phase = broken_day(s, after_messages(areas // 50 // 3), restart_prefect)
    figures = f"{areas} areas; Prefect server restarted while delivering: {phase.words()}"
    return verdict(3, "Prefect server restarted", phase.passed, figures, started)


if __name__ == "__main__":
    sys.exit(main())
