"""Open development areas over the last twelve months, counted in two database scans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.models import DevelopmentArea, ProgressUpdate, Status
from domain.rules.calendar import add_months, london_date
from domain.rules.rag_cutoffs import london_midnight

MONTHS = 12


@dataclass(frozen=True)
class OpenSeries:
    """(label, open areas) at the end of each past month, then now."""

    points: list[tuple[str, int]]


def month_ends(now: datetime, months: int = MONTHS) -> list[tuple[str, datetime]]:
    """The ends of the `months - 1` months before this one, labelled, then now."""
    first_of_this = london_date(now).replace(day=1)
    ends = []
    for back in range(months - 1, 0, -1):
        start_of_next: date = add_months(first_of_this, -back + 1)
        month = add_months(first_of_this, -back)
        ends.append((f"{month:%b %Y}", london_midnight(start_of_next)))
    ends.append(("Now", now))
    return ends


def open_areas_by_month(session: Session, authority_id: int, now: datetime) -> OpenSeries:
    """How many of an authority's areas were not yet closed at each month end."""
    ends = month_ends(now)
    created = col(DevelopmentArea.created_at)
    recorded = session.exec(
        select(*(func.count().filter(created <= moment) for _, moment in ends)).where(
            DevelopmentArea.authority_id == authority_id
        )
    ).one()
    at = col(ProgressUpdate.created_at)
    # Closed is final, so only closed areas' histories hold a closing entry: start from them.
    closed = session.exec(
        select(*(func.count().filter(at <= moment) for _, moment in ends))
        .select_from(DevelopmentArea)
        .join(ProgressUpdate, col(ProgressUpdate.area_id) == DevelopmentArea.id)
        .where(DevelopmentArea.authority_id == authority_id)
        .where(DevelopmentArea.status == Status.CLOSED)
        .where(ProgressUpdate.status_to == Status.CLOSED)
    ).one()
    return OpenSeries(
        [(label, int(r) - int(c)) for (label, _), r, c in zip(ends, recorded, closed, strict=True)]
    )
