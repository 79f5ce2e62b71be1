"""What the daily check would send on a day, worked out and then undone: nothing is sent or
written.

The day is planned and claimed exactly as a run would, inside one database transaction that
is rolled back at the end, so the answer is the real rules' and the ledger is left as it was.
No Prefect server is needed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from domain.permissions import SYSTEM
from domain.reminders.ledger import ClaimedReminder, claim_reminders, claimed_reminders
from domain.reminders.planning import DAILY_REASONS, RunClaim, plan_daily_reminders
from domain.reminders.routing import route
from flows.runs import lease_cutoff
from infra.db import make_engine
from infra.runtime import Runtime
from notifications.addressing import digests_for


@dataclass(frozen=True)
class WouldSend:
    """One item of one message the day's run would send: to whom, about what, and why."""

    to: str
    message: str  # reminder or escalation
    area_id: str
    reason: str
    title: str


def would_send(runtime: Runtime, day: date) -> list[WouldSend]:
    """Every item of every digest the daily check would send for `day`, by recipient."""
    holder = RunClaim(run_id=f"dry-run-{uuid.uuid4().hex[:8]}", token=uuid.uuid4().hex)
    now = runtime.clock.now()
    url = runtime.settings.sqlalchemy_url
    sqlite = runtime.engine.dialect.name == "sqlite"
    engine = make_engine(url, exact_transactions=True) if sqlite else runtime.engine
    try:
        held = _planned_and_undone(engine, runtime, day, holder, now)
    finally:
        if sqlite:
            engine.dispose()
    digests = digests_for(held, today=day, base_url=runtime.settings.base_url)
    lines: list[WouldSend] = []
    for d in sorted(digests, key=lambda d: d.recipient.email):
        to, kind = d.recipient.email, d.digest.kind
        lines += [WouldSend(to, kind, i.area_id, i.reason, i.title) for i in d.digest.items]
        lines += [
            WouldSend(to, kind, n.area_id, "date_not_agreed", n.title) for n in d.digest.notices
        ]
    return lines


def _planned_and_undone(
    engine: Engine, runtime: Runtime, day: date, holder: RunClaim, now: datetime
) -> list[ClaimedReminder]:
    """The reminders a run would hold for `day`, read inside a transaction then rolled back."""
    with engine.connect() as connection:
        outer = connection.begin()
        try:
            # Commits inside the rules only release savepoints of this outer transaction.
            with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
                plan = plan_daily_reminders(
                    session,
                    today=day,
                    now=now,
                    run=holder,
                    lease_cutoff=lease_cutoff(runtime),
                    by=SYSTEM,
                )
                claim_reminders(
                    session,
                    run=holder,
                    now=now,
                    lease_cutoff=lease_cutoff(runtime),
                    reasons=DAILY_REASONS,
                    authority_ids=plan.active_authorities,
                )
                # As delivery would: to delegates, and without what waits for a weekly day.
                return route(session, claimed_reminders(session, holder.token), day).reminders
        finally:
            outer.rollback()
