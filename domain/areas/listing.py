"""All of an authority's development areas, searched, filtered and sorted in one query.

The page at /areas, its CSV and Excel downloads and the dashboard's counts share these
conditions, so a count on the dashboard is the length of the list it links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import and_, case, func, not_, or_
from sqlmodel import Session, col, select

from domain.accounts.models import Authority, Person
from domain.accounts.visibility import home_authority
from domain.areas.facts import next_window_start
from domain.areas.models import DevelopmentArea, DueDateChange
from domain.areas.rag_cutoffs import RagCutoffs, rag_cutoffs
from domain.areas.rag_sql import is_active, is_overdue, rag_expression
from domain.ids import record_id_in
from domain.inspections.models import Inspection
from domain.permissions import Actor
from domain.reminders.policies import policy_as_read
from domain.vocabulary import ChangeState, Priority, Rag, Status

ACTIVE = "active"  # open, in progress or blocked: the status filter's extra choice
StatusChoice = Status | Literal["active"]
MAX_WORDS = 10


class Sort(StrEnum):
    """The columns the list can be sorted by."""

    DUE = "due"
    TITLE = "title"
    LEAD = "lead"
    STATUS = "status"
    RAG = "rag"
    ID = "id"


class Direction(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class AreaFilters:
    """What the reader asked the list for; every condition given must hold."""

    q: str = ""
    lead: str | None = None  # the lead's email
    inspection: int | None = None
    status: StatusChoice | None = None
    rag: Rag | None = None
    due_after: date | None = None  # due on or after
    due_before: date | None = None  # due on or before
    carried_over: bool | None = None
    priority: Priority | None = None
    overdue: bool = False
    due_soon: bool = False
    unassigned: bool = False
    awaiting_decision: bool = False
    no_due_date: bool = False
    sort: Sort = Sort.DUE
    direction: Direction = Direction.ASC


@dataclass(frozen=True)
class Listing:
    """The authority listed, the day's RAG cutoffs, and the ordered query of its areas."""

    authority: Authority
    cut: RagCutoffs
    query: Any


def cutoffs_for(session: Session, authority_id: int, today: date) -> RagCutoffs:
    """The authority's RAG cutoffs on `today`, as its dashboard rates areas."""
    return rag_cutoffs(
        today, policy_as_read(session, authority_id), next_window_start(session, authority_id)
    )


def is_due_soon(cut: RagCutoffs) -> Any:
    """Active areas due today or within the authority's due-soon horizon (working days)."""
    due = col(DevelopmentArea.due_date)
    return and_(is_active(), due >= cut.today, due <= cut.due_soon_until)


def is_unassigned() -> Any:
    """Active areas nobody leads."""
    return and_(is_active(), col(DevelopmentArea.owner_id).is_(None))


def is_awaiting_decision() -> Any:
    """Active areas with a revised due date waiting for a decision."""
    pending = select(DueDateChange.area_id).where(DueDateChange.state == ChangeState.PENDING)
    return and_(is_active(), col(DevelopmentArea.id).in_(pending))


def matches_words(q: str) -> Any | None:
    """Areas whose title or text holds every word of `q`, in any case; a number also finds
    the area with that id ("12" or "#12"). None when `q` has no words."""
    words = q.split()[:MAX_WORDS]
    if not words:
        return None
    area = DevelopmentArea
    each = [
        or_(
            col(area.title).icontains(word, autoescape=True),
            col(area.text).icontains(word, autoescape=True),
        )
        for word in words
    ]
    number = record_id_in(q.strip().removeprefix("#"))
    found = and_(*each)
    return or_(col(area.id) == number, found) if number is not None else found


