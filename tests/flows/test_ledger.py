"""The reminder ledger on SQLite and PostgreSQL: nothing sent twice, nothing lost."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.areas.models import DevelopmentArea
from domain.calendar import add_working_days
from domain.reminders.history import reminders_of
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.vocabulary import Status
from tests.flows.ledger_steps import daily_run, finish, plan_and_claim
from tests.flows.world import World, add_area, at, build_world

DUE = date(2026, 3, 2)


def _overdue_world(session: Session) -> tuple[World, DevelopmentArea]:
    world = build_world(session)
    area = add_area(session, world, owner=world.leads[0], due=DUE, created=at(date(2026, 2, 23)))
    return world, area


def _states(session: Session) -> list[tuple[str, str, int]]:
    session.expire_all()
    rows = session.exec(select(Reminder).order_by(Reminder.id)).all()  # type: ignore[arg-type]
    return [(r.reason.value, r.state.value, r.attempts) for r in rows]


def test_running_twice_on_the_same_day_sends_nothing_new(session: Session) -> None:
    _overdue_world(session)
    first = daily_run(session, date(2026, 3, 3))
    second = daily_run(session, date(2026, 3, 3))
    assert [c.reason for c in first.claimed] == [ReminderReason.OVERDUE]
    assert second.claimed == []
    assert first.plan is not None and first.plan.planned == 1
    assert second.plan is not None and second.plan.planned == 0
    assert _states(session) == [("overdue", "sent", 1)]


def test_a_later_day_in_the_same_chase_week_sends_nothing_new(session: Session) -> None:
    _overdue_world(session)
    daily_run(session, date(2026, 3, 3))
    assert daily_run(session, date(2026, 3, 6)).claimed == []
    assert [c.reason for c in daily_run(session, date(2026, 3, 9)).claimed] == ["overdue"]


def test_a_failed_delivery_stays_pending_and_is_retried_on_the_next_run(session: Session) -> None:
    _overdue_world(session)
    daily_run(session, date(2026, 3, 3), delivered=False)
    assert _states(session) == [("overdue", "pending", 1)]
    retried = daily_run(session, date(2026, 3, 4))
    assert [c.reason for c in retried.claimed] == ["overdue"]
    assert _states(session) == [("overdue", "sent", 2)]


def test_after_the_last_attempt_a_reminder_is_failed_with_its_error(session: Session) -> None:
    _overdue_world(session)
    for day in (3, 4, 5):
        daily_run(session, date(2026, 3, day), delivered=False)
    assert _states(session) == [("overdue", "failed", 3)]
    [row] = session.exec(select(Reminder)).all()
    assert row.last_error == "relay down"
    assert daily_run(session, date(2026, 3, 6)).claimed == []


def test_changing_the_lead_cancels_the_pending_reminder(session: Session) -> None:
    world, area = _overdue_world(session)
    daily_run(session, date(2026, 3, 3), delivered=False)
    area.owner_id = world.leads[1].id
    session.add(area)
    session.commit()
    run = daily_run(session, date(2026, 3, 4))
    assert [(c.reason, c.recipient.id) for c in run.claimed] == [("overdue", world.leads[1].id)]
    assert _states(session) == [("overdue", "cancelled", 1), ("overdue", "sent", 1)]


def test_a_new_due_date_cancels_the_pending_reminder(session: Session) -> None:
    _, area = _overdue_world(session)
    daily_run(session, date(2026, 3, 3), delivered=False)
    area.due_date = date(2026, 6, 1)
    session.add(area)
    session.commit()
    assert daily_run(session, date(2026, 3, 4)).claimed == []
    assert _states(session) == [("overdue", "cancelled", 1)]


def test_closing_an_area_cancels_its_pending_reminders(session: Session) -> None:
    _, area = _overdue_world(session)
    daily_run(session, date(2026, 3, 3), delivered=False)
    area.status = Status.COMPLETED
    session.add(area)
    session.commit()
    assert daily_run(session, date(2026, 3, 4)).claimed == []
    assert _states(session) == [("overdue", "cancelled", 1)]


def test_a_pending_reminder_overtaken_by_a_later_window_is_replaced(session: Session) -> None:
    _overdue_world(session)
    daily_run(session, date(2026, 3, 3), delivered=False)
    run = daily_run(session, date(2026, 3, 10))
    assert [c.reason for c in run.claimed] == ["overdue"]
    assert _states(session) == [("overdue", "cancelled", 1), ("overdue", "sent", 1)]


def test_a_run_that_died_holding_reminders_gives_them_up_when_its_lease_runs_out(
    session: Session,
) -> None:
    _overdue_world(session)
    plan_and_claim(session, date(2026, 3, 3))  # and never finishes
    assert plan_and_claim(session, date(2026, 3, 3)).claimed == []
    later = plan_and_claim(session, date(2026, 3, 4))
    assert [c.reason for c in later.claimed] == ["overdue"]
    finish(session, later, delivered=True)
    assert _states(session) == [("overdue", "sent", 2)]


def test_runs_at_once_never_claim_the_same_reminder(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as setup:
        world = build_world(setup, leads=4)
        for n in range(40):
            add_area(
                setup,
                world,
                owner=world.leads[n % 4],
                due=DUE - timedelta(days=n),
                created=at(date(2026, 1, 5)),
            )
    runs = 4
    claimed: list[list[int]] = [[] for _ in range(runs)]
    barrier = threading.Barrier(runs)
    errors: list[BaseException] = []

    def run(slot: int) -> None:
        try:
            with Session(engine, expire_on_commit=False) as own:
                barrier.wait()
                done = plan_and_claim(own, date(2026, 3, 3))
                claimed[slot] = [c.id for c in done.claimed]
                finish(own, done, delivered=True)
        except BaseException as exc:  # surfaced below, in the test's own thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as check:
        rows = check.exec(select(Reminder)).all()
    everything = [i for ids in claimed for i in ids]
    assert sorted(everything) == sorted(r.id for r in rows)  # each claimed by exactly one run
    assert {r.state for r in rows} == {ReminderState.SENT}
    assert all(r.attempts == 1 for r in rows)


def test_the_ledger_shows_when_each_lead_was_chased(session: Session) -> None:
    world, area = _overdue_world(session)
    for day in (date(2026, 3, 3), date(2026, 3, 9), date(2026, 3, 16)):
        daily_run(session, day)
    assert area.id is not None
    rows = reminders_of(session, area_id=area.id)
    chased = [(r.reason, r.window_opened, r.recipient, r.state) for r in rows]
    lead, manager = world.leads[0].email, world.manager.email
    assert chased == [
        ("overdue", "2026-03-02", lead, "sent"),
        ("overdue", "2026-03-09", lead, "sent"),
        ("overdue", "2026-03-16", lead, "sent"),
        ("escalate_manager", "2026-03-16", manager, "sent"),
    ]


def test_activity_near_midnight_counts_on_its_london_date_after_the_clocks_go_forward(
    session: Session,
) -> None:
    world = build_world(session)
    # 23:30 UTC on Sunday 29 March 2026 is 00:30 on Monday 30 March in London, the clocks
    # having gone forward that morning: the area was last touched on the Monday.
    add_area(
        session,
        world,
        owner=world.leads[0],
        due=date(2027, 6, 1),
        created=at(date(2026, 3, 29), 23, 30),
    )
    monday = date(2026, 3, 30)
    assert daily_run(session, add_working_days(monday, 19)).claimed == []
    stale = daily_run(session, add_working_days(monday, 20)).claimed
    assert [c.reason for c in stale] == ["stale"]


def test_the_area_history_shows_its_delivered_reminders(session: Session) -> None:
    from domain.areas.queries import history_of

    world, area = _overdue_world(session)
    daily_run(session, date(2026, 3, 3))
    assert area.id is not None
    reminders = [e for e in history_of(session, area.id) if e["type"] == "reminder"]
    assert [(e["reason"], e["to"], e["state"], e["attempts"]) for e in reminders] == [
        ("overdue", world.leads[0].email, "sent", 1)
    ]


def test_planning_leaves_the_connection_s_settings_as_it_found_them(session: Session) -> None:
    _overdue_world(session)
    connection = session.connection()
    setting = "PRAGMA cache_size" if connection.dialect.name == "sqlite" else "SHOW work_mem"
    before = connection.exec_driver_sql(setting).scalar()

    assert plan_and_claim(session, date(2026, 3, 3)).claimed  # planned something in bulk

    assert session.connection().exec_driver_sql(setting).scalar() == before
