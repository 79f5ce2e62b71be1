"""An authority's dashboard: counts by status and RAG, overdue work, sign-offs and approvals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.models import Authority, DevelopmentArea, Person, Status
from domain.rules.permissions import Actor
from domain.rules.rag_cutoffs import rag_cutoffs
from domain.services.due_dates import pending_requests
from domain.services.facts import next_window_start
from domain.services.policies import policy_for
from domain.services.views import AreaView
from web.readers.access import home_authority
from web.readers.areas import Pending, area_page
from web.readers.chart import OpenSeries, open_areas_by_month
from web.readers.paging import PAGE_SIZE, Page
from web.readers.rag_sql import is_overdue, rag_expression


@dataclass(frozen=True)
class Dashboard:
    authority: Authority
    by_status: dict[str, int]
    by_rag: dict[str, int]
    overdue: Page[AreaView]
    awaiting_sign_off: Page[AreaView]
    approvals: Page[tuple[Pending, DevelopmentArea]]
    chart: OpenSeries


def rag_counts(session: Session, authority_id: int, today: date) -> dict[str, int]:
    """How many of an authority's areas are red, amber and green on `today`."""
    cut = rag_cutoffs(
        today, policy_for(session, authority_id), next_window_start(session, authority_id)
    )
    rating = rag_expression(cut).label("rating")
    rows = session.exec(
        select(rating, func.count())
        .where(DevelopmentArea.authority_id == authority_id)
        .group_by(rating)
    )
    found = {str(name): int(n) for name, n in rows}
    return {r: found.get(r, 0) for r in ("red", "amber", "green")}


def status_counts(session: Session, authority_id: int) -> dict[str, int]:
    """How many of an authority's areas are in each status."""
    rows = session.exec(
        select(DevelopmentArea.status, func.count())
        .where(DevelopmentArea.authority_id == authority_id)
        .group_by(col(DevelopmentArea.status))
    )
    found = {Status(s).value: int(n) for s, n in rows}
    return {s.value: found.get(s.value, 0) for s in Status}


def dashboard(
    session: Session,
    actor: Actor,
    *,
    authority: str | int | None,
    today: date,
    now: datetime,
    overdue_page: int = 1,
    sign_off_page: int = 1,
    approvals_page_number: int = 1,
) -> Dashboard:
    """What an authority's managers and director need to see and decide, on `today`."""
    found = home_authority(session, actor, authority)
    assert found.id is not None
    of_authority = select(DevelopmentArea).where(DevelopmentArea.authority_id == found.id)
    overdue = of_authority.where(is_overdue(today)).order_by(
        col(DevelopmentArea.due_date), col(DevelopmentArea.id)
    )
    completed = of_authority.where(DevelopmentArea.status == Status.COMPLETED).order_by(
        col(DevelopmentArea.updated_at), col(DevelopmentArea.id)
    )
    return Dashboard(
        authority=found,
        by_status=status_counts(session, found.id),
        by_rag=rag_counts(session, found.id, today),
        overdue=area_page(session, overdue, overdue_page, today),
        awaiting_sign_off=area_page(session, completed, sign_off_page, today),
        approvals=approvals_page(session, found.id, approvals_page_number),
        chart=open_areas_by_month(session, found.id, now),
    )


def approvals_page(
    session: Session, authority_id: int, number: int
) -> Page[tuple[Pending, DevelopmentArea]]:
    """One page of the revised due dates awaiting a decision, oldest first, with their areas."""
    requests = pending_requests(session, authority_id=authority_id)
    shown = requests[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    names = _names(session, {r.requested_by_id for r in shown})
    ids = [r.area_id for r in shown]
    areas = {
        a.id: a
        for a in session.exec(select(DevelopmentArea).where(col(DevelopmentArea.id).in_(ids)))
    }
    items = [(Pending(r, names.get(r.requested_by_id)), areas[r.area_id]) for r in shown]
    return Page(items, number, PAGE_SIZE, len(requests))


def _names(session: Session, ids: set[int | None]) -> dict[int | None, str]:
    wanted = [i for i in ids if i is not None]
    rows = session.exec(select(Person.id, Person.name).where(col(Person.id).in_(wanted)))
    return dict(rows.all())
