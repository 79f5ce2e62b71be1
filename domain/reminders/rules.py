"""Which reminders an area is owed on a day, each keyed by the window it falls in.

Every reminder belongs to a window that is a range of days, never a single day, and its key
is the working-day number on which that window opened. A run on any day inside the window
finds the same key, so a run that was missed (machine off, weekend, outage) catches up on the
next run, and a second run on the same day finds nothing new. The windows:

* overdue: chase periods of `chase_every_days` working days from the due date;
* due today: the due date; due soon: the nearest threshold crossed (10, then 3 days ahead);
* stale: periods of `stale_after_days` working days from the last activity;
* at risk: the expected start of the next inspection window;
* escalations: the day the silence after the due date (or the last update, if later)
  reached the manager's or the director's threshold.

While an area's chase is paused the lead is owed nothing about it. Escalations wait too, but
a lead's own pause holds them back for `max_lead_pause_days` working days at most.

`plan_reminders` is the reference; domain.reminders.planning does the same in SQL for
every area at once, and tests check that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain.calendar import is_working_day, working_days_between
from domain.reminders.classification import AreaFacts, Classification, Reason, classify
from domain.reminders.models import ReminderReason
from domain.reminders.policy import Policy

# The working-day calendar table covers these days; dates outside it are never reminded about.
CALENDAR_START = date(2000, 1, 1)
CALENDAR_END = date(2079, 12, 31)

# Calendar days before an expected inspection window at which a readiness report goes out.
READINESS_DAYS = (90, 30, 7)

NO_DUE_DATE = "none"


def working_day_number(day: date) -> int:
    """How many working days fall after the calendar's first day, up to and including `day`."""
    return working_days_between(CALENDAR_START, day)


def working_day_numbers(start: date, end: date) -> list[tuple[date, int, bool]]:
    """Every day from `start` to `end` with its working-day number and whether it is worked."""
    number = working_day_number(start)
    rows = [(start, number, is_working_day(start))]
    day = start
    while day < end:
        day += timedelta(days=1)
        working = is_working_day(day)
        number += working
        rows.append((day, number, working))
    return rows


def due_date_version(due: date | None) -> str:
    """The due-date part of a reminder's key: a new due date makes new keys."""
    return due.isoformat() if due else NO_DUE_DATE


@dataclass(frozen=True)
class Pause:
    """A pause of an area's chase, from `starts_on` to `until` (both included)."""

    starts_on: date
    until: date
    by_lead: bool  # the lead paused their own chase: escalations wait a limited time only


@dataclass(frozen=True)
class ReminderFacts:
    """What planning needs about an area beyond the classification facts: who hears of it."""

    area: AreaFacts
    has_update: bool  # a progress update was recorded, not only the area's creation
    owner_id: int | None
    manager_id: int | None = None  # the owner's line manager, if active
    director_id: int | None = None  # the authority's director, if one is active
    pauses: tuple[Pause, ...] = ()


@dataclass(frozen=True, order=True)
class PlannedReminder:
    """One reminder owed today: its reason, the window it belongs to and who receives it."""

    reason: ReminderReason
    window_key: int
    recipient_id: int


def is_quiet(found: Classification, has_update: bool, policy: Policy) -> bool:
    """Whether a recent progress update silences the overdue chase."""
    since = found.working_days_since_activity
    return has_update and since is not None and since < policy.quiet_after_update_days


