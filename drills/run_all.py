"""Every drill, one after another, each printing its one verdict line; fails if any failed.

    .venv/bin/python drills/run_all.py [--short]

Drill 5 (web load, drills/web_load.py) runs when it is present.
"""

from __future__ import annotations

import importlib
import inspect
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.checks import short_asked

DRILLS = [
    "drills.worker_killed",
    "drills.postgres_restart",
    "drills.prefect_restart",
    "drills.relay_down",
    "drills.web_load",
    "drills.scale_out",
]


def main(argv: list[str] | None = None) -> int:
    args = ["--short"] if short_asked(argv) else []
    started, failed = time.monotonic(), []
    for name in DRILLS:
        if not (Path(__file__).parent / f"{name.rpartition('.')[2]}.py").exists():
            print(f"{name}: not present, skipped")
            continue
        try:
            main_of = importlib.import_module(name).main
            status = main_of(args) if inspect.signature(main_of).parameters else main_of()
        except Exception as error:  # one broken drill must not hide the others' verdicts
            print(f"{name}: FAIL: {type(error).__name__}: {error}")
            status = 1
        if status:
            failed.append(name)
    minutes = (time.monotonic() - started) / 60
    print(f"drills: {len(failed)} failed ({', '.join(failed) or 'none'}) in {minutes:.0f} min")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
