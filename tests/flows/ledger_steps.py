"""One run's ledger steps, as the daily check takes them, for tests that drive the ledger."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from domain.calendar import london_noon
from domain.permissions import SYSTEM
from domain.reminders.ledger import (
    ClaimedReminder,
    claim_reminders,
    claimed_reminders,
    record_failure,
    record_sent,
    release_claims,
)
from domain.reminders.planning import DAILY_REASONS, PlanResult, RunClaim, plan_daily_reminders

LEASE = timedelta(minutes=30)


@dataclass
class Run:
    """A run on `today`: what it planned, and the reminders it claimed."""

    today: date
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    plan: PlanResult | None = None
    claimed: list[ClaimedReminder] = field(default_factory=list)

    @property
    def now(self) -> datetime:
        return london_noon(self.today)

    @property
    def holder(self) -> RunClaim:
        """The run as the ledger knows it: its token doubles as its id here."""
        return RunClaim(self.token, self.token)


def plan_and_claim(session: Session, today: date) -> Run:
    run = Run(today)
    run.plan = plan_daily_reminders(
        session, today=today, now=run.now, run=run.holder, lease_cutoff=run.now - LEASE, by=SYSTEM
    )
    claim_reminders(
        session,
        run=run.holder,
        now=run.now,
        lease_cutoff=run.now - LEASE,
        reasons=DAILY_REASONS,
        authority_ids=run.plan.active_authorities,
    )
    run.claimed = claimed_reminders(session, run.token)
    return run


def finish(session: Session, run: Run, *, delivered: bool, max_attempts: int = 3) -> None:
    ids = [c.id for c in run.claimed]
    if delivered:
        record_sent(session, ids, token=run.token, now=run.now)
    else:
        record_failure(session, ids, token=run.token, error="relay down")
    release_claims(session, run=run.holder, max_attempts=max_attempts)


def daily_run(session: Session, today: date, *, delivered: bool = True) -> Run:
    run = plan_and_claim(session, today)
    finish(session, run, delivered=delivered)
    return run
