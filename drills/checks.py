"""What every delivery drill checks afterwards, read from the ledger and the SMTP receiver."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import create_engine, text

from drills.parts import SmtpReceiver

STATES = "SELECT state, count(*) FROM reminder GROUP BY state"
OWED_TO = (
    "SELECT DISTINCT p.email FROM reminder r JOIN person p ON p.id = r.recipient_id"
    " WHERE r.state <> 'cancelled'"
)


@dataclass(frozen=True)
class Outcome:
    """The day as the ledger and the receiver saw it once the drill was over."""

    states: dict[str, int]
    owed: int  # people owed a digest
    reached: int  # of those, people the receiver took a message for
    messages: int
    repeats: int  # messages beyond one per person

    @property
    def settled(self) -> bool:
        """Every owed reminder sent, none pending or failed, every person reached."""
        unsent = sum(n for s, n in self.states.items() if s not in ("sent", "cancelled"))
        return unsent == 0 and self.states.get("sent", 0) > 0 and self.reached == self.owed

    def figures(self) -> str:
        sent = self.states.get("sent", 0)
        left = sum(n for s, n in self.states.items() if s not in ("sent", "cancelled"))
        return (
            f"{sent} reminders sent, {left} left unsent, {self.reached}/{self.owed} people "
            f"reached in {self.messages} messages, {self.repeats} repeated"
        )


def outcome(app_url: str, relay: SmtpReceiver) -> Outcome:
    """Read the ledger and the receiver's counts."""
    engine = create_engine(app_url)
    with engine.connect() as connection:
        states = {str(s): int(n) for s, n in connection.execute(text(STATES))}
        owed = {str(e) for (e,) in connection.execute(text(OWED_TO))}
    engine.dispose()
    with relay.lock:
        reached = len(owed & set(relay.per_recipient))
        return Outcome(states, len(owed), reached, relay.messages, relay.repeats())


def verdict(number: int, name: str, passed: bool, figures: str, started: float) -> int:
    """Print the drill's one verdict line; its exit status."""
    word = "PASS" if passed else "FAIL"
    print(f"drill {number} ({name}): {word}: {figures}; {time.monotonic() - started:.0f} s")
    sys.stdout.flush()
    return 0 if passed else 1


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    """Whether `condition` came true within `timeout` seconds (polled)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def short_asked(argv: list[str] | None) -> bool:
    """Whether the drill was asked to run on small data (--short)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true", help="small data, as CI runs it")
    return bool(parser.parse_args(argv).short)
