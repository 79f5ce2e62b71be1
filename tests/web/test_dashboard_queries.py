"""The dashboard's set-based queries agree with the records they summarise, on both databases,
and the lists run as many statements for many areas as for few."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.areas import due_dates, queries
from domain.areas.chart import ChartBy, areas_chart
from domain.areas.dashboard import approvals_page
from domain.areas.listing import (
    AreaFilters,
    Direction,
    Sort,
    area_listing,
    cutoffs_for,
    filter_choices,
)
from domain.areas.models import DueDateChange
from domain.areas.services import assign_area
from domain.areas.worklists import by_lead, worklists
from domain.paging import PAGE_SIZE
from domain.permissions import SYSTEM, Actor
from domain.vocabulary import ChangeState, Priority, Rag, Role, Status
from tests import factories
from tests.factories import NOW
from tests.web.area_lists import add_varied_areas
from tests.web.conftest import Browser, World


def test_approvals_are_paged_oldest_first_and_counted(session: Session) -> None:
    where = factories.authority(session)
    boss = factories.person(session, where, Role.DIRECTOR)
    lead = factories.person(session, where, Role.LEAD, manager=boss, name="Asha Lead")
    asking = factories.actor(session, lead)
    made = factories.inspection_with_areas(session, where, [f"Area {n}" for n in range(28)])
    for n, area in enumerate(made):
        assign_area(session, area_id=area.id or 0, owner_email=lead.email, now=NOW, by=SYSTEM)
        due_dates.change_due_date(
            session,
            area_id=area.id or 0,
            to=date(2026, 9, 1) + timedelta(days=n),
            reason=f"Reason {n}",
            by=asking,
            now=NOW - timedelta(hours=n),
        )
    elsewhere = factories.authority(session)
    their_lead = factories.person(session, elsewhere, Role.LEAD)
    theirs = factories.inspection_with_areas(session, elsewhere, ["Theirs"])[0]
    assign_area(session, area_id=theirs.id or 0, owner_email=their_lead.email, now=NOW, by=SYSTEM)
    due_dates.change_due_date(
        session,
        area_id=theirs.id or 0,
        to=date(2026, 9, 1),
        reason="Another authority's",
        by=factories.actor(session, their_lead),
        now=NOW - timedelta(days=30),
    )
    # A request on an area no longer active waits for nobody.
    done = made[0]
    done.status = Status.COMPLETED
    session.add(done)
    session.commit()
    assert where.id is not None
    first = approvals_page(session, where.id, 1)
    second = approvals_page(session, where.id, 2)
    beyond = approvals_page(session, where.id, 3)
    assert (first.total, second.total, beyond.total) == (27, 27, 27)
    assert len(first.items) == PAGE_SIZE and len(second.items) == 2
    # A page past the end is the last page, never an empty page numbered past it.
    assert beyond.number == 2 and beyond.items == second.items
    asked = [pending.change.requested_at for pending, _ in first.items + second.items]
    assert asked == sorted(asked)
    assert [area.id for _, area in second.items] == [made[2].id, made[1].id]
    assert {pending.requested_by for pending, _ in first.items} == {"Asha Lead"}
    states = session.exec(select(DueDateChange.state)).all()
    assert set(states) == {ChangeState.PENDING}


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block."""
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


TODAY = NOW.date()
PAGES = {
    "/areas": 14,
    "/areas?q=area+work&sort=lead&dir=desc&rag=amber&status=active": 14,
    "/areas?due_soon=yes&awaiting_decision=yes&sort=rag": 14,
    "/areas?page=999": 14,
    "/dashboard": 26,
    "/dashboard?chart=inspection": 26,
    "/my-areas": 12,
}


