"""The dashboard's set-based queries agree with the records they summarise, on both databases."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session, col, select

from domain.areas import due_dates, progress
from domain.areas.chart import month_ends, open_areas_by_month
from domain.areas.dashboard import approvals_page
from domain.areas.models import DueDateChange, ProgressUpdate
from domain.areas.services import assign_area
from domain.paging import PAGE_SIZE
from domain.permissions import SYSTEM
from domain.vocabulary import ChangeState, Role, Status
from tests import factories
from tests.factories import NOW


def test_the_chart_agrees_with_each_areas_recorded_and_closing_moments(session: Session) -> None:
    rnd = random.Random(11)
    where = factories.authority(session)
    boss = factories.actor(session, factories.person(session, where, Role.DIRECTOR))
    made = factories.inspection_with_areas(
        session,
        where,
        [f"Area {n}" for n in range(24)],
        start=date(2024, 1, 8),
        end=date(2024, 1, 9),
    )
    for area in made:
        area.created_at = NOW - timedelta(days=rnd.randint(30, 700), hours=rnd.randint(0, 23))
        session.add(area)
    session.commit()
    for n, area in enumerate(made):
        if n % 3 == 0:
            continue  # still open
        closed_at = area.created_at + timedelta(days=rnd.randint(1, 25))
        progress.record_progress(
            session, area_id=area.id or 0, by=boss, now=closed_at, status=Status.COMPLETED
        )
        progress.sign_off(session, area_id=area.id or 0, by=boss, now=closed_at)
        if n % 3 == 2:
            # A note after closing moves the area's last change on, not its closing.
            later = closed_at + timedelta(days=rnd.randint(1, 300))
            progress.record_progress(session, area_id=area.id or 0, by=boss, now=later, note="Seen")
    closings = session.exec(
        select(ProgressUpdate.created_at).where(
            col(ProgressUpdate.area_id).in_([a.id for a in made]),
            ProgressUpdate.status_to == Status.CLOSED,
        )
    ).all()
    assert where.id is not None
    expected = [
        sum(a.created_at <= moment for a in made) - sum(c <= moment for c in closings)
        for _, moment in month_ends(NOW)
    ]
    assert [n for _, n in open_areas_by_month(session, where.id, NOW).points] == expected
    assert len(closings) == 16 and expected[-1] == 8


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
    assert len(first.items) == PAGE_SIZE and len(second.items) == 2 and beyond.items == []
    asked = [pending.change.requested_at for pending, _ in first.items + second.items]
    assert asked == sorted(asked)
    assert [area.id for _, area in second.items] == [made[2].id, made[1].id]
    assert {pending.requested_by for pending, _ in first.items} == {"Asha Lead"}
    states = session.exec(select(DueDateChange.state)).all()
    assert set(states) == {ChangeState.PENDING}
