"""A day of the daily check with something broken part-way, then the next run, as the drills
that restart a part run it: trigger, break at a point, wait, let the lease pass, run again."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import create_engine, text

from drills.checks import Outcome, outcome, wait_for
from drills.stack import DAY, Stack

CONCURRENCY = 4  # messages in flight per delivering batch run
BATCHES = 3
RETRIES = 1  # Prefect retries of a batch's delivery step
LEASE_MINUTES = 0.5
SETTINGS = {
    "daily_check_batches": str(BATCHES),
    "claim_lease_minutes": str(LEASE_MINUTES),
    "delivery_concurrency": str(CONCURRENCY),
    "delivery_retries": str(RETRIES),
    "delivery_retry_delay_seconds": "5",
}
DAY_TABLES = ("reminder", "daily_check_batch", "run_record")


@dataclass(frozen=True)
class Phase:
    """One broken day and the run after it."""

    broken_after: int | None  # messages the receiver had taken at the break; None: no break
    first: str  # the broken run's final state
    second: str  # the next run's
    seen: Outcome
    # Messages that may go twice: none when no process dies, since what a run has sent it
    # records, waiting out an outage (`CLOSEOUT_RECORD_PATIENCE_SECONDS`); when one is killed,
    # what it had in flight and not yet recorded.
    allowed_repeats: int = 0

    @property
    def passed(self) -> bool:
        """The part was broken; nothing lost, no more repeats than allowed, the next run done."""
        ok = self.seen.settled and self.seen.repeats <= self.allowed_repeats
        return self.broken_after is not None and ok and self.second == "COMPLETED"

    def words(self) -> str:
        at = self.broken_after
        broke = "never broken" if at is None else f"broken after {at} messages"
        allowed = f" (at most {self.allowed_repeats} in flight)" if self.allowed_repeats else ""
        return (
            f"{broke}, run {self.first.lower()}, next {self.second.lower()}, {self.seen.figures()}"
            f"{allowed}"
        )


def fresh_day(s: Stack) -> None:
    """Forget every run of the day, so a phase starts from an empty ledger."""
    engine = create_engine(s.app_url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(DAY_TABLES)}"))
    engine.dispose()
    with s.relay.lock:
        s.relay.messages = 0
        s.relay.per_recipient.clear()
        s.relay.message_ids.clear()


def when_batches_run(s: Stack) -> bool:
    """Wait until a batch run is running (planning, at first); whether one was seen."""
    return wait_for(lambda: bool(s.running_pids("daily-check-batch")), 600)


def after_messages(count: int) -> Callable[[Stack], bool]:
    """Wait until the receiver has taken `count` messages (delivery is under way)."""

    def point(s: Stack) -> bool:
        reached = threading.Event()
        s.relay.on_message = lambda n: reached.set() if n >= count else None
        return reached.wait(timeout=900)

    return point


def broken_day(
    s: Stack,
    point: Callable[[Stack], bool],
    breaks: Callable[[Stack], bool | None],
    allowed_repeats: int = 0,
) -> Phase:
    """Run the day, break a part at `point` (`breaks` returning False: it found nothing to
    break), then after the lease run the day again."""
    fresh_day(s)
    run_id = s.trigger(DAY)
    broken_after = None
    if point(s):
        with s.relay.lock:
            at = s.relay.messages
        if breaks(s) is not False:
            broken_after = at
    s.relay.on_message = None
    first = s.wait(run_id, timeout=1800)
    time.sleep(LEASE_MINUTES * 60 + 2)  # claims of a run that died are free after the lease
    second = s.wait(s.trigger(DAY), timeout=1800)
    return Phase(broken_after, first, second, outcome(s.app_url, s.relay), allowed_repeats)
