"""Then and now, for an inspector: each area still open when the authority's latest inspection
began, as it stood then (status, RAG, due date) beside how it stands today, and what came since.

"Then" is rebuilt from the area's history, as recorded before the later inspection's first day:
status from the status changes of its progress updates, a person's RAG from the last one that
set a rating, the due date from the revised dates that took effect after. "Now" is the area
that carries the issue today: the later area it was carried over to, else the area itself.
Read-only, and a handful of queries for every area at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.areas.queries import views_of
from domain.areas.rag import assess_rag, computed_rag
from domain.areas.rag_cutoffs import london_midnight
from domain.areas.views import AreaView
from domain.calendar import london_date
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.inspections.models import Inspection
from domain.inspections.services import list_inspections
from domain.reminders.classification import AreaFacts
from domain.reminders.policies import policy_as_read
from domain.reminders.policy import Policy
from domain.vocabulary import ChangeState, Status, UpdateKind

_PROGRESS = (UpdateKind.PROGRESS, UpdateKind.SIGN_OFF)


@dataclass(frozen=True)
class Then:
    """An area as recorded before the later inspection began, shaped as the page's macros
    read a view (an area open then was not closed, so it was never closed by anything)."""

    status: str
    rag: str
    rag_reasons: list[str]
    rag_overridden: bool
    due_date: str | None
    original_due_date: str | None
    closed_by: str | None = None
    carried_to: int | None = None


@dataclass(frozen=True)
class ThenAndNow:
    area: AreaView  # the area open then, as it is today
    then: Then
    now: AreaView  # the area carrying the issue today: its successor, else the area itself
    updates_since: int  # progress updates (and sign-off) on both since the later inspection began
    evidence_since: int

    @property
    def carried(self) -> bool:
        return self.now.id != self.area.id


@dataclass(frozen=True)
class ThenAndNowView:
    later: Inspection | None  # the authority's latest inspection, if an earlier one exists
    rows: list[ThenAndNow]


@dataclass(frozen=True)
class History:
    """One area's recorded history, oldest first: its progress updates, and the revised due
    dates that took effect (approved), by when they did."""

    updates: Sequence[ProgressUpdate]
    changes: Sequence[DueDateChange]


def facts_at(
    area: DevelopmentArea, history: History, moment: datetime, window: date | None
) -> AreaFacts:
    """What the rules knew of the area just before `moment`, rebuilt from its history. Pure."""
    before = [u for u in history.updates if u.created_at < moment]
    moved = [u.status_to for u in before if u.status_to is not None]
    later = [u.status_from for u in history.updates if u.created_at >= moment and u.status_from]
    progress = [u.created_at for u in before if u.kind in _PROGRESS]
    assigned = [u.created_at for u in history.updates if u.kind == UpdateKind.ASSIGNMENT]
    changed = [c for c in history.changes if c.decided_at and c.decided_at >= moment]
    return AreaFacts(
        status=moved[-1] if moved else (later[0] if later else area.status),
        due_date=changed[0].from_date if changed else area.due_date,
        last_activity=london_date(progress[-1] if progress else area.created_at),
        has_owner=area.owner_id is not None and (not assigned or assigned[0] < moment),
        next_window_start=window,
    )


def state_then(
    area: DevelopmentArea, history: History, *, began: date, window: date | None, policy: Policy
) -> Then:
    """The area as it stood before the day `began`. A person's last rating stands as an
    override where it differed from the rules' own when it was given, as it was stored, with
    the reason given for it (never the update's note). Pure."""
    facts = facts_at(area, history, london_midnight(began), window)
    rated = [
        u for u in history.updates if u.rag is not None and u.created_at < london_midnight(began)
    ]
    if rated:
        last = rated[-1]
        then = facts_at(area, history, last.created_at, window)
        then = replace(then, status=last.status_to or then.status)
        if last.rag != computed_rag(then, london_date(last.created_at), policy).rating:
            reason = last.rag_reason or "no reason recorded"
            facts = replace(facts, rag_override=last.rag, rag_override_reason=reason)
    rag = assess_rag(facts, began, policy)
    due = facts.due_date
    return Then(
        status=facts.status.value,
        rag=rag.rating.value,
        rag_reasons=list(rag.reasons),
        rag_overridden=rag.overridden,
        due_date=due.isoformat() if due else None,
        original_due_date=area.original_due_date.isoformat() if area.original_due_date else None,
    )


def _open_then(session: Session, authority_id: int, later: Inspection) -> list[DevelopmentArea]:
    """Areas of earlier inspections still open when the later one began: not closed before
    that day, and not settled by a decision of an inspection before it (an area entered after
    the fact is read as the decisions about it say, not by when they were typed in)."""
    cutoff = london_midnight(later.start_date)
    closed_before = (
        select(col(ProgressUpdate.area_id))
        .where(ProgressUpdate.status_to == Status.CLOSED)
        .where(col(ProgressUpdate.created_at) < cutoff)
    )
    settled_before = (
        select(col(CarryOverDecision.earlier_area_id))
        .join(Inspection, col(Inspection.id) == CarryOverDecision.inspection_id)
        .where(CarryOverDecision.outcome != CarryOverOutcome.REJECTED)
        .where(Inspection.start_date < later.start_date)
    )
    query = (
        select(DevelopmentArea)
        .join(Inspection, col(Inspection.id) == DevelopmentArea.inspection_id)
        .where(DevelopmentArea.authority_id == authority_id)
        .where(Inspection.start_date < later.start_date)
        .where(col(DevelopmentArea.id).not_in(closed_before))
        .where(col(DevelopmentArea.id).not_in(settled_before))
        .order_by(col(Inspection.start_date).desc(), col(DevelopmentArea.id))
    )
    return list(session.exec(query))


@dataclass(frozen=True)
class _Since:
    """What the areas' history holds, read once for them all."""

    updates: dict[int, list[ProgressUpdate]]
    changes: dict[int, list[DueDateChange]]
    evidence: dict[int, int]  # evidence added from the cutoff on

    def of(self, area_id: int) -> History:
        return History(self.updates.get(area_id, []), self.changes.get(area_id, []))


def _since(session: Session, ids: list[int], cutoff: datetime) -> _Since:
    updates: dict[int, list[ProgressUpdate]] = {}
    query = select(ProgressUpdate).where(col(ProgressUpdate.area_id).in_(ids))
    for u in session.exec(query.order_by(col(ProgressUpdate.created_at), col(ProgressUpdate.id))):
        updates.setdefault(u.area_id, []).append(u)
    changes: dict[int, list[DueDateChange]] = {}
    approved = (
        select(DueDateChange)
        .where(col(DueDateChange.area_id).in_(ids))
        .where(DueDateChange.state == ChangeState.APPROVED)
        .order_by(col(DueDateChange.decided_at), col(DueDateChange.id))
    )
    for change in session.exec(approved):
        changes.setdefault(change.area_id, []).append(change)
    counted = (
        select(col(Evidence.area_id), func.count(col(Evidence.id)))
        .where(col(Evidence.area_id).in_(ids))
        .where(col(Evidence.added_at) >= cutoff)
        .group_by(col(Evidence.area_id))
    )
    return _Since(updates, changes, dict(session.exec(counted).all()))


@dataclass(frozen=True)
class _Context:
    """What every row is read against: the moment the later inspection began, and the rules."""

    later: Inspection
    window: date | None
    policy: Policy

    @property
    def cutoff(self) -> datetime:
        return london_midnight(self.later.start_date)


def _row(
    area: DevelopmentArea,
    after: DevelopmentArea | None,
    views: dict[int, AreaView],
    since: _Since,
    context: _Context,
) -> ThenAndNow:
    """One area then, and the area carrying it now, with what both had since."""
    assert area.id is not None
    then = state_then(
        area,
        since.of(area.id),
        began=context.later.start_date,
        window=context.window,
        policy=context.policy,
    )
    both = [area.id] if after is None or after.id is None else [area.id, after.id]
    updates = sum(
        1
        for n in both
        for u in since.updates.get(n, [])
        if u.kind in _PROGRESS and u.created_at >= context.cutoff
    )
    evidence = sum(since.evidence.get(n, 0) for n in both)
    return ThenAndNow(views[area.id], then, views[both[-1]], updates, evidence)


def then_and_now(session: Session, authority_id: int, today: date) -> ThenAndNowView:
    """Every area open when the authority's latest inspection began, then and now. The caller
    has checked that the reader may read the authority."""
    inspections = list_inspections(session, authority_id=authority_id)
    later = max(inspections, key=lambda i: (i.start_date, i.id or 0), default=None)
    earlier = [i for i in inspections if later and i.start_date < later.start_date]
    if later is None or not earlier:
        return ThenAndNowView(None, [])
    window = max(earlier, key=lambda i: i.end_date).next_window_start
    context = _Context(later, window, policy_as_read(session, authority_id))
    areas = _open_then(session, authority_id, later)
    successors = {
        a.carried_from_id: a
        for a in session.exec(
            select(DevelopmentArea).where(
                col(DevelopmentArea.carried_from_id).in_([a.id for a in areas])
            )
        )
    }
    every = [*areas, *successors.values()]
    views = {v.id: v for v in views_of(session, every, today)}
    since = _since(session, [a.id for a in every if a.id is not None], context.cutoff)
    rows = [_row(a, successors.get(a.id), views, since, context) for a in areas]
    return ThenAndNowView(later, rows)
