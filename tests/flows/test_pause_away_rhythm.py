"""The daily check honours pauses, absences and weekly rhythms, run as a function."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from domain.accounts.away import end_absence
from domain.accounts.people import actor_for
from domain.areas.pausing import pause_area
from domain.calendar import london_noon
from domain.dates import written_date
from domain.inspections.models import Inspection
from domain.permissions import SYSTEM
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.reminders.policies import policy_for, set_policy
from domain.reminders.report_store import KeptReport
from domain.reminders.run_records import schedule_health
from flows.daily_check import daily_check
from flows.readiness import readiness_report
from infra.db import session_scope
from infra.runtime import Runtime
from notifications import list_outbox, read_outbox_message
from tests.flows.example_world import (
    DANA,
    PRIYA,
    SAM,
    TOM,
    away,
    load_example_as_of,
    person_by_email,
    reads_weekly,
)

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)  # a Monday; no bank holiday until the end of August


def _sent(runtime: Runtime, seen: int = 0) -> list[tuple[str, str]]:
    """(to, text) of each message in the outbox after the first `seen`."""
    box = runtime.settings.outbox_dir
    return [(e.to, read_outbox_message(box, e.message_id).text) for e in list_outbox(box)[seen:]]


def _to(messages: list[tuple[str, str]], email: str) -> list[str]:
    return [text for to, text in messages if email in to]


def test_a_paused_area_is_not_chased_but_the_manager_hears_after_the_limit(
    runtime: Runtime,
) -> None:
    load_example_as_of(runtime, DAY)
    with session_scope(runtime.engine) as session:
        lead = person_by_email(session, PRIYA)
        authority = lead.authority_id or 0
        set_policy(
            session, authority_id=authority, overrides={"max_lead_pause_days": 15}, by=SYSTEM
        )
        assert policy_for(session, authority).max_lead_pause_days == 15
        pause_area(
            session,
            area_id=1,
            until=DAY + timedelta(days=60),
            reason="Health partners' audit agreed for July",
            by=actor_for(session, lead),
            today=DAY,
            now=london_noon(DAY),
        )

    daily_check.fn(as_of=DAY, runtime=runtime)
    [digest] = _to(_sent(runtime), PRIYA)
    assert "/areas/1#" not in digest and "/areas/2#" in digest

    # Ten working days on, area 2 escalates to the manager; area 1's lead paused it, and
    # the authority lets a lead's pause hold escalations back for fifteen.
    seen = len(list_outbox(runtime.settings.outbox_dir))
    daily_check.fn(as_of=DAY + timedelta(days=14), runtime=runtime)
    later = _sent(runtime, seen)
    [escalation] = _to(later, SAM)
    assert "/areas/2#" in escalation and "/areas/1#" not in escalation
    assert all("/areas/1#" not in text for text in _to(later, PRIYA))

    seen = len(list_outbox(runtime.settings.outbox_dir))
    daily_check.fn(as_of=DAY + timedelta(days=21), runtime=runtime)
    last = _sent(runtime, seen)
    assert any("/areas/1#" in text for text in _to(last, SAM))
    assert all("/areas/1#" not in text for text in _to(last, PRIYA))


def test_an_away_leads_reminders_reach_the_delegate_and_return_after(runtime: Runtime) -> None:
    load_example_as_of(runtime, DAY)
    with session_scope(runtime.engine) as session:
        lead, tom = person_by_email(session, PRIYA), person_by_email(session, TOM)
        away(session, lead, starts_on=DAY, days=6, delegate=tom)
        lead_id, tom_id = lead.id, tom.id

    daily_check.fn(as_of=DAY, runtime=runtime)
    sent = _sent(runtime)
    assert _to(sent, PRIYA) == []
    [for_priya] = _to(sent, TOM)
    assert "sent to you while Priya Raman is away until 7 June 2026" in for_priya
    assert "/areas/1#" in for_priya and "/account#reminder-settings" in for_priya
    with session_scope(runtime.engine) as session:
        rows = session.exec(select(Reminder).where(Reminder.state == ReminderState.SENT)).all()
        assert {(r.recipient_id, r.delegate_id) for r in rows} == {(lead_id, tom_id)}

    # Back from the eighth day: what she is owed reaches her again, and Tom no longer.
    seen = len(sent)
    daily_check.fn(as_of=DAY + timedelta(days=14), runtime=runtime)
    later = _sent(runtime, seen)
    assert _to(later, PRIYA) and not any("Priya Raman is away" in t for t in _to(later, TOM))


def test_ending_an_absence_early_gives_the_lead_their_reminders_that_day(
    runtime: Runtime,
) -> None:
    load_example_as_of(runtime, DAY)
    with session_scope(runtime.engine) as session:
        lead = person_by_email(session, PRIYA)
        away(session, lead, starts_on=DAY, days=20, delegate=None)  # their line manager acts
        end_absence(session, person=lead, by=SYSTEM, today=DAY, now=london_noon(DAY))

    daily_check.fn(as_of=DAY, runtime=runtime)
    sent = _sent(runtime)
    assert _to(sent, PRIYA) and _to(sent, SAM) == []


def test_a_weekly_reader_gets_their_reminders_on_their_day_and_escalations_are_not_held(
    runtime: Runtime,
) -> None:
    load_example_as_of(runtime, DAY)
    with session_scope(runtime.engine) as session:
        for email, day in ((PRIYA, "wednesday"), (SAM, "friday")):
            reads_weekly(session, person_by_email(session, email), day, now=london_noon(DAY))

    monday = daily_check.fn(as_of=DAY, runtime=runtime)
    assert _sent(runtime) == [] and monday.undelivered == ()
    with session_scope(runtime.engine) as session:
        waiting = session.exec(select(Reminder)).all()
        assert {(r.state, r.claim_token, r.attempts) for r in waiting} == {
            (ReminderState.PENDING, None, 0)
        }
        # The run says how many wait for a weekly day, so none is taken for lost.
        held = f"{len(waiting)} held for a weekly reader's day"
        assert len(waiting) > 1 and monday.held_for_weekly_day == len(waiting)
        assert held in monday.summary() and f"weekly reader's day | {len(waiting)} |" in (
            monday.markdown()
        )
        health = schedule_health(session, today=DAY)
        assert health.is_healthy and held in health.describe()

    daily_check.fn(as_of=DAY + timedelta(days=1), runtime=runtime)  # Tuesday: still held
    assert _sent(runtime) == []
    wednesday = daily_check.fn(as_of=DAY + timedelta(days=2), runtime=runtime)
    assert wednesday.held_for_weekly_day == 0 and "weekly" not in wednesday.summary()
    [digest] = _to(_sent(runtime), PRIYA)
    assert "/areas/1#" in digest and "/areas/3#" in digest

    # Sam reads weekly on Fridays, yet an escalation reaches him on a Monday.
    seen = len(list_outbox(runtime.settings.outbox_dir))
    daily_check.fn(as_of=DAY + timedelta(days=14), runtime=runtime)
    later = _sent(runtime, seen)
    assert len(_to(later, SAM)) == 1 and _to(later, PRIYA) == []
    with session_scope(runtime.engine) as session:
        escalations = session.exec(
            select(Reminder).where(Reminder.reason == ReminderReason.ESCALATE_MANAGER)
        ).all()
        assert escalations and all(r.state == ReminderState.SENT for r in escalations)


def test_a_readiness_report_goes_to_whoever_acts_for_a_director_away(runtime: Runtime) -> None:
    load_example_as_of(runtime, DAY)
    with session_scope(runtime.engine) as session:
        window = session.exec(select(Inspection)).one().next_window_start
        assert window is not None
        day = window - timedelta(days=30)
        director, sam = person_by_email(session, DANA), person_by_email(session, SAM)
        away(session, director, starts_on=day, days=9, delegate=sam)
        # Sam reads weekly, on another day: a readiness report does not wait for it.
        weekday = "friday" if day.weekday() != 4 else "monday"
        reads_weekly(session, sam, weekday, now=london_noon(day))
        director_id, sam_id = director.id, sam.id

    report = readiness_report.fn(as_of=day, runtime=runtime)

    sent = _sent(runtime)
    assert _to(sent, DANA) == [] and (report.planned, report.sent) == (1, 1)
    [for_dana] = _to(sent, SAM)
    assert for_dana.startswith("# Readiness for inspection: Eastmere Borough Council")
    until = written_date(day + timedelta(days=9))
    assert f"sent to you while Dana Okafor is away until {until}" in for_dana
    with session_scope(runtime.engine) as session:
        [row] = session.exec(select(Reminder)).all()
        assert (row.state, row.recipient_id, row.delegate_id) == (
            ReminderState.SENT,
            director_id,
            sam_id,
        )
        [kept] = session.exec(select(KeptReport)).all()
        assert "is away" not in kept.text  # the report kept for the web is the director's own