def conditions(wanted: AreaFilters, cut: RagCutoffs) -> list[Any]:
    """The SQL conditions of every filter given."""
    area = DevelopmentArea
    due = col(area.due_date)
    found: list[Any] = []
    if (words := matches_words(wanted.q)) is not None:
        found.append(words)
    if wanted.lead:
        lead = select(Person.id).where(Person.email == wanted.lead.strip().lower())
        found.append(col(area.owner_id).in_(lead))
    if wanted.inspection is not None:
        found.append(area.inspection_id == wanted.inspection)
    if wanted.status == ACTIVE:
        found.append(is_active())
    elif wanted.status is not None:
        found.append(area.status == wanted.status)
    if wanted.rag is not None:
        found.append(rag_expression(cut) == wanted.rag.value)
    if wanted.due_after is not None:
        found.append(due >= wanted.due_after)
    if wanted.due_before is not None:
        found.append(due <= wanted.due_before)
    if wanted.carried_over is not None:
        carried = col(area.carry_count) > 0
        found.append(carried if wanted.carried_over else not_(carried))
    if wanted.priority is not None:
        found.append(area.priority == wanted.priority)
    presets = [
        (wanted.overdue, is_overdue(cut.today)),
        (wanted.due_soon, is_due_soon(cut)),
        (wanted.unassigned, is_unassigned()),
        (wanted.awaiting_decision, is_awaiting_decision()),
        (wanted.no_due_date, due.is_(None)),
    ]
    found += [condition for chosen, condition in presets if chosen]
    return found


_STATUS_ORDER = {s.value: n for n, s in enumerate(Status)}
_RAG_ORDER = {"red": 0, "amber": 1, "green": 2}


def ordering(wanted: AreaFilters, cut: RagCutoffs) -> list[Any]:
    """ORDER BY terms for the sort asked for, then due date and id; descending reverses the
    whole order, so the list read backwards is the list the other way round."""
    area = DevelopmentArea
    keys: dict[Sort, list[Any]] = {
        Sort.DUE: [],
        Sort.TITLE: [func.lower(col(area.title))],
        Sort.LEAD: [func.lower(col(Person.name))],
        Sort.STATUS: [case(_STATUS_ORDER, value=col(area.status), else_=len(_STATUS_ORDER))],
        Sort.RAG: [case(_RAG_ORDER, value=rag_expression(cut), else_=3)],
        Sort.ID: [],
    }
    terms = [*keys[wanted.sort], *([] if wanted.sort == Sort.ID else [col(area.due_date)])]
    terms.append(col(area.id))
    if wanted.direction == Direction.DESC:
        return [term.desc().nulls_first() for term in terms]
    return [term.asc().nulls_last() for term in terms]


def area_listing(
    session: Session, actor: Actor, authority: str | int | None, wanted: AreaFilters, today: date
) -> Listing:
    """The areas of the authority asked for (else the reader's own) that match `wanted`, in
    the order asked for, after checking the reader may read that authority."""
    found = home_authority(session, actor, authority)
    assert found.id is not None
    cut = cutoffs_for(session, found.id, today)
    query = select(DevelopmentArea).where(
        DevelopmentArea.authority_id == found.id, *conditions(wanted, cut)
    )
    if wanted.sort == Sort.LEAD:
        query = query.outerjoin(Person, col(Person.id) == DevelopmentArea.owner_id)
    return Listing(found, cut, query.order_by(*ordering(wanted, cut)))


def filter_choices(session: Session, authority_id: int) -> tuple[list[Person], list[Inspection]]:
    """The people who lead any of the authority's areas, by name, and its inspections, newest
    first: the choices of the list's lead and inspection filters.

    The leads' ids come first from the authority's RAG index alone, then the people by id.
    Grouped by an expression, not the column: grouping by owner_id, SQLite would rather walk
    the (owner, status) index over every authority's areas than sort one authority's.
    """
    owner = func.coalesce(col(DevelopmentArea.owner_id), 0)
    owners = session.exec(
        select(owner).where(DevelopmentArea.authority_id == authority_id).group_by(owner)
    ).all()
    people = session.exec(
        select(Person)
        .where(col(Person.id).in_([o for o in owners if o]))
        .order_by(col(Person.name))
    )
    inspections = session.exec(
        select(Inspection)
        .where(Inspection.authority_id == authority_id)
        .order_by(col(Inspection.end_date).desc(), col(Inspection.id).desc())
    )
    return list(people), list(inspections)
