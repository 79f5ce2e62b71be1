"""The review pack for an inspector or a director: every area of an authority with its history.

Areas carried over to a later area appear inside that later area (as its predecessors), so
each issue is read once, from its newest form back to the letter that first raised it.
Repeat and carried-over areas come first. "Changed since" defaults to the end of the latest
inspection: what happened since the last visit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from domain.accounts.people import authority_named
from domain.areas.models import DevelopmentArea
from domain.areas.queries import views_of
from domain.areas.views import AreaView
from domain.carryover import is_repeat, review_of
from domain.carryover.pack_history import (
    ChaseLine,
    DueDateLine,
    EvidenceLine,
    HistoryReader,
    ReminderLine,
    UpdateLine,
)
from domain.inspections.models import Inspection
from domain.permissions import Action, Actor, Scope, require


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
class PackArea:
    """One development area as the pack shows it, with the areas it carries over."""

    view: AreaView
    inspection: InspectionLine
    updates: list[UpdateLine]
    due_date_changes: list[DueDateLine]
    evidence: list[EvidenceLine]
    reminders: list[ReminderLine]
    chase: list[ChaseLine] = field(default_factory=list)  # pauses, and the lead away
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
    by: Actor,
    today: date,
    since: date | None = None,
) -> ReviewPack:
    """The review pack of an authority as seen on `today`; read-only.

    `by` needs the right to read the authority's areas (SYSTEM, the administrator's command
    line, has it).
    """
    found = authority_named(session, authority, known_to=by)
    assert found.id is not None
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
    reader = HistoryReader(session, since, [a.id for a in areas if a.id is not None])
    review = review_of(session, inspections[0].id or 0) if inspections else None
    return ReviewPack(
        authority=found.name,
        today=today,
        since=since,
        inspections=list(lines.values()),
        statement=review.statement if review else None,
        decisions=review.decisions if review else [],
        undecided=views_of(session, review.undecided, today) if review else [],
        areas=_pack_areas(areas, views_of(session, areas, today), lines, reader),
    )


def _pack_areas(
    areas: list[DevelopmentArea],
    views: list[AreaView],
    lines: dict[int | None, InspectionLine],
    reader: HistoryReader,
) -> list[PackArea]:
    """The areas no later area carries over, in pack order, each holding those it carries."""
    by_id = {a.id: a for a in areas}
    view_of = {v.id: v for v in views}
    carried_from = {a.carried_from_id for a in areas if a.carried_from_id is not None}

    def entry(area: DevelopmentArea) -> PackArea:
        assert area.id is not None
        earlier = by_id.get(area.carried_from_id) if area.carried_from_id else None
        return PackArea(
            view=view_of[area.id],
            inspection=lines[area.inspection_id],
            updates=reader.updates(area.id),
            due_date_changes=reader.due_date_changes(area.id),
            evidence=reader.evidence(area.id),
            reminders=reader.reminders(area.id),
            chase=reader.chase(area.id, area.owner_id),
            predecessors=[entry(earlier)] if earlier else [],
        )

    return sorted((entry(a) for a in areas if a.id not in carried_from), key=_pack_order)


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
