"""Drill 2: restart the application's PostgreSQL during planning, and again during delivery.

Each time the broken run fails cleanly or carries on, the next run completes the day, and
no reminder is lost or sent twice beyond the messages in flight.

    .venv/bin/python drills/postgres_restart.py [--short]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import short_asked, verdict
from drills.phases import SETTINGS, after_messages, broken_day, when_batches_run
from drills.stack import Stack, stack


def restart_postgres(s: Stack) -> None:
    s.pg.restart(pause=2.0)


def main(argv: list[str] | None = None) -> int:
    areas = 5_000 if short_asked(argv) else 50_000
    started = time.monotonic()
    with stack(areas, workers=3, **SETTINGS) as s:
        planning = broken_day(s, when_batches_run, restart_postgres)
        delivering = broken_day(s, after_messages(areas // 50 // 3), restart_postgres)
    figures = (
        f"{areas} areas; restarted while planning: {planning.words()}; "
        f"while delivering: {delivering.words()}"
    )
    passed = planning.passed and delivering.passed
    return verdict(2, "PostgreSQL restarted", passed, figures, started)


if __name__ == "__main__":
    sys.exit(main())
