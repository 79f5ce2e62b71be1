"""Drill 4: the SMTP relay is down for the whole run, then back for the next.

The first run ends Failed with every reminder recorded as undelivered; the next run delivers
each person's digest exactly once.

    .venv/bin/python drills/relay_down.py [--short]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import outcome, short_asked, verdict
from drills.phases import SETTINGS, fresh_day
from drills.stack import DAY, stack


def main(argv: list[str] | None = None) -> int:
    areas = 5_000 if short_asked(argv) else 50_000
    started = time.monotonic()
    with stack(areas, workers=3, **SETTINGS) as s:
        fresh_day(s)
        s.relay.stop()
        first = s.wait(s.trigger(DAY), timeout=1800)
        s.relay.start()
        second = s.wait(s.trigger(DAY), timeout=1800)
        seen = outcome(s.app_url, s.relay)
    passed = first == "FAILED" and second == "COMPLETED" and seen.settled and seen.repeats == 0
    figures = (
        f"{areas} areas; relay down: run {first.lower()}; relay back: run {second.lower()}, "
        f"{seen.figures()}"
    )
    return verdict(4, "SMTP relay down for a run", passed, figures, started)


if __name__ == "__main__":
    sys.exit(main())
