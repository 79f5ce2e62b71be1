"""Readiness before an expected inspection: which authorities are close, and where they stand.

An authority's report is owed when its expected window (the latest inspection's
`next_window_start`) is 90, 30 or 7 days away or less; each threshold is one ledger key, so
the weekly flow sends each report once however often it runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.rag import assess_rag
from domain.calendar import london_date
from domain.errors import InvalidPolicy
from domain.permissions import Actor, require_administrator
from domain.reminders.classification import AreaFacts, Reason, classify
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.reminders.planning import cancel, insert_for, unheld_pending
from domain.reminders.policy import Policy
from domain.reminders.rules import is_likely_carried_over, readiness_threshold, working_day_number
from domain.reminders.rules_sql import ACTIVE, directors, latest_windows
from domain.vocabulary import UpdateKind


@dataclass(frozen=True)
class WindowAhead:
    """An authority whose next inspection window is near, and who hears about it."""

    authority_id: int
    authority: str
    window_opens: date
    threshold: int  # the readiness threshold crossed: 90, 30 or 7 days
    director_id: int | None
    policy: Policy
    policy_problem: str | None = None  # why some stored settings were read as their defaults

    @property
    def window_key(self) -> int:
        """The working-day number of the day the threshold was crossed."""
        return working_day_number(self.window_opens - timedelta(days=self.threshold))


@dataclass(frozen=True)
class ReadinessArea:
    """One open development area as an inspector preparing for the next visit would ask
    about it: a row of the readiness report."""

    area_id: str
    title: str
    status: str
    lead_name: str | None = None
    rag: str | None = None
    due_date: date | None = None
    original_due_date: date | None = None
    days_overdue: int = 0
    is_at_risk: bool = False
    is_likely_carried_over: bool = False
    last_update_on: date | None = None
    last_update_note: str | None = None

    @property
    def is_overdue(self) -> bool:
        """Whether the area is past its due date."""
        return self.days_overdue > 0

    @property
    def is_revised(self) -> bool:
        """Whether the agreed due date differs from the original one."""
        return self.original_due_date is not None and self.original_due_date != self.due_date


def windows_ahead(session: Session, today: date) -> list[WindowAhead]:
    """Authorities whose expected window opens within the largest readiness threshold."""
    windows = latest_windows().subquery("windows")
    heads = directors().subquery("heads")
    rows = session.execute(
        select(
            col(Authority.id), col(Authority.name), col(Authority.policy), windows.c.window_start
        )
        .join(windows, windows.c.authority_id == col(Authority.id))
        .add_columns(heads.c.director_id)
        .outerjoin(heads, heads.c.authority_id == col(Authority.id))
        .where(windows.c.window_start.is_not(None))
        .order_by(col(Authority.name))
    ).all()
    found = []
    for authority_id, name, overrides, opens, director_id in rows:
        threshold = readiness_threshold(today, opens)
        if threshold is not None:
            # A setting that cannot be read falls back to its default: the report still goes,
            # and says so.
            policy, problems = Policy().read_stored(overrides or {})
            found.append(
                WindowAhead(
                    authority_id,
                    name,
                    opens,
                    threshold,
                    director_id,
                    policy,
                    InvalidPolicy(problems).args[0] if problems else None,
                )
            )
    return found


def readiness_of(session: Session, ahead: WindowAhead, today: date) -> Iterator[ReadinessArea]:
    """Every open area of the authority, classified against its expected window, streamed."""
    lead = aliased(Person, name="lead")
    latest = (
        select(col(ProgressUpdate.area_id), func.max(col(ProgressUpdate.id)).label("update_id"))
        .where(col(ProgressUpdate.kind) == UpdateKind.PROGRESS)
        .group_by(col(ProgressUpdate.area_id))
        .subquery("latest")
    )
    note = aliased(ProgressUpdate, name="note")
    query = (
        select(DevelopmentArea, col(lead.name), col(note.note))
        .outerjoin(lead, col(lead.id) == col(DevelopmentArea.owner_id))
        .outerjoin(latest, latest.c.area_id == col(DevelopmentArea.id))
        .outerjoin(note, col(note.id) == latest.c.update_id)
        .where(col(DevelopmentArea.authority_id) == ahead.authority_id)
        .where(col(DevelopmentArea.status).in_(ACTIVE))
        .order_by(col(DevelopmentArea.id))
        .execution_options(yield_per=1000)
    )
    for area, lead_name, last_note in session.execute(query):
        activity = area.last_progress_at or area.created_at
        facts = AreaFacts(
            status=area.status,
            due_date=area.due_date,
            last_activity=london_date(activity),
            has_owner=area.owner_id is not None,
            next_window_start=ahead.window_opens,
            rag_override=area.rag_override,
            rag_override_reason=area.rag_override_reason,
        )
        found = classify(facts, today, ahead.policy)
        updated = area.last_progress_at
        yield ReadinessArea(
            area_id=str(area.id),
            title=area.title,
            status=area.status.value,
            lead_name=lead_name,
            rag=assess_rag(facts, today, ahead.policy).rating.value,
            due_date=area.due_date,
            original_due_date=area.original_due_date,
            days_overdue=found.days_overdue,
            is_at_risk=Reason.AT_RISK in found.reasons,
            is_likely_carried_over=is_likely_carried_over(found),
            last_update_on=london_date(updated) if updated else None,
            last_update_note=last_note or None,
        )


def plan_readiness(
    session: Session,
    ahead: list[WindowAhead],
    *,
    now: datetime,
    run_id: str,
    lease_cutoff: datetime,
    by: Actor,
) -> tuple[int, int]:
    """Owe each director the report for the threshold crossed; cancel reports no longer owed.

    Returns how many reports were newly owed and how many pending ones were cancelled. Every
    authority's reports are planned, so `by` is SYSTEM or an administrator of every authority.
    """
    require_administrator(by, None, "plan the readiness reports of every authority")
    owed = {
        (a.authority_id, a.window_key, a.director_id, a.window_opens.isoformat())
        for a in ahead
        if a.director_id is not None
    }
    readiness = and_(unheld_pending(lease_cutoff), col(Reminder.reason) == ReminderReason.READINESS)
    pending = session.execute(
        select(
            col(Reminder.id),
            col(Reminder.authority_id),
            col(Reminder.window_key),
            col(Reminder.recipient_id),
            col(Reminder.due_date_version),
        ).where(readiness)
    ).all()
    unwanted = [row[0] for row in pending if tuple(row[1:]) not in owed]
    cancelled = cancel(session, unwanted, still=readiness)
    planned = sum(_owe(session, key, now=now, run_id=run_id) for key in sorted(owed))
    session.commit()
    return planned, cancelled


def _owe(session: Session, key: tuple[int, int, int, str], *, now: datetime, run_id: str) -> int:
    """Owe one director one report, held by this run: 1, or 0 when the ledger already has it."""
    authority_id, window_key, director_id, version = key
    statement = (
        insert_for(session)(Reminder)
        .values(
            authority_id=authority_id,
            area_id=None,
            reason=ReminderReason.READINESS,
            window_key=window_key,
            recipient_id=director_id,
            due_date_version=version,
            state=ReminderState.PENDING,
            attempts=0,
            created_at=now,
            run_id=run_id,
        )
        .on_conflict_do_nothing()
    )
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return max(result.rowcount, 0)
