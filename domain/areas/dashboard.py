"""An authority's dashboard: counts by status and RAG, overdue work, sign-offs and approvals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from domain.accounts.models import Authority, Person
from domain.accounts.visibility import home_authority
from domain.areas.chart import Chart, ChartBy, areas_chart
from domain.areas.listing import cutoffs_for
from domain.areas.models import DevelopmentArea, DueDateChange
from domain.areas.rag_cutoffs import RagCutoffs
from domain.areas.rag_sql import is_active, is_overdue, rag_expression
from domain.areas.reads import Pending, area_page
from domain.areas.views import AreaView
from domain.areas.worklists import LeadLoad, Worklists, by_lead, worklists
from domain.paging import PAGE_SIZE, Page, count_of, within
from domain.permissions import Actor
from domain.vocabulary import ChangeState, Status

# Far more than the areas one authority will ever hold, so red and amber never overlap.
AMBER_WEIGHT = 1 << 32


@dataclass(frozen=True)
class Dashboard:
    authority: Authority
    by_status: dict[str, int]
    by_rag: dict[str, int]
    overdue: Page[AreaView]
    awaiting_sign_off: Page[AreaView]
    approvals: Page[tuple[Pending, DevelopmentArea]]
    chart: Chart
    worklists: Worklists
    leads: list[LeadLoad]


def rag_counts(
    session: Session, authority_id: int, today: date, cut: RagCutoffs | None = None
) -> dict[str, int]:
    """How many of an authority's areas are red, amber and green on `today`.

    One pass over the authority's RAG index that works the rating out once per area: red adds
    1 and amber AMBER_WEIGHT to a single sum, which splits back into the two counts; green is
    the rest. (Filtered counts would rate each area twice; GROUP BY would sort on SQLite.)
    """
    cut = cut or cutoffs_for(session, authority_id, today)
    weight = case({"red": 1, "amber": AMBER_WEIGHT}, value=rag_expression(cut), else_=0)
    weighted, total = session.exec(
        select(func.sum(weight), func.count()).where(DevelopmentArea.authority_id == authority_id)
    ).one()
    amber, red = divmod(int(weighted or 0), AMBER_WEIGHT)
    return {"red": red, "amber": amber, "green": int(total) - red - amber}


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
    overdue_page: int = 1,
    sign_off_page: int = 1,
    approvals_page_number: int = 1,
    chart_by: ChartBy = ChartBy.DUE,
) -> Dashboard:
    """What an authority's managers and director need to see and decide, on `today`."""
    found = home_authority(session, actor, authority)
    assert found.id is not None
    cut = cutoffs_for(session, found.id, today)
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
        by_rag=rag_counts(session, found.id, today, cut),
        overdue=area_page(session, overdue, overdue_page, today),
        awaiting_sign_off=area_page(session, completed, sign_off_page, today),
        approvals=approvals_page(session, found.id, approvals_page_number),
        chart=areas_chart(session, found.id, cut, chart_by),
        worklists=worklists(session, found.id, cut),
        leads=by_lead(session, found.id, cut),
    )


def approvals_page(
    session: Session, authority_id: int, number: int
) -> Page[tuple[Pending, DevelopmentArea]]:
    """One page of the revised due dates awaiting a decision, oldest first, with their areas.

    The requests `pending_requests` lists, sliced and counted (a window count) in one query.
    Each pending request looks up its own area: requests awaiting a decision are few and an
    authority's areas many, and a join would have the database read every area to match them.
    """
    area_authority = (
        select(DevelopmentArea.authority_id)
        .where(col(DevelopmentArea.id) == DueDateChange.area_id, is_active())
        .scalar_subquery()
    )
    query = (
        select(DueDateChange, Person.name)
        .join(Person, col(Person.id) == DueDateChange.requested_by_id, isouter=True)
        .where(DueDateChange.state == ChangeState.PENDING, area_authority == authority_id)
        .order_by(col(DueDateChange.requested_at), col(DueDateChange.id))
    )
    counted = query.add_columns(func.count().over())
    rows = list(session.execute(counted.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)))
    # Past the last page no row carries the count: count, and show the last page instead.
    total = int(rows[0][-1]) if rows else count_of(session, query)
    if not rows and total:
        number = within(number, total)
        rows = list(session.execute(counted.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)))
    ids = [change.area_id for change, _, _ in rows]
    areas = {
        a.id: a
        for a in session.exec(select(DevelopmentArea).where(col(DevelopmentArea.id).in_(ids)))
    }
    items = [(Pending(change, name), areas[change.area_id]) for change, name, _ in rows]
    return Page(items, number, PAGE_SIZE, total)