def test_the_lists_run_as_many_statements_for_many_areas_as_for_few(
    browser: Callable[..., Browser], world: World
) -> None:
    manager = browser("manager")
    for path in PAGES:
        manager.get(path)  # warm: the first request reads what later ones have cached
    few = {}
    for path in PAGES:
        with statements(world.engine) as seen:
            assert manager.get(path).status_code == 200, path
        few[path] = len(seen)
    add_varied_areas(world, count=80)
    for path, bound in PAGES.items():
        with statements(world.engine) as seen:
            assert manager.get(path).status_code == 200, path
        assert len(seen) <= bound, (path, len(seen), seen)
        assert len(seen) <= few[path] + 2, (path, few[path], len(seen))


def _varied_authority(session: Session) -> tuple[int, Actor]:
    """An authority of 60 areas of every status, due date, lead, priority and override."""
    rnd = random.Random(23)
    where = factories.authority(session)
    boss = factories.person(session, where, Role.DIRECTOR, name="Boss")
    leads = [factories.person(session, where, manager=boss, name=n) for n in ("Ann", "bob")]
    words = ["supervision", "Audit", "health", "100% of plans"]
    made = factories.inspection_with_areas(
        session, where, [f"Area {n}: {rnd.choice(words)}" for n in range(60)]
    )
    for area in made:
        area.status = rnd.choice(list(Status))
        area.due_date = rnd.choice([None, TODAY + timedelta(days=rnd.randint(-60, 420))])
        area.owner_id = rnd.choice([None, *(p.id for p in leads)])
        area.priority = rnd.choice(list(Priority))
        area.carry_count = rnd.choice([0, 1])
        area.rag_override = rnd.choice([None, None, *Rag])
        area.rag_override_reason = "set by hand" if area.rag_override else None
        session.add(area)
    session.commit()
    assert where.id is not None
    return where.id, factories.actor(session, boss)


def test_the_list_its_counts_and_the_chart_agree_with_the_rules_on_both_databases(
    session: Session,
) -> None:
    authority_id, boss = _varied_authority(session)
    views = {v.id: v for v in queries.list_areas(session, today=TODAY, authority_id=authority_id)}
    active = [v for v in views.values() if v.status in ("open", "in_progress", "blocked")]

    def listed(wanted: AreaFilters) -> list[int]:
        found = area_listing(session, boss, authority_id, wanted, TODAY)
        return [a.id or 0 for a in session.exec(found.query)]

    assert set(listed(AreaFilters(q="AUDIT"))) == {
        v.id for v in views.values() if "audit" in v.text.lower()
    }
    assert set(listed(AreaFilters(q="100%"))) == {v.id for v in views.values() if "100%" in v.text}
    assert set(listed(AreaFilters(rag=Rag.AMBER, status="active"))) == {
        v.id for v in active if v.rag == "amber"
    }
    for sort in Sort:
        ascending = listed(AreaFilters(sort=sort))
        assert listed(AreaFilters(sort=sort, direction=Direction.DESC)) == ascending[::-1]
        assert sorted(ascending) == sorted(views)
    cut = cutoffs_for(session, authority_id, TODAY)
    counts = worklists(session, authority_id, cut)
    assert counts.overdue == sum(v.overdue for v in active)
    assert counts.unassigned == sum(v.owner is None for v in active)
    assert counts.due_soon == len(listed(AreaFilters(due_soon=True)))
    loads = {load.name: load for load in by_lead(session, authority_id, cut)}
    assert {n: load.open for n, load in loads.items()} == Counter(v.owner_name for v in active)
    chart = areas_chart(session, authority_id, cut, ChartBy.DUE)
    assert sum(bar.total for bar in chart.bars) == len(active)
    assert sum(bar.counts["red"] for bar in chart.bars) == sum(v.rag == "red" for v in active)
    by_inspection = areas_chart(session, authority_id, cut, ChartBy.INSPECTION)
    assert [bar.total for bar in by_inspection.bars] == [len(active)]
    people, inspections = filter_choices(session, authority_id)
    assert [p.name for p in people] == ["Ann", "bob"] and len(inspections) == 1
