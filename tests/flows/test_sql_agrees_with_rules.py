"""The set-based SQL planning owes exactly the reminders the pure rules owe, area by area."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from domain.areas.models import DevelopmentArea
from domain.areas.pauses import AreaPause
from domain.reminders.calendar_table import ensure_working_days
from domain.reminders.models import ReminderReason
from domain.reminders.owed_sql import wanted_reminders
from domain.reminders.planning import day_bounds
from domain.reminders.policy import Policy
from domain.reminders.rules import ReminderFacts, due_date_version, plan_reminders
from domain.vocabulary import Role, Status
from tests.flows.world import add_area, at, build_world, reminder_facts

# A spread of days: ordinary weekdays, a weekend, Easter Monday, the spring and autumn clock
# changes (29 March and 25 October 2026) and the days either side of them.
DAYS = [
    date(2026, 3, 2),
    date(2026, 3, 6),
    date(2026, 3, 27),
    date(2026, 3, 30),
    date(2026, 4, 6),  # Easter Monday
    date(2026, 4, 7),
    date(2026, 4, 11),  # Saturday
    date(2026, 5, 26),
    date(2026, 10, 26),
    date(2026, 12, 29),
]
POLICIES = [
    Policy(),
    Policy(remind_on_non_working_days=True),
    Policy(due_soon_days=(15, 5, 1), chase_every_days=3, stale_after_days=7),
    Policy(chase_every_days=0, stale_after_days=0, quiet_after_update_days=0),
    Policy(max_lead_pause_days=0, escalate_to_manager_after_days=3),
]
# Pauses laid over some areas of the spread: (which area, first day, last day, set by).
PAUSES = [
    (4, date(2026, 3, 2), date(2026, 4, 7), Role.LEAD),  # escalations back after 10 days
    (5, date(2026, 3, 2), date(2026, 4, 7), Role.LEAD),
    (9, date(2026, 3, 27), date(2026, 10, 26), Role.MANAGER),  # escalations wait throughout
    (20, date(2026, 4, 6), date(2026, 4, 6), Role.LEAD),  # one day: Easter Monday
    (30, date(2026, 5, 27), date(2026, 5, 26), Role.LEAD),  # resumed before it began
]


def _pause(session: Session, area_id: int, starts: date, until: date, role: Role) -> None:
    session.add(
        AreaPause(
            area_id=area_id,
            starts_on=starts,
            until=until,
            planned_until=max(starts, until),
            reason="Waiting for the agreed audit",
            set_by_role=role,
            set_at=datetime.combine(starts, datetime.min.time(), UTC),
        )
    )
    session.commit()


def _spread(session: Session) -> list[int]:
    """Areas whose due dates, updates and statuses cover every branch of the rules."""
    world = build_world(session, leads=2, window_start=date(2026, 6, 1))
    lead, other = world.leads
    created = datetime(2025, 11, 3, 9, tzinfo=UTC)
    areas = []
    base = date(2026, 1, 5)
    for step in range(0, 330, 9):
        due = base + timedelta(days=step)
        areas.append(add_area(session, world, owner=lead, due=due, created=created))
        # Updated at 23:30 UTC: in summer that is already the next day in London.
        areas.append(
            add_area(
                session,
                world,
                owner=other,
                due=due,
                created=created,
                progress_at=datetime.combine(due, datetime.min.time(), UTC) + timedelta(hours=-0.5),
            )
        )
    areas.append(add_area(session, world, owner=lead, due=None, created=created))
    areas.append(add_area(session, world, owner=None, due=date(2026, 2, 2), created=created))
    areas.append(
        add_area(session, world, owner=lead, due=date(2026, 2, 2), status=Status.COMPLETED)
    )
    areas.append(
        add_area(
            session,
            world,
            owner=lead,
            due=date(2026, 3, 27),
            created=created,
            progress_at=at(date(2026, 3, 29), 0, 30),  # the night the clocks go forward
        )
    )
    ids = [a.id for a in areas if a.id is not None]
    for index, starts, until, role in PAUSES:
        _pause(session, ids[index], starts, until, role)
    return ids


def _facts(session: Session, ids: list[int]) -> dict[int, tuple[DevelopmentArea, ReminderFacts]]:
    found = {}
    for area_id in ids:
        area = session.get(DevelopmentArea, area_id)
        assert area is not None
        found[area_id] = (area, reminder_facts(session, area))
    return found


@pytest.mark.parametrize("policy", POLICIES, ids=range(len(POLICIES)))
def test_sql_planning_matches_the_rules_on_every_day(session: Session, policy: Policy) -> None:
    facts = _facts(session, _spread(session))
    ensure_working_days(session, DAYS[0])
    # The SQL plans whatever day it is given; resting on weekends is decided before it runs.
    every_day = replace(policy, remind_on_non_working_days=True)
    dialect = session.get_bind().dialect.name
    checked = 0
    for today in DAYS:
        bounds = day_bounds(session, today, policy)
        owed = wanted_reminders(bounds, policy, None, dialect=dialect)
        from_sql = {tuple(row) for row in session.execute(owed).all()}
        expected = {
            (
                area.authority_id,
                area.id,
                planned.reason.value,
                planned.window_key,
                planned.recipient_id,
                due_date_version(area.due_date),
            )
            for area, area_facts in facts.values()
            for planned in plan_reminders(area_facts, today, every_day)
        }
        assert from_sql == expected, today
        checked += len(expected)
    assert checked > 100


def test_the_spread_reaches_every_reason(session: Session) -> None:
    facts = _facts(session, _spread(session))
    seen = {
        planned.reason
        for today in DAYS
        for _, area_facts in facts.values()
        for planned in plan_reminders(area_facts, today, Policy())
    }
    # Readiness reports and notices of a date not agreed are owed by other events, not by
    # the daily rules.
    assert seen == set(ReminderReason) - {ReminderReason.READINESS, ReminderReason.DATE_NOT_AGREED}


def test_the_spread_pauses_silence_leads_and_hold_escalations_for_a_time(
    session: Session,
) -> None:
    ids = _spread(session)
    facts = _facts(session, ids)
    policy = Policy()

    def owed(index: int, day: date, *, paused: bool = True) -> set[ReminderReason]:
        area_facts = facts[ids[index]][1]
        if not paused:
            area_facts = replace(area_facts, pauses=())
        return {p.reason for p in plan_reminders(area_facts, day, policy)}

    escalated = {ReminderReason.ESCALATE_MANAGER, ReminderReason.ESCALATE_DIRECTOR}
    # A lead's own pause: nothing at first, then escalations alone once the limit passes.
    assert ReminderReason.OVERDUE in owed(4, date(2026, 3, 6), paused=False)
    assert owed(4, date(2026, 3, 6)) == set()
    assert owed(4, date(2026, 3, 27)) == escalated
    # A manager's pause holds everything back for as long as it lasts.
    assert owed(9, date(2026, 5, 26)) == set()
    assert owed(9, date(2026, 5, 26), paused=False) >= escalated
