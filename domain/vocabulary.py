"""The fixed vocabularies of the domain: roles, kinds, statuses and ratings."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from domain.errors import InvalidChoice

E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """Return the member of `enum` spelled `value` (case and hyphen tolerant) or raise."""
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for member in enum:
        if member.value.replace("-", "_") == wanted:
            return member
    raise InvalidChoice(what, value, [m.value for m in enum])


class Role(StrEnum):
    LEAD = "lead"
    MANAGER = "manager"
    DIRECTOR = "director"
    INSPECTOR = "inspector"
    ADMIN = "admin"


class InspectionKind(StrEnum):
    UCRA_LETTER = "ucra-letter"
    LAC_INSPECTION = "lac-inspection"
    SIF_INSPECTION = "sif-inspection"
    ILACS_INSPECTION = "ilacs-inspection"
    FOCUSED_VISIT = "focused-visit"
    MONITORING_VISIT = "monitoring-visit"
    JTAI = "jtai"
    AREA_SEND_INSPECTION = "area-send-inspection"
    OTHER = "other"


class FindingKind(StrEnum):
    STRENGTH = "strength"
    REQUIREMENT_MET = "requirement_met"
    AREA_FOR_DEVELOPMENT = "area_for_development"
    PRIORITY_ACTION = "priority_action"

    @property
    def is_tracked(self) -> bool:
        """Whether findings of this kind become development areas."""
        return self in (FindingKind.AREA_FOR_DEVELOPMENT, FindingKind.PRIORITY_ACTION)


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    COMPLETED = "completed"
    CLOSED = "closed"

    @property
    def is_active(self) -> bool:
        """Whether the area still needs work from its lead."""
        return self in (Status.OPEN, Status.IN_PROGRESS, Status.BLOCKED)


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Priority(StrEnum):
    NORMAL = "normal"
    HIGH = "high"


class UpdateKind(StrEnum):
    """What a history entry records: lead progress, or a change made by someone else."""

    PROGRESS = "progress"
    ASSIGNMENT = "assignment"
    SIGN_OFF = "sign_off"
    CARRY_OVER = "carry_over"
    SYSTEM = "system"


class ClosedBy(StrEnum):
    """How a closed area came to be closed: signed off, carried over to a later area, or
    closed as addressed on a later letter's statement."""

    SIGN_OFF = "sign_off"
    CARRY_OVER = "carry_over"
    ADDRESSED = "addressed"


class ChangeState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ReminderState(StrEnum):
    """Where a reminder is in its life: owed, delivered, given up on, or no longer wanted."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ReminderReason(StrEnum):
    """Why a reminder is owed; the first five mirror the classification reasons. A notice that
    a revised due date was not agreed is recorded by the decision, not planned by the rules."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    STALE = "stale"
    AT_RISK = "at_risk"
    ESCALATE_MANAGER = "escalate_manager"
    ESCALATE_DIRECTOR = "escalate_director"
    READINESS = "readiness"
    DATE_NOT_AGREED = "date_not_agreed"

    @property
    def is_escalation(self) -> bool:
        """Whether the reminder goes to someone above the lead."""
        return self in (ReminderReason.ESCALATE_MANAGER, ReminderReason.ESCALATE_DIRECTOR)
