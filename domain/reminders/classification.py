"""Classifying a development area on a given day: overdue, due soon, stale, at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.calendar import working_days_between
from domain.reminders.policy import Policy
from domain.vocabulary import Rag, Status


class Reason(StrEnum):
    """Why an area needs attention; the order is the order of urgency."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    STALE = "stale"
    AT_RISK = "at_risk"


@dataclass(frozen=True)
class AreaFacts:
    """What the rules need to know about an area, read from storage by the caller."""

    status: Status
    due_date: date | None
    last_activity: date | None  # last progress update, else when the area was recorded
    has_owner: bool = True
    next_window_start: date | None = None
    rag_override: Rag | None = None
    rag_override_reason: str | None = None


@dataclass(frozen=True)
class Classification:
    reasons: frozenset[Reason]
    days_overdue: int  # calendar days past the due date, 0 when not overdue
    working_days_overdue: int
    working_days_to_due: int | None  # negative when overdue
    working_days_since_activity: int | None

    @property
    def is_overdue(self) -> bool:
        return Reason.OVERDUE in self.reasons

    @property
    def is_stale(self) -> bool:
        return Reason.STALE in self.reasons


def classify(facts: AreaFacts, today: date, policy: Policy = Policy()) -> Classification:
    """The reasons `facts` need attention on `today`; completed and closed areas need none."""
    to_due = working_days_between(today, facts.due_date) if facts.due_date else None
    since = working_days_between(facts.last_activity, today) if facts.last_activity else None
    reasons: set[Reason] = set()
    days_overdue = working_overdue = 0
    if facts.status.is_active:
        if facts.due_date is not None and to_due is not None:
            if facts.due_date < today:
                reasons.add(Reason.OVERDUE)
                days_overdue = (today - facts.due_date).days
                working_overdue = -to_due
            elif facts.due_date == today:
                reasons.add(Reason.DUE_TODAY)
            elif to_due <= policy.due_soon_horizon:
                reasons.add(Reason.DUE_SOON)
            if (
                facts.next_window_start is not None
                and facts.due_date >= facts.next_window_start
                and working_days_between(today, facts.next_window_start)
                <= policy.at_risk_before_window_days
            ):
                reasons.add(Reason.AT_RISK)
        if since is not None and since >= policy.stale_after_days:
            reasons.add(Reason.STALE)
    return Classification(frozenset(reasons), days_overdue, working_overdue, to_due, since)


def most_urgent(reasons: frozenset[Reason]) -> Reason | None:
    """The reason that leads a reminder about an area with several."""
    return next((r for r in Reason if r in reasons), None)
