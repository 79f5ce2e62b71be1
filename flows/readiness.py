"""The weekly readiness report for each authority whose next inspection window is near."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from domain.accounts.authority_names import authority_key
from domain.reminders.ledger import claimed_reminders
from domain.reminders.models import ReminderReason
from domain.reminders.readiness import WindowAhead, plan_readiness, readiness_of, windows_ahead
from flows.channels import envelope_for
from flows.ledger_tasks import (
    Parcel,
    claim,
    deliver_and_report,
    delivery_or_fail,
    lease_cutoff,
    send_parcels,
    start_run,
    with_retries,
)
from flows.report import RunReport
from infra import clock
from infra.db import session_scope
from infra.settings import get_settings
from notifications import Message, ReadinessArea, ReadinessReport, render_readiness_report


def report_slug(authority: str) -> str:
    """A file and artifact name for an authority: lower case words joined by hyphens."""
    return "-".join(authority_key(authority).split()) or "authority"


def render_for(ahead: WindowAhead, today: date) -> Message:
    """The authority's readiness report on `today`, rendered."""
    with session_scope() as session:
        areas = tuple(ReadinessArea(**asdict(a)) for a in readiness_of(session, ahead, today))
    report = ReadinessReport(
        authority=ahead.authority, run_date=today, window_opens=ahead.window_opens, areas=areas
    )
    return render_readiness_report(report)


@task(name="find-windows-ahead", cache_policy=NO_CACHE)
def find_windows_ahead(today: date) -> list[WindowAhead]:
    """Authorities whose expected inspection window opens within 90 days."""
    with session_scope() as session:
        return windows_ahead(session, today)


@task(name="publish-readiness-reports", cache_policy=NO_CACHE)
def publish_reports(ahead: list[WindowAhead], today: date) -> list[Path]:
    """Write each report under var/reports/ and publish it as a markdown artifact."""
    folder = get_settings().reports_dir
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for window in ahead:
        message = render_for(window, today)
        slug = report_slug(window.authority)
        path = folder / f"readiness-{slug}-{today.isoformat()}.md"
        path.write_text(message.text, encoding="utf-8")
        create_markdown_artifact(message.text, key=f"readiness-{slug}", description=message.subject)
        written.append(path)
    return written


@task(name="plan-readiness", cache_policy=NO_CACHE)
def owe_reports(ahead: list[WindowAhead], run_id: str) -> tuple[int, int]:
    """Owe each director the report for the threshold their authority has crossed."""
    with session_scope() as session:
        return plan_readiness(
            session, ahead, now=clock.now(), run_id=run_id, lease_cutoff=lease_cutoff()
        )


@task(name="deliver-readiness-reports", cache_policy=NO_CACHE)
def deliver_reports(token: str, ahead: list[WindowAhead], today: date) -> int:
    """Send each claimed report to its director."""
    with session_scope() as session:
        held = claimed_reminders(session, token)
    delivery = delivery_or_fail(token, [(r.id,) for r in held])
    by_authority = {a.authority_id: a for a in ahead}
    parcels = [
        Parcel(
            envelope_for(
                f"readiness {r.recipient.email}",
                render_for(by_authority[r.authority_id], today),
                r.recipient,
                delivery,
            ),
            (r.id,),
        )
        for r in held
    ]
    return send_parcels(token, parcels, delivery)


@flow(name="readiness-report")
def readiness_report(as_of: date | None = None) -> RunReport:
    """Report each authority's readiness before its expected inspection and tell the director."""
    run = start_run("readiness report", as_of)
    ahead = find_windows_ahead(run.today)
    written = publish_reports(ahead, run.today)
    planned, cancelled = owe_reports(ahead, run.run_id)
    authorities = [a.authority_id for a in ahead]
    claimed = claim(run.token, run.run_id, [ReminderReason.READINESS], authorities)
    return deliver_and_report(
        run,
        claimed=claimed,
        deliver=lambda: with_retries(deliver_reports)(run.token, ahead, run.today),
        planned=planned,
        cancelled=cancelled,
        extra=(
            *(("report", str(path)) for path in written),
            *(
                (f"policy of {a.authority} read with defaults", a.policy_problem)
                for a in ahead
                if a.policy_problem
            ),
        ),
    )
