"""The areas still to finish, by due month or by inspection, each bar split red, amber, green.

Every bar counts active areas (open, in progress or blocked) by their due date or their
inspection, rated as the dashboard rates them, in one grouped query. Each bar carries the
filters of /areas that list exactly its areas, so the chart's table links to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea
from domain.areas.rag_cutoffs import RagCutoffs
from domain.areas.rag_sql import is_active, rag_expression
from domain.calendar import add_months
from domain.dates import written_date
from domain.inspections.models import Inspection
from domain.labels import label
from domain.vocabulary import Rag

MONTHS = 12
NO_DUE_DATE = -2
EARLIER = -1


class ChartBy(StrEnum):
    DUE = "due"
    INSPECTION = "inspection"


@dataclass(frozen=True)
class ChartBar:
    """One bar: its axis label, its longer name for the table, its counts by rating, and the
    /areas filters (besides status=active) that list its areas."""

    label: str
    name: str
    counts: dict[str, int]
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Chart:
    by: ChartBy
    bars: list[ChartBar]


Counts = dict[Any, dict[str, int]]


def _grouped(session: Session, authority_id: int, key: Any, cut: RagCutoffs) -> Counts:
    """{key value: {rating: count}} over the authority's active areas.

    Grouped over a subquery's columns: PostgreSQL cannot match an expression with bound
    parameters in the select list to the same expression in GROUP BY.
    """
    rated = (
        select(key.label("key"), rag_expression(cut).label("rag"))
        .where(DevelopmentArea.authority_id == authority_id, is_active())
        .subquery()
    )
    rows = session.execute(
        select(rated.c.key, rated.c.rag, func.count()).group_by(rated.c.key, rated.c.rag)
    )
    found: Counts = {}
    for value, rating, count in rows:
        found.setdefault(value, {r.value: 0 for r in Rag})[str(rating)] = int(count)
    return found


def month_starts(today: date, months: int = MONTHS) -> list[date]:
    """The first days of this month and the next `months` months (the last ends the range)."""
    first = today.replace(day=1)
    return [add_months(first, n) for n in range(months + 1)]


def by_due_month(session: Session, authority_id: int, cut: RagCutoffs) -> Chart:
    """Bars for areas due before this month, each of the next twelve months from this one,
    later, and with no due date; empty bars at the ends are left out."""
    starts = month_starts(cut.today)
    due = col(DevelopmentArea.due_date)
    bucket = case(
        (due.is_(None), NO_DUE_DATE),
        (due < starts[0], EARLIER),
        *((due < starts[n + 1], n) for n in range(MONTHS)),
        else_=MONTHS,
    )
    found = _grouped(session, authority_id, bucket, cut)
    day = timedelta(days=1)
    first, end = starts[0], starts[-1]
    bars = [
        _bar(
            found,
            EARLIER,
            "Earlier",
            f"Due before {first:%B %Y}",
            {"due_before": (first - day).isoformat()},
        ),
        *(
            _bar(
                found,
                n,
                f"{s:%b %Y}",
                f"{s:%B %Y}",
                {"due_after": s.isoformat(), "due_before": (starts[n + 1] - day).isoformat()},
            )
            for n, s in enumerate(starts[:-1])
        ),
        _bar(
            found,
            MONTHS,
            "Later",
            f"Due in {end:%B %Y} or later",
            {"due_after": end.isoformat()},
        ),
    ]
    keep = [n for n, bar in enumerate(bars) if bar.total]
    shown = bars[keep[0] : keep[-1] + 1] if keep else bars[1:-1]
    if found.get(NO_DUE_DATE):
        shown.append(_bar(found, NO_DUE_DATE, "No date", "No due date", {"no_due_date": "yes"}))
    return Chart(ChartBy.DUE, shown)


def _bar(found: Counts, key: Any, short: str, name: str, filters: dict[str, str]) -> ChartBar:
    counts = found.get(key) or {r.value: 0 for r in Rag}
    return ChartBar(short, name, counts, filters)


def by_inspection(session: Session, authority_id: int, cut: RagCutoffs) -> Chart:
    """A bar per inspection with active areas, oldest inspection first."""
    found = _grouped(session, authority_id, col(DevelopmentArea.inspection_id), cut)
    inspections = session.exec(
        select(Inspection)
        .where(col(Inspection.id).in_(list(found)))
        .order_by(col(Inspection.end_date), col(Inspection.id))
    )
    return Chart(
        ChartBy.INSPECTION,
        [
            _bar(
                found,
                i.id,
                f"{i.end_date:%b %Y}",
                f"{label(i.kind)} ending {written_date(i.end_date)}",
                {"inspection": str(i.id)},
            )
            for i in inspections
        ],
    )


def areas_chart(session: Session, authority_id: int, cut: RagCutoffs, by: ChartBy) -> Chart:
    """The chart of the authority's active areas, by due month or by inspection."""
    if by == ChartBy.INSPECTION:
        return by_inspection(session, authority_id, cut)
    return by_due_month(session, authority_id, cut)
