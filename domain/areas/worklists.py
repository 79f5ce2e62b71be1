"""What an authority's managers act on: how many areas are overdue, due soon, without a lead
or awaiting a decision, and the same for each lead, counted with /areas's own conditions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.areas.listing import is_due_soon, is_unassigned
from domain.areas.models import DevelopmentArea, DueDateChange
from domain.areas.rag_cutoffs import RagCutoffs
from domain.areas.rag_sql import is_active, is_overdue
from domain.vocabulary import ChangeState


@dataclass(frozen=True)
class Worklists:
    """How many of an authority's areas are in each list the dashboard links to."""

    overdue: int
    due_soon: int
    unassigned: int
    awaiting_decision: int


@dataclass(frozen=True)
class LeadLoad:
    """One lead's active areas (no email and name: the areas nobody leads)."""

    email: str | None
    name: str | None
    open: int
    overdue: int
    due_soon: int


def worklists(session: Session, authority_id: int, cut: RagCutoffs) -> Worklists:
    """The counts, in one statement: three filtered counts over the authority's RAG index and
    the areas with a pending revised due date, found from the few pending requests."""
    area = DevelopmentArea
    awaiting = (
        select(func.count(distinct(col(DueDateChange.area_id))))
        .join(area, col(area.id) == DueDateChange.area_id)
        .where(DueDateChange.state == ChangeState.PENDING)
        .where(area.authority_id == authority_id, is_active())
        .scalar_subquery()
    )
    overdue, soon, unassigned, pending = session.exec(
        select(
            func.count().filter(is_overdue(cut.today)),
            func.count().filter(is_due_soon(cut)),
            func.count().filter(is_unassigned()),
            awaiting,
        ).where(area.authority_id == authority_id)
    ).one()
    return Worklists(int(overdue or 0), int(soon or 0), int(unassigned or 0), int(pending or 0))


def by_lead(session: Session, authority_id: int, cut: RagCutoffs) -> list[LeadLoad]:
    """Each lead with active areas, most overdue first, then most due soon, then by name;
    the areas with no lead come last."""
    area = DevelopmentArea
    per_owner = (
        select(
            col(area.owner_id).label("owner_id"),
            func.count().label("open"),
            func.count().filter(is_overdue(cut.today)).label("overdue"),
            func.count().filter(is_due_soon(cut)).label("due_soon"),
        )
        .where(area.authority_id == authority_id, is_active())
        .group_by(col(area.owner_id))
        .subquery()
    )
    rows = session.execute(
        sa_select(
            col(Person.email),
            col(Person.name),
            per_owner.c.open,
            per_owner.c.overdue,
            per_owner.c.due_soon,
        )
        .select_from(per_owner)
        .outerjoin(Person, col(Person.id) == per_owner.c.owner_id)
    )
    loads = [LeadLoad(e, n, int(o), int(late or 0), int(s or 0)) for e, n, o, late, s in rows]
    return sorted(
        loads, key=lambda x: (x.email is None, -x.overdue, -x.due_soon, (x.name or "").lower())
    )
