"""The review pack for an inspector or a director: every area of an authority with its history.

Areas carried over to a later area appear inside that later area (as its predecessors), so
each issue is read once, from its newest form back to the letter that first raised it.
Repeat and carried-over areas come first. "Changed since" defaults to the end of the latest
inspection: what happened since the last visit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.accounts.people import get_authority
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.areas.queries import views_of
from domain.areas.views import AreaView
from domain.calendar import london_date
from domain.carryover import is_repeat, review_of
from domain.inspections.models import Inspection
from domain.permissions import Action, Actor, Scope, require
from domain.reminders.history import SentReminder, sent_reminders


@dataclass(frozen=True)
class InspectionLine:
    id: int
    kind: str
    start: date
    end: date
    published: date | None
    judgement: str | None
    statement: str | None


@dataclass(frozen=True)
class UpdateLine:
    at: datetime
    kind: str
    by: str | None
    note: str
    status_from: str | None
    status_to: str | None
    rag: str | None
    recent: bool


@dataclass(frozen=True)
class DueDateLine:
    requested_at: datetime
    from_date: date | None
    to_date: date
    reason: str
    requested_by: str | None
    state: str
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    recent: bool


@dataclass(frozen=True)
class EvidenceLine:
    added_at: datetime
    by: str | None
    link: str
    recent: bool


@dataclass(frozen=True)
class ReminderLine:
    reminder: SentReminder
    recent: bool


@dataclass(frozen=True)
class PackArea:
    """One development area as the pack shows it, with the areas it carries over."""

    view: AreaView
    inspection: InspectionLine
    updates: list[UpdateLine]
    due_date_changes: list[DueDateLine]
    evidence: list[EvidenceLine]
    reminders: list[ReminderLine]
    predecessors: list[PackArea] = field(default_factory=list)

    @property
    def repeat(self) -> bool:
        return is_repeat(self.view.carry_count)

    @property
    def carried(self) -> bool:
        return self.view.carry_count > 0

    @property
    def closing(self) -> UpdateLine | None:
        """The entry that closed the area (a sign-off or a carry-over decision), if closed."""
        closed = [u for u in self.updates if u.status_to == "closed"]
        return closed[-1] if closed and self.view.status == "closed" else None

    @property
    def closed_at_carry_over(self) -> bool:
        """Whether a carry-over decision closed the area, so it has no RAG rating of its own."""
        return self.closing is not None and self.closing.kind == "carry_over"

    @property
    def recent_here(self) -> int:
        """How many of this area's own entries date from the pack's date or later."""
        return (
            sum(u.recent for u in self.updates)
            + sum(c.recent for c in self.due_date_changes)
            + sum(e.recent for e in self.evidence)
            + sum(r.recent for r in self.reminders)
        )

    @property
    def recent_count(self) -> int:
        """How many entries date from the pack's date or later, here and in its predecessors."""
        return self.recent_here + sum(p.recent_count for p in self.predecessors)


@dataclass(frozen=True)
class ReviewPack:
    """Everything an inspector needs about an authority's development areas on one day."""

    authority: str
    today: date
    since: date
    inspections: list[InspectionLine]
    statement: str | None
    decisions: list[dict[str, Any]]
    undecided: list[AreaView]
    areas: list[PackArea]

    @property
    def latest(self) -> InspectionLine | None:
        return self.inspections[0] if self.inspections else None

    @property
    def changed(self) -> list[PackArea]:
        return [a for a in self.areas if a.recent_count]


