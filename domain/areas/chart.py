"""Open development areas over the last twelve months, counted from two index range scans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.rag_cutoffs import london_midnight
from domain.calendar import add_months, london_date
from domain.vocabulary import Status

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


def recorded_by(session: Session, authority_id: int, moments: list[datetime]) -> list[int]:
    """How many of an authority's areas were recorded by each of `moments` (ascending).

    Each month is counted as its own range of the (authority, created) index and the months
    summed, so the index is read once instead of once per month end.
    """
    created = col(DevelopmentArea.created_at)
    mine = DevelopmentArea.authority_id == authority_id
    ranges = [
        select(func.count())
        .where(mine, created <= moment, *([created > moments[n - 1]] if n else []))
        .scalar_subquery()
        for n, moment in enumerate(moments)
    ]
    return list(accumulate(int(n) for n in session.exec(select(*ranges)).one()))


def closed_by(session: Session, authority_id: int, moments: list[datetime]) -> list[int]:
    """How many of an authority's areas had been closed by each of `moments` (ascending).

    Closed is final and closing changes the area, so a closed area's `updated_at` is its
    closing moment or later: areas last changed by the first moment closed by then, and only
    the others need their closing entry looked up in the history.
    """
    area = DevelopmentArea
    first = moments[0]
    closed = [area.authority_id == authority_id, area.status == Status.CLOSED]
    early = select(func.count()).where(*closed, col(area.updated_at) <= first).scalar_subquery()
    at = col(ProgressUpdate.created_at)
    counts = session.exec(
        select(early, *(func.count().filter(at <= moment) for moment in moments))
        .select_from(area)
        .join(ProgressUpdate, col(ProgressUpdate.area_id) == area.id)
        .where(*closed, col(area.updated_at) > first)
        .where(ProgressUpdate.status_to == Status.CLOSED)
    ).one()
    return [int(counts[0]) + int(n) for n in counts[1:]]


def open_areas_by_month(session: Session, authority_id: int, now: datetime) -> OpenSeries:
    """How many of an authority's areas were not yet closed at each month end."""
    ends = month_ends(now)
    moments = [moment for _, moment in ends]
    recorded = recorded_by(session, authority_id, moments)
    closed = closed_by(session, authority_id, moments)
    return OpenSeries(
        [(label, r - c) for (label, _), r, c in zip(ends, recorded, closed, strict=True)]
    )
