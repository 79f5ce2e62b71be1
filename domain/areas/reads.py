"""Development areas for pages and the API: a lead's own list, one area, filtered lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.accounts.visibility import readable_area
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence
from domain.areas.queries import area_detail, views_of
from domain.areas.rag_sql import is_active, is_overdue
from domain.areas.services import scope_of
from domain.areas.views import AreaView
from domain.areas.workflow import ALLOWED
from domain.errors import NotFound
from domain.inspections.models import Inspection
from domain.paging import PAGE_SIZE, Page, count_of, within
from domain.permissions import Action, Actor, is_allowed
from domain.vocabulary import ChangeState, Status


class Show(StrEnum):
    """Which of a lead's areas to list."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"


def in_tab_order(query: Any, show: Show, today: date) -> Any:
    """`query` narrowed to the tab's areas, most urgent (or, for done, latest) first."""
    if show == Show.DONE:
        return query.where(~is_active()).order_by(
            col(DevelopmentArea.updated_at).desc(), col(DevelopmentArea.id)
        )
    query = query.where(is_overdue(today) if show == Show.OVERDUE else is_active())
    # Soonest due first is most urgent first: overdue areas have the earliest dates.
    return query.order_by(col(DevelopmentArea.due_date).asc().nulls_last(), col(DevelopmentArea.id))


def area_page(session: Session, query: Any, number: int, today: date) -> Page[AreaView]:
    """One page of `query`'s areas as read models, counted and sliced in the database; a page
    asked for past the end of the list is the last page."""
    total = count_of(session, query)
    number = within(number, total)
    rows = list(session.exec(query.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)))
    return Page(views_of(session, rows, today), number, PAGE_SIZE, total)


def led_by_or_below(actor: Actor) -> Any:
    """The areas `actor` leads or that someone below them in the line of management leads
    (`Actor.manages` holds everyone below them, however far down)."""
    return col(DevelopmentArea.owner_id).in_(sorted({actor.person_id, *actor.manages}))


def my_areas(
    session: Session, actor: Actor, show: Show, number: int, today: date
) -> tuple[Page[AreaView], dict[Show, int]]:
    """The areas `actor` leads, and those led by the people they manage, most urgent first,
    with how many each tab holds."""
    mine = select(DevelopmentArea).where(led_by_or_below(actor))
    counts = session.exec(
        select(
            func.count().filter(is_active()),
            func.count().filter(is_overdue(today)),
            func.count().filter(~is_active()),
        ).where(led_by_or_below(actor))
    ).one()
    tabs = dict(zip(Show, (int(n or 0) for n in counts), strict=True))
    return area_page(session, in_tab_order(mine, show, today), number, today), tabs


@dataclass(frozen=True)
class Pending:
    """A revised due date awaiting a decision, with who asked."""

    change: DueDateChange
    requested_by: str | None


@dataclass(frozen=True)
class AreaOnPage:
    """Everything the development-area page shows, and which of its forms to offer."""

    area: DevelopmentArea
    detail: dict[str, Any]
    inspection: Inspection
    evidence: list[Evidence]
    pending: list[Pending]
    offers: frozenset[Action]
    next_statuses: list[Status]
    people: list[Person]


def area_on_page(session: Session, actor: Actor, area_id: int, today: date) -> AreaOnPage:
    """One area as its page shows it, if `actor` may read it."""
    area = readable_area(session, actor, area_id)
    scope = scope_of(area)
    offers = frozenset(a for a in Action if is_allowed(actor, a, scope))
    evidence = session.exec(
        select(Evidence).where(Evidence.area_id == area_id).order_by(col(Evidence.added_at))
    )
    pending = session.exec(
        select(DueDateChange, Person.name)
        .join(Person, col(Person.id) == DueDateChange.requested_by_id, isouter=True)
        .where(DueDateChange.area_id == area_id, DueDateChange.state == ChangeState.PENDING)
        .order_by(col(DueDateChange.requested_at))
    )
    inspection = session.get(Inspection, area.inspection_id)
    assert inspection is not None
    return AreaOnPage(
        area=area,
        detail=area_detail(session, area_id, today),
        inspection=inspection,
        evidence=list(evidence),
        pending=[Pending(change, name) for change, name in pending],
        offers=offers,
        next_statuses=[s for s in Status if s in ALLOWED[area.status] and s != Status.CLOSED],
        people=assignable_people(session, area.authority_id) if Action.ASSIGN in offers else [],
    )


def assignable_people(session: Session, authority_id: int) -> list[Person]:
    """The active leads, managers and directors of an authority, by name."""
    query = (
        select(Person)
        .where(Person.authority_id == authority_id, col(Person.active).is_(True))
        .where(col(Person.role).in_(["lead", "manager", "director"]))
        .order_by(col(Person.name))
    )
    return list(session.exec(query))


def evidence_file(session: Session, actor: Actor, evidence_id: int) -> Evidence:
    """A stored evidence file's record, if `actor` may read its area."""
    item = session.get(Evidence, evidence_id)
    if item is None or item.file_name is None:
        raise NotFound(f"evidence file {evidence_id} is not recorded")
    readable_area(session, actor, item.area_id)
    return item
