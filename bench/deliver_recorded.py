"""The daily check's delivery as it runs: one digest per lead through SMTP on loopback, each
channel's outcome recorded in the ledger as it comes. Times it against sending the same
digests with nothing recorded (`deliver_all`), to show what recording as it goes costs.

Usage (from the repository root):

    .venv/bin/python bench/deliver_recorded.py [--people 2000] [--workers 8] [--database URL]

It builds, in a fresh SQLite file (or the PostgreSQL database named by --database, whose
tables it empties), an authority with `--people` leads each leading one overdue area; plans
and claims the day's reminders as the daily check does; then times the flow's
`deliver-digests` step (called as a function: no Prefect server) against `deliver_all` of the
same digests to a second SMTP server. It checks every message arrived and every reminder is
recorded as sent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from deliver_smtp import received_by, smtp_server
from sqlalchemy import text
from sqlmodel import Session, SQLModel, func, select

from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea
from domain.inspections.models import Finding, Inspection
from domain.reminders.models import Reminder, ReminderState
from domain.reminders.planning import DAILY_REASONS
from domain.reminders.run_records import DAILY_CHECK
from domain.vocabulary import FindingKind, InspectionKind, Role
from flows.daily_check import deliver_digests, plan_reminders
from flows.ledger_tasks import claim
from flows.runs import start
from infra.clock import Clock
from infra.db import make_engine
from infra.runtime import build_runtime
from infra.settings import Settings
from notifications.addressing import digests_for, envelope_for
from notifications.batch import deliver_all
from notifications.channels import DeliverySettings
from notifications.rendering import render_digest

DAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 7, tzinfo=UTC)


def warm_up(workers: int) -> None:
    """Send a few messages first, so Apprise has loaded what it loads on first use."""
    from deliver_smtp import digest_for

    from notifications import Envelope

    server, port = smtp_server()
    settings = DeliverySettings(email_url=f"mailto://127.0.0.1:{port}?from=closeout@example.org")
    deliver_all([Envelope.for_digest(digest_for(p)) for p in range(workers)], settings)
    received_by(server)


def populate(session: Session, people: int) -> None:
    """An authority whose `people` leads each lead one area overdue by three days."""
    where = Authority(name="Benchmere Council", created_at=NOW)
    session.add(where)
    session.flush()
    inspection = Inspection(
        kind=InspectionKind.UCRA_LETTER,
        start_date=DAY - timedelta(days=200),
        end_date=DAY - timedelta(days=199),
        authority_id=where.id or 0,
        created_at=NOW,
    )
    session.add(inspection)
    session.flush()
    finding = Finding(
        inspection_id=inspection.id or 0,
        kind=FindingKind.AREA_FOR_DEVELOPMENT,
        heading="Areas for development",
        text="Plans lack timescales.",
    )
    session.add(finding)
    session.flush()
    for n in range(people):
        lead = Person(
            name=f"Lead {n}",
            email=f"lead{n}@example.org",
            role=Role.LEAD,
            authority_id=where.id,
            created_at=NOW,
        )
        session.add(lead)
        session.flush()
        session.add(
            DevelopmentArea(
                finding_id=finding.id or 0,
                inspection_id=inspection.id or 0,
                authority_id=where.id or 0,
                title=f"Plans for children in need, part {n}",
                text="Plans lack timescales.",
                owner_id=lead.id,
                original_due_date=DAY - timedelta(days=3),
                due_date=DAY - timedelta(days=3),
                created_at=NOW,
                updated_at=NOW,
            )
        )
    session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="closeout-bench-"))
    url = args.database or f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(url)
    if args.database:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        populate(session, args.people)

    warm_up(args.workers)  # Apprise loads its plugins on first use; neither side pays for it
    recorded_server, recorded_port = smtp_server()
    relay = f"mailto://127.0.0.1:{recorded_port}?from=closeout@example.org"
    settings = Settings(
        var_dir=folder / "var",
        database_url=url,
        email_url=relay,
        delivery_concurrency=args.workers,
        delivery_retries=0,
    )
    runtime = build_runtime(settings, engine=engine, clock=Clock(now=lambda: NOW))
    run = start(DAILY_CHECK, DAY, runtime)
    plan = plan_reminders.fn(run, runtime)
    claim.fn(run, runtime, DAILY_REASONS, plan.active_authorities)
    from domain.reminders.ledger import claimed_reminders

    with Session(engine) as session:
        held = claimed_reminders(session, run.holder.token)
    began = time.perf_counter()
    deliver_digests.fn(run, runtime)
    recorded_seconds = time.perf_counter() - began
    recorded_count = received_by(recorded_server)
    with Session(engine) as session:
        sent = session.exec(
            select(func.count()).select_from(Reminder).where(Reminder.state == ReminderState.SENT)
        ).one()

    plain_server, plain_port = smtp_server()
    plain = DeliverySettings(email_url=f"mailto://127.0.0.1:{plain_port}?from=closeout@example.org")
    began = time.perf_counter()  # rendering counted on both sides
    addressed = digests_for(held, today=DAY, base_url=settings.base_url)
    envelopes = [
        envelope_for(f"digest {a.recipient.email}", render_digest(a.digest), a.recipient, plain)
        for a in addressed
    ]
    outcomes = deliver_all(envelopes, plain, max_workers=args.workers)
    plain_seconds = time.perf_counter() - began
    plain_count = received_by(plain_server)
    engine.dispose()

    backend = "postgres" if args.database else "sqlite"
    print(f"database: {backend}, people: {args.people}, workers: {args.workers}")
    print(
        f"recorded as it goes: {recorded_seconds:.1f} s, {recorded_count} received, "
        f"{sent} reminders sent, {args.people / recorded_seconds:.0f} messages/second"
    )
    print(
        f"nothing recorded (deliver_all): {plain_seconds:.1f} s, {plain_count} received, "
        f"{args.people / plain_seconds:.0f} messages/second"
    )
    failed = sum(not o.is_sent for o in outcomes)
    if recorded_count != args.people or sent != args.people or plain_count != args.people or failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
