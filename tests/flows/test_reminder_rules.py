"""The pure reminder rules: which reminders are owed on a day, and the window each belongs to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.calendar import add_working_days
from domain.reminders.classification import AreaFacts
from domain.reminders.models import ReminderReason
from domain.reminders.policy import Policy
from domain.reminders.rules import (
    Pause,
    PlannedReminder,
    ReminderFacts,
    is_likely_carried_over,
    plan_reminders,
    readiness_threshold,
    working_day_number,
)
from domain.vocabulary import Status

LEAD, MANAGER, DIRECTOR = 1, 2, 3
DUE = date(2026, 3, 2)  # a Monday
CREATED = date(2026, 1, 5)


def facts(
    due: date | None = DUE,
    activity: date = CREATED,
    *,
    updated: bool = False,
    status: Status = Status.OPEN,
    window: date | None = None,
) -> ReminderFacts:
    return ReminderFacts(
        area=AreaFacts(
            status=status, due_date=due, last_activity=activity, next_window_start=window
        ),
        has_update=updated,
        owner_id=LEAD,
        manager_id=MANAGER,
        director_id=DIRECTOR,
    )


def owed(f: ReminderFacts, today: date, policy: Policy = Policy()) -> dict[ReminderReason, int]:
    return {p.reason: p.window_key for p in plan_reminders(f, today, policy)}


def test_an_area_due_in_two_weeks_is_owed_nothing() -> None:
    assert owed(facts(activity=date(2026, 2, 10)), date(2026, 2, 13)) == {}


def test_due_soon_keeps_one_key_per_threshold_crossed() -> None:
    f = facts(activity=date(2026, 2, 20))
    ten_ahead = add_working_days(DUE, -10)
    days = [add_working_days(ten_ahead, n) for n in range(0, 10)]
    keys = [owed(f, day)[ReminderReason.DUE_SOON] for day in days]
    # Ten to four working days ahead share the 10-day window; three days and less the 3-day one.
    assert keys[0] == working_day_number(DUE) - 10
    assert keys == [working_day_number(DUE) - 10] * 7 + [working_day_number(DUE) - 3] * 3
    assert (
        owed(f, add_working_days(DUE, -3))[ReminderReason.DUE_SOON] == working_day_number(DUE) - 3
    )


def test_due_today_is_owed_on_the_due_date() -> None:
    assert owed(facts(activity=date(2026, 2, 20)), DUE) == {
        ReminderReason.DUE_TODAY: working_day_number(DUE)
    }


def test_the_overdue_chase_is_weekly_in_working_days() -> None:
    f = facts(activity=date(2026, 2, 20))
    days = [add_working_days(DUE, n) for n in range(1, 12)]
    keys = {d: owed(f, d).get(ReminderReason.OVERDUE) for d in days}
    first_week = [keys[d] for d in days if working_day_number(d) - working_day_number(DUE) < 5]
    assert set(first_week) == {working_day_number(DUE)}
    assert keys[add_working_days(DUE, 5)] == working_day_number(DUE) + 5
    assert keys[add_working_days(DUE, 10)] == working_day_number(DUE) + 10


def test_a_week_long_outage_catches_up_with_one_reminder_not_several() -> None:
    f = facts(activity=date(2026, 2, 20))
    before = owed(f, add_working_days(DUE, 2))
    after = owed(f, add_working_days(DUE, 9))  # the machine was off for a week
    assert before == {ReminderReason.OVERDUE: working_day_number(DUE)}
    assert after == {ReminderReason.OVERDUE: working_day_number(DUE) + 5}


def test_a_progress_update_silences_the_chase_for_five_working_days() -> None:
    updated_on = add_working_days(DUE, 6)
    f = facts(activity=updated_on, updated=True)
    quiet_days = [add_working_days(updated_on, n) for n in range(0, 5)]
    assert all(ReminderReason.OVERDUE not in owed(f, d) for d in quiet_days)
    resumed = owed(f, add_working_days(updated_on, 5))
    assert resumed[ReminderReason.OVERDUE] == working_day_number(DUE) + 10


def test_the_creation_of_an_area_does_not_silence_the_chase() -> None:
    f = facts(activity=DUE, updated=False)
    assert ReminderReason.OVERDUE in owed(f, add_working_days(DUE, 1))


def test_escalation_goes_to_the_manager_after_ten_and_the_director_after_twenty() -> None:
    f = facts(activity=date(2026, 2, 20))
    nine, ten = add_working_days(DUE, 9), add_working_days(DUE, 10)
    twenty = add_working_days(DUE, 20)
    assert ReminderReason.ESCALATE_MANAGER not in owed(f, nine)
    assert owed(f, ten)[ReminderReason.ESCALATE_MANAGER] == working_day_number(ten)
    later = plan_reminders(f, twenty, Policy())
    assert (
        PlannedReminder(ReminderReason.ESCALATE_MANAGER, working_day_number(ten), MANAGER) in later
    )
    assert (
        PlannedReminder(ReminderReason.ESCALATE_DIRECTOR, working_day_number(twenty), DIRECTOR)
        in later
    )


def test_an_update_after_the_due_date_restarts_the_escalation_clock() -> None:
    updated_on = add_working_days(DUE, 8)
    f = facts(activity=updated_on, updated=True)
    assert ReminderReason.ESCALATE_MANAGER not in owed(f, add_working_days(DUE, 12))
    assert owed(f, add_working_days(updated_on, 10))[
        ReminderReason.ESCALATE_MANAGER
    ] == working_day_number(add_working_days(updated_on, 10))


def test_thresholds_come_from_the_authority_policy() -> None:
    policy = Policy().with_overrides({"escalate_to_manager_after_days": 3, "chase_every_days": 2})
    f = facts(activity=date(2026, 2, 20))
    day = add_working_days(DUE, 3)
    assert owed(f, day, policy) == {
        ReminderReason.OVERDUE: working_day_number(DUE) + 2,
        ReminderReason.ESCALATE_MANAGER: working_day_number(day),
    }


def test_no_reminders_on_a_weekend_unless_the_policy_allows() -> None:
    saturday = date(2026, 3, 7)
    f = facts(activity=date(2026, 2, 20))
    assert owed(f, saturday) == {}
    assert owed(f, saturday, Policy(remind_on_non_working_days=True)) == {
        ReminderReason.OVERDUE: working_day_number(DUE)
    }


def test_the_day_after_a_bank_holiday_monday_sends_what_the_monday_would_have() -> None:
    easter_monday, tuesday = date(2026, 4, 6), date(2026, 4, 7)
    f = facts(due=date(2026, 4, 9), activity=date(2026, 3, 20))
    assert owed(f, easter_monday) == {}
    would_have = owed(f, easter_monday, Policy(remind_on_non_working_days=True))
    assert (
        owed(f, tuesday)
        == would_have
        == {ReminderReason.DUE_SOON: working_day_number(date(2026, 4, 9)) - 3}
    )


def test_a_bank_holiday_is_not_counted_as_a_working_day_overdue() -> None:
    f = facts(due=date(2026, 4, 2), activity=date(2026, 3, 20))  # the Thursday before Easter
    # Good Friday and Easter Monday do not count, so 7 April is the first working day overdue.
    assert working_day_number(date(2026, 4, 7)) - working_day_number(date(2026, 4, 2)) == 1
    assert owed(f, date(2026, 4, 7)) == {
        ReminderReason.OVERDUE: working_day_number(date(2026, 4, 2))
    }


def test_stale_areas_are_reminded_once_per_stale_period() -> None:
    last = date(2026, 3, 2)
    f = facts(due=date(2026, 12, 1), activity=last)
    twenty = add_working_days(last, 20)
    assert owed(f, add_working_days(last, 19)) == {}
    assert owed(f, twenty) == {ReminderReason.STALE: working_day_number(twenty)}
    assert owed(f, add_working_days(last, 39)) == {ReminderReason.STALE: working_day_number(twenty)}
    forty = add_working_days(last, 40)
    assert owed(f, forty) == {ReminderReason.STALE: working_day_number(forty)}


def test_a_new_update_gives_stale_reminders_new_windows() -> None:
    first = facts(due=date(2026, 12, 1), activity=date(2026, 3, 2))
    second = replace(first, area=replace(first.area, last_activity=date(2026, 3, 3)))
    day = add_working_days(date(2026, 3, 3), 20)
    assert owed(first, day) != owed(second, day)


def test_an_area_due_after_the_next_window_opens_is_at_risk_once_per_window() -> None:
    window = date(2026, 7, 1)
    f = facts(due=date(2026, 9, 30), activity=date(2026, 3, 2), window=window)
    assert owed(f, date(2026, 3, 3)) == {ReminderReason.AT_RISK: working_day_number(window)}
    assert owed(f, date(2026, 3, 20)) == {ReminderReason.AT_RISK: working_day_number(window)}
    due_before = facts(due=date(2026, 6, 1), activity=date(2026, 3, 2), window=window)
    assert ReminderReason.AT_RISK not in owed(due_before, date(2026, 3, 3))


def test_closed_and_completed_areas_are_owed_nothing() -> None:
    for status in (Status.COMPLETED, Status.CLOSED):
        assert owed(facts(status=status), add_working_days(DUE, 30)) == {}


def test_an_area_without_a_lead_is_owed_nothing() -> None:
    f = replace(facts(), owner_id=None)
    assert plan_reminders(f, add_working_days(DUE, 30), Policy()) == []


def test_readiness_thresholds_are_ranges_of_days_before_the_window() -> None:
    opens = date(2026, 9, 1)
    assert readiness_threshold(opens - timedelta(days=91), opens) is None
    assert readiness_threshold(opens - timedelta(days=90), opens) == 90
    assert readiness_threshold(opens - timedelta(days=31), opens) == 90
    assert readiness_threshold(opens - timedelta(days=30), opens) == 30
    assert readiness_threshold(opens - timedelta(days=3), opens) == 7
    assert readiness_threshold(opens + timedelta(days=1), opens) is None


def test_an_overdue_area_gone_quiet_is_likely_to_be_carried_over() -> None:
    from domain.reminders.classification import classify

    quiet = classify(facts(activity=date(2026, 1, 5)).area, date(2026, 3, 20), Policy())
    active = classify(facts(activity=date(2026, 3, 18)).area, date(2026, 3, 20), Policy())
    assert is_likely_carried_over(quiet)
    assert not is_likely_carried_over(active)


def test_a_paused_area_owes_its_lead_nothing_and_a_leads_own_pause_holds_escalations_a_while() -> (
    None
):
    today = add_working_days(DUE, 25)  # long overdue: manager and director both owed
    started = add_working_days(today, -5)
    unpaused = owed(facts(), today)
    assert {ReminderReason.OVERDUE, ReminderReason.ESCALATE_MANAGER} <= set(unpaused)
    by_lead = replace(facts(), pauses=(Pause(started, today, by_lead=True),))
    assert owed(by_lead, today) == {}  # five working days into a ten-day limit
    after_limit = owed(by_lead, today, Policy(max_lead_pause_days=5))
    assert set(after_limit) == {ReminderReason.ESCALATE_MANAGER, ReminderReason.ESCALATE_DIRECTOR}
    # Same keys as without the pause: an escalation held back is the same escalation.
    assert after_limit[ReminderReason.ESCALATE_MANAGER] == unpaused[ReminderReason.ESCALATE_MANAGER]
    by_manager = replace(facts(), pauses=(Pause(started, today, by_lead=False),))
    assert owed(by_manager, today, Policy(max_lead_pause_days=0)) == {}
    ended = replace(facts(), pauses=(Pause(started, today - timedelta(days=1), by_lead=False),))
    assert owed(ended, today) == unpaused
