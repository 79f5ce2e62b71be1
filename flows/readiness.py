"""The weekly readiness report for each authority whose next inspection window is near."""

from __future__ import annotations

from datetime import date

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from pydantic.json_schema import SkipJsonSchema

from domain.accounts.authority_names import authority_key
from domain.permissions import SYSTEM
from domain.reminders.ledger import claimed_reminders
from domain.reminders.models import ReminderReason
from domain.reminders.readiness import WindowAhead, plan_readiness, readiness_of, windows_ahead
from domain.reminders.report_store import keep_report
from domain.reminders.routing import record_routing, route
from flows.ledger_tasks import (
    Claimed,
    Parcel,
    claim,
    deliver,
    delivery_or_fail,
    send_parcels,
    settle,
)
from flows.reply_tokens import readiness_envelope
from flows.report import RunReport
from flows.runs import (
    FLOW_TIMEOUT,
    TASK_TIMEOUT,
    Run,
    finish,
    lease_cutoff,
    publish,
    run_name,
    runtime_from_settings,
    start,
)
from infra.db import session_scope
from infra.runtime import Runtime
from notifications import Envelope, Message, ReadinessReport, render_readiness_report
from notifications.addressing import away_note_of

READINESS_REPORT = "readiness report"


def report_slug(authority: str) -> str:
    """A file and artifact name for an authority: lower case words joined by hyphens."""
    return "-".join(authority_key(authority).split()) or "authority"


def report_of(
    ahead: WindowAhead, run: Run, runtime: Runtime, away_note: str = ""
) -> ReadinessReport:
    """The authority's readiness report on the run's day; with `away_note`, headed as sent to
    a delegate for someone away."""
    with session_scope(runtime.engine) as session:
        areas = tuple(readiness_of(session, ahead, run.today))
    return ReadinessReport(
        authority=ahead.authority,
        run_date=run.today,
        window_opens=ahead.window_opens,
        areas=areas,
        away_note=away_note,
    )


def render_for(ahead: WindowAhead, run: Run, runtime: Runtime) -> Message:
    """The authority's readiness report on the run's day, rendered, as it is kept."""
    return render_readiness_report(report_of(ahead, run, runtime))


@task(name="find-windows-ahead", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def find_windows_ahead(run: Run, runtime: Runtime) -> list[WindowAhead]:
    """Authorities whose expected inspection window opens within 90 days."""
    with session_scope(runtime.engine) as session:
        return windows_ahead(session, run.today)


@task(name="publish-readiness-reports", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def publish_reports(run: Run, runtime: Runtime, ahead: list[WindowAhead]) -> list[str]:
    """Keep each report in the database (where the web lists it) and publish it as a
    markdown artifact; nothing is written to this machine's disk."""
    kept = []
    for window in ahead:
        message = render_for(window, run, runtime)
        with session_scope(runtime.engine) as session:
            keep_report(
                session,
                authority_id=window.authority_id,
                run_date=run.today,
                window_opens=window.window_opens,
                subject=message.subject,
                text=message.text,
                now=runtime.clock.now(),
            )
        slug = report_slug(window.authority)
        create_markdown_artifact(message.text, key=f"readiness-{slug}", description=message.subject)
        kept.append(window.authority)
    return kept


@task(name="plan-readiness", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def owe_reports(run: Run, runtime: Runtime, ahead: list[WindowAhead]) -> tuple[int, int]:
    """Owe each director the report for the threshold their authority has crossed."""
    with session_scope(runtime.engine) as session:
        return plan_readiness(
            session,
            ahead,
            now=runtime.clock.now(),
            run_id=run.holder.run_id,
            lease_cutoff=lease_cutoff(runtime),
            by=SYSTEM,
        )


@task(name="deliver-readiness-reports", cache_policy=NO_CACHE, timeout_seconds=TASK_TIMEOUT)
def deliver_reports(run: Run, runtime: Runtime, ahead: list[WindowAhead]) -> int:
    """Send each claimed report to its director, or to whoever acts for a director away
    (recorded in the ledger as its delegate), headed as sent on their behalf; replying to it
    records progress as replying to a digest does."""
    with session_scope(runtime.engine) as session:
        routed = route(session, claimed_reminders(session, run.holder.token), run.today)
        record_routing(session, routed, token=run.holder.token)
    held = routed.reminders
    delivery = delivery_or_fail(run, runtime, [(r.id,) for r in held])
    by_authority = {a.authority_id: a for a in ahead}
    by_id = {r.id: r for r in held}

    def envelope_of(ids: tuple[int, ...]) -> Envelope:
        [one] = [by_id[i] for i in ids]  # a report is one reminder to one director
        report = report_of(by_authority[one.authority_id], run, runtime, away_note_of(one))
        return readiness_envelope(runtime, run.today, one, report, delivery)

    parcels = [Parcel((r.id,), envelope_of, {r.id: r.delivered_on}) for r in held]
    return send_parcels(run, runtime, parcels, delivery)


def so_far(
    run: Run,
    ahead: list[WindowAhead],
    kept: list[str],
    owed: tuple[int, int],
    claimed: Claimed,
) -> RunReport:
    """The run's report before delivery: the reports kept and the reports owed and held."""
    planned, cancelled = owed
    return RunReport(
        flow=run.flow,
        run_date=run.today,
        planned=planned,
        cancelled=cancelled,
        claimed=claimed.count,
        extra=(
            *claimed.held_elsewhere,
            *(("readiness report kept for", authority) for authority in kept),
            *(
                (f"policy of {a.authority} read with defaults", a.policy_problem)
                for a in ahead
                if a.policy_problem
            ),
        ),
    )


@flow(
    name="readiness-report",
    flow_run_name=run_name("readiness-report"),
    timeout_seconds=FLOW_TIMEOUT,
)
def readiness_report(
    as_of: date | None = None,
    replay: bool = False,
    runtime: SkipJsonSchema[Runtime | None] = None,
) -> RunReport:
    """Report each authority's readiness before its expected inspection and tell the director."""
    runtime = runtime or runtime_from_settings()
    run = start(READINESS_REPORT, as_of, runtime, replay=replay)
    ahead = find_windows_ahead(run, runtime)
    kept = publish_reports(run, runtime, ahead)
    owed = owe_reports(run, runtime, ahead)
    authorities = [a.authority_id for a in ahead]
    claimed = claim(run, runtime, [ReminderReason.READINESS], authorities)
    stopped_short = deliver(run, runtime, deliver_reports, ahead, held=claimed.count)
    report = settle(run, runtime, so_far(run, ahead, kept, owed, claimed))
    publish(report)
    return finish(run, report, runtime, stopped_short=stopped_short)