def build_review_pack(
    session: Session,
    *,
    authority: str | int,
    by: Actor | None,
    today: date,
    since: date | None = None,
) -> ReviewPack:
    """The review pack of an authority as seen on `today`; read-only.

    `by` needs the right to read the authority's areas; None is an administrator's command line.
    """
    found = get_authority(session, authority)
    assert found.id is not None
    if by is not None:
        require(by, Action.READ, Scope(authority_id=found.id), f"the review pack of {found.name}")
    inspections = list(
        session.exec(
            select(Inspection)
            .where(Inspection.authority_id == found.id)
            .order_by(col(Inspection.start_date).desc(), col(Inspection.id).desc())
        )
    )
    lines = {i.id: _inspection_line(i) for i in inspections}
    since = since or (inspections[0].end_date if inspections else today)
    areas = list(
        session.exec(select(DevelopmentArea).where(DevelopmentArea.authority_id == found.id))
    )
    reader = _HistoryReader(session, since, [a.id for a in areas if a.id is not None])
    views = {v.id: v for v in views_of(session, areas, today)}
    by_id = {a.id: a for a in areas}
    carried_from = {a.carried_from_id for a in areas if a.carried_from_id is not None}

    def entry(area: DevelopmentArea) -> PackArea:
        assert area.id is not None
        earlier = by_id.get(area.carried_from_id) if area.carried_from_id else None
        return PackArea(
            view=views[area.id],
            inspection=lines[area.inspection_id],
            updates=reader.updates(area.id),
            due_date_changes=reader.due_date_changes(area.id),
            evidence=reader.evidence(area.id),
            reminders=reader.reminders(area.id),
            predecessors=[entry(earlier)] if earlier else [],
        )

    top = sorted((entry(a) for a in areas if a.id not in carried_from), key=_pack_order)
    review = review_of(session, inspections[0].id or 0) if inspections else None
    return ReviewPack(
        authority=found.name,
        today=today,
        since=since,
        inspections=list(lines.values()),
        statement=review.statement if review else None,
        decisions=review.decisions if review else [],
        undecided=views_of(session, review.undecided, today) if review else [],
        areas=top,
    )


def _pack_order(area: PackArea) -> tuple[int, int, date, int]:
    """Repeat areas, then carried-over ones, then the rest; active before closed; soonest due."""
    group = 0 if area.repeat else 1 if area.carried else 2
    closed = 1 if area.view.status == "closed" else 0
    due = date.fromisoformat(area.view.due_date) if area.view.due_date else date.max
    return group, closed, due, area.view.id


def _inspection_line(inspection: Inspection) -> InspectionLine:
    assert inspection.id is not None
    return InspectionLine(
        id=inspection.id,
        kind=inspection.kind.value,
        start=inspection.start_date,
        end=inspection.end_date,
        published=inspection.published,
        judgement=inspection.judgement,
        statement=inspection.previous_areas_statement,
    )


class _HistoryReader:
    """Reads every area's history in a few queries and marks what happened since a date."""

    def __init__(self, session: Session, since: date, area_ids: list[int]) -> None:
        self.since = since
        ids = col(ProgressUpdate.area_id).in_(area_ids)
        self._updates = list(
            session.exec(
                select(ProgressUpdate)
                .where(ids)
                .order_by(col(ProgressUpdate.created_at), col(ProgressUpdate.id))
            )
        )
        self._changes = list(
            session.exec(
                select(DueDateChange)
                .where(col(DueDateChange.area_id).in_(area_ids))
                .order_by(col(DueDateChange.requested_at), col(DueDateChange.id))
            )
        )
        self._evidence = list(
            session.exec(
                select(Evidence)
                .where(col(Evidence.area_id).in_(area_ids))
                .order_by(col(Evidence.added_at), col(Evidence.id))
            )
        )
        self._reminders = sent_reminders(session, area_ids)
        self._names = {p.id: p.email for p in session.exec(select(Person))}

    def _recent(self, moment: datetime | None) -> bool:
        return moment is not None and london_date(moment) >= self.since

    def updates(self, area_id: int) -> list[UpdateLine]:
        return [
            UpdateLine(
                at=u.created_at,
                kind=u.kind.value,
                by=self._names.get(u.author_id),
                note=u.note,
                status_from=u.status_from.value if u.status_from else None,
                status_to=u.status_to.value if u.status_to else None,
                rag=u.rag.value if u.rag else None,
                recent=self._recent(u.created_at),
            )
            for u in self._updates
            if u.area_id == area_id
        ]

    def due_date_changes(self, area_id: int) -> list[DueDateLine]:
        return [
            DueDateLine(
                requested_at=c.requested_at,
                from_date=c.from_date,
                to_date=c.to_date,
                reason=c.reason,
                requested_by=self._names.get(c.requested_by_id),
                state=c.state.value,
                decided_by=self._names.get(c.decided_by_id),
                decided_at=c.decided_at,
                decision_note=c.decision_note,
                recent=self._recent(c.decided_at or c.requested_at),
            )
            for c in self._changes
            if c.area_id == area_id
        ]

    def evidence(self, area_id: int) -> list[EvidenceLine]:
        return [
            EvidenceLine(
                added_at=e.added_at,
                by=self._names.get(e.added_by_id),
                link=e.url or e.file_name or "",
                recent=self._recent(e.added_at),
            )
            for e in self._evidence
            if e.area_id == area_id
        ]

    def reminders(self, area_id: int) -> list[ReminderLine]:
        return [ReminderLine(r, self._recent(r.at)) for r in self._reminders.get(area_id, [])]