def period_start(opened: int, elapsed: int, every: int) -> int:
    """The number of the day the current period opened, periods being `every` days long."""
    return opened + (elapsed // every) * every if every > 0 else opened


def due_soon_threshold(to_due: int, policy: Policy) -> int:
    """The nearest due-soon threshold that `to_due` working days ahead has crossed."""
    return min(t for t in policy.due_soon_days if t >= to_due)


ESCALATIONS = (ReminderReason.ESCALATE_MANAGER, ReminderReason.ESCALATE_DIRECTOR)


def pause_on(facts: ReminderFacts, today: date) -> Pause | None:
    """The area's pause in force on `today`, if any."""
    return next((p for p in facts.pauses if p.starts_on <= today <= p.until), None)


def escalation_held(pause: Pause, today: date, policy: Policy) -> bool:
    """Whether a pause holds back escalations today: one set above the lead does for as
    long as it lasts; the lead's own, for its first `max_lead_pause_days` working days."""
    if not pause.by_lead:
        return True
    return working_day_number(today) - working_day_number(pause.starts_on) < (
        policy.max_lead_pause_days
    )


def plan_reminders(facts: ReminderFacts, today: date, policy: Policy) -> list[PlannedReminder]:
    """The reminders `facts` are owed on `today`, most urgent reason first."""
    area = facts.area
    if facts.owner_id is None or area.last_activity is None:
        return []
    if not (is_working_day(today) or policy.remind_on_non_working_days):
        return []
    planned = _unpaused(facts, today, policy)
    pause = pause_on(facts, today)
    if pause is None:
        return planned
    if escalation_held(pause, today, policy):
        return []
    return [p for p in planned if p.reason in ESCALATIONS]


def _unpaused(facts: ReminderFacts, today: date, policy: Policy) -> list[PlannedReminder]:
    """The reminders `facts` would be owed on `today` with no pause."""
    area = facts.area
    assert facts.owner_id is not None and area.last_activity is not None
    found = classify(area, today, policy)
    owner = facts.owner_id
    activity = working_day_number(area.last_activity)
    planned: list[PlannedReminder] = []
    if area.due_date is not None:
        due = working_day_number(area.due_date)
        if Reason.OVERDUE in found.reasons and not is_quiet(found, facts.has_update, policy):
            window = period_start(due, found.working_days_overdue, policy.chase_every_days)
            planned.append(PlannedReminder(ReminderReason.OVERDUE, window, owner))
        if Reason.DUE_TODAY in found.reasons:
            planned.append(PlannedReminder(ReminderReason.DUE_TODAY, due, owner))
        if Reason.DUE_SOON in found.reasons and found.working_days_to_due is not None:
            threshold = due_soon_threshold(found.working_days_to_due, policy)
            planned.append(PlannedReminder(ReminderReason.DUE_SOON, due - threshold, owner))
        if Reason.OVERDUE in found.reasons:
            planned += escalations(facts, due, activity, working_day_number(today), policy)
    if Reason.STALE in found.reasons and found.working_days_since_activity is not None:
        since = found.working_days_since_activity
        window = period_start(activity, since, policy.stale_after_days)
        planned.append(PlannedReminder(ReminderReason.STALE, window, owner))
    if Reason.AT_RISK in found.reasons and area.next_window_start is not None:
        window = working_day_number(area.next_window_start)
        planned.append(PlannedReminder(ReminderReason.AT_RISK, window, owner))
    return planned


def escalations(
    facts: ReminderFacts, due: int, activity: int, today: int, policy: Policy
) -> list[PlannedReminder]:
    """Escalations owed for an overdue area, counting silence from the due date or last update."""
    silent_since = max(due, activity)
    found = []
    for reason, after, recipient in (
        (ReminderReason.ESCALATE_MANAGER, policy.escalate_to_manager_after_days, facts.manager_id),
        (
            ReminderReason.ESCALATE_DIRECTOR,
            policy.escalate_to_director_after_days,
            facts.director_id,
        ),
    ):
        if recipient is not None and today - silent_since >= after:
            found.append(PlannedReminder(reason, silent_since + after, recipient))
    return found


def readiness_threshold(today: date, window_opens: date) -> int | None:
    """The readiness threshold (90, 30 or 7 days) crossed on `today`, or None when none is."""
    days = (window_opens - today).days
    crossed = [t for t in READINESS_DAYS if 0 <= days <= t]
    return min(crossed) if crossed else None


def is_likely_carried_over(found: Classification) -> bool:
    """Whether an open area looks set to be found unresolved: late or at risk, and gone quiet."""
    late = found.is_overdue or Reason.AT_RISK in found.reasons
    return late and found.is_stale
