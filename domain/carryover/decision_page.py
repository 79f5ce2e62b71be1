"""The carry-over page of an inspection: each new area beside the earlier areas it may carry
over, their shared words marked in both texts, each earlier area's history in a line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.queries import views_of
from domain.areas.views import AreaView
from domain.calendar import london_date
from domain.carryover.highlight import Segment, highlight_pair
from domain.carryover.matching import RELATED
from domain.carryover.overview import CarryOverOverview, carryover_overview
from domain.carryover.suggestions import LinkSuggestion
from domain.dates import written_date
from domain.inspections.models import Inspection
from domain.labels import label
from domain.permissions import Actor
from domain.vocabulary import Rag, UpdateKind


def history_line(view: AreaView, started: date, updates: int, last_update: date | None) -> str:
    """An earlier area's history in one line, e.g. "Inspection of 2 March 2024 · lead Priya
    Lead · 3 updates, last 4 May 2025 · Amber · due 1 June 2025"."""
    count = f"{updates} update{'' if updates == 1 else 's'}"
    if last_update is not None:
        count += f", last {written_date(last_update)}"
    due = date.fromisoformat(view.due_date) if view.due_date else None
    return " · ".join(
        [
            f"Inspection of {written_date(started)}",
            f"lead {view.owner_name}" if view.owner_name else "no lead",
            count,
            label(Rag(view.rag)) if view.rag else "not rated",
            f"due {written_date(due)}" if due else "no due date",
        ]
    )


@dataclass(frozen=True)
class EarlierArea:
    """An earlier, still-open area with its history in a line."""

    view: AreaView
    history: str


@dataclass(frozen=True)
class SuggestedLink:
    """A suggested link, both texts cut into segments with the shared words marked."""

    suggestion: LinkSuggestion
    earlier: EarlierArea
    new_text: list[Segment]
    earlier_text: list[Segment]

    @property
    def score_percent(self) -> str:
        return f"{round(self.suggestion.score * 100)}%"

    @property
    def common_words(self) -> list[str]:
        """The words, terms and themes both texts hold."""
        return [w for w in self.suggestion.matched_words if RELATED not in w]

    @property
    def related_words(self) -> list[str]:
        """Pairs of related words, one from each text ("oversight ~ supervision")."""
        return [w for w in self.suggestion.matched_words if RELATED in w]


@dataclass(frozen=True)
class NewArea:
    """An area of the inspection not yet linked to an earlier one, with its suggestions."""

    view: AreaView
    links: list[SuggestedLink]


@dataclass(frozen=True)
class CarryOverPage:
    overview: CarryOverOverview
    new_areas: list[NewArea]
    unrepeated: list[EarlierArea]


def _earlier_areas(
    session: Session, areas: list[DevelopmentArea], today: date
) -> dict[int, EarlierArea]:
    """Each earlier area with its history line: three queries for them all."""
    ids = [a.id for a in areas if a.id is not None]
    started: dict[int | None, date] = dict(
        session.exec(
            select(col(Inspection.id), col(Inspection.start_date)).where(
                col(Inspection.id).in_({a.inspection_id for a in areas})
            )
        ).all()
    )
    counted: dict[int, tuple[int, datetime | None]] = {
        area_id: (n, last)
        for area_id, n, last in session.exec(
            select(
                col(ProgressUpdate.area_id),
                func.count(col(ProgressUpdate.id)),
                func.max(col(ProgressUpdate.created_at)),
            )
            .where(col(ProgressUpdate.area_id).in_(ids))
            .where(ProgressUpdate.kind == UpdateKind.PROGRESS)
            .group_by(col(ProgressUpdate.area_id))
        ).all()
    }
    found = {}
    for view in views_of(session, areas, today):
        n, last = counted.get(view.id, (0, None))
        day = london_date(last) if last else None
        line = history_line(view, started[view.inspection_id], n, day)
        found[view.id] = EarlierArea(view, line)
    return found


def _by_id(session: Session, ids: Iterable[int]) -> list[DevelopmentArea]:
    query = select(DevelopmentArea).where(col(DevelopmentArea.id).in_(set(ids)))
    return list(session.exec(query.order_by(col(DevelopmentArea.id))))


def carryover_page(
    session: Session, actor: Actor, inspection_id: int, today: date
) -> CarryOverPage:
    """Everything the carry-over page shows, if `actor` may read the inspection."""
    overview = carryover_overview(session, actor, inspection_id)
    new = session.exec(
        select(DevelopmentArea)
        .where(DevelopmentArea.inspection_id == inspection_id)
        .where(col(DevelopmentArea.carried_from_id).is_(None))
        .order_by(col(DevelopmentArea.id))
    )
    new_views = views_of(session, list(new), today)
    wanted = {s.earlier_area_id for s in overview.suggestions} | {
        a.id for a in overview.unrepeated if a.id is not None
    }
    earlier = _earlier_areas(session, _by_id(session, wanted), today)
    new_areas = []
    for view in new_views:
        links = []
        for s in (s for s in overview.suggestions if s.area_id == view.id):
            before = earlier[s.earlier_area_id]
            marked = highlight_pair(view.text, before.view.text, s.matched_words)
            links.append(SuggestedLink(s, before, *marked))
        new_areas.append(NewArea(view, links))
    unrepeated = [earlier[a.id] for a in overview.unrepeated if a.id is not None]
    return CarryOverPage(overview, new_areas, unrepeated)
