"""The words people read for each member of the domain's vocabularies, kept in one place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import partial
from types import MappingProxyType
from typing import TypeVar

from domain.vocabulary import (
    ClosedBy,
    FindingKind,
    InspectionKind,
    Rag,
    ReminderReason,
    Role,
    Status,
    UpdateKind,
)

E = TypeVar("E", bound=StrEnum)

# One mapping per vocabulary: members of different enums may share a value ("open" could be
# a status and something else), and a StrEnum member hashes as its value.
_TABLE: Mapping[type[StrEnum], Mapping[StrEnum, str]] = MappingProxyType(
    {
        InspectionKind: {
            InspectionKind.UCRA_LETTER: (
                "Unannounced inspection of contact, referral and assessment"
            ),
            InspectionKind.LAC_INSPECTION: "Safeguarding and looked after children inspection",
            InspectionKind.SIF_INSPECTION: "Single inspection framework inspection",
            InspectionKind.ILACS_INSPECTION: "ILACS inspection",
            InspectionKind.FOCUSED_VISIT: "Focused visit",
            InspectionKind.MONITORING_VISIT: "Monitoring visit",
            InspectionKind.JTAI: "Joint targeted area inspection",
            InspectionKind.AREA_SEND_INSPECTION: "Area SEND inspection",
            InspectionKind.OTHER: "Inspection",
        },
        # Findings are shown in lists, so a kind reads as the heading of its list.
        FindingKind: {
            FindingKind.PRIORITY_ACTION: "Areas for priority action",
            FindingKind.AREA_FOR_DEVELOPMENT: "Areas for development",
            FindingKind.STRENGTH: "Strengths",
            FindingKind.REQUIREMENT_MET: "Requirements met",
        },
        Status: {
            Status.OPEN: "Open",
            Status.IN_PROGRESS: "In progress",
            Status.BLOCKED: "Blocked",
            Status.COMPLETED: "Completed",
            Status.CLOSED: "Closed",
        },
        Rag: {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"},
        Role: {
            Role.LEAD: "Lead",
            Role.MANAGER: "Manager",
            Role.DIRECTOR: "Director of Children's Services",
            Role.INSPECTOR: "Inspector",
            Role.ADMIN: "Administrator",
        },
        UpdateKind: {
            UpdateKind.PROGRESS: "Progress update",
            UpdateKind.ASSIGNMENT: "Lead assigned",
            UpdateKind.SIGN_OFF: "Signed off",
            UpdateKind.CARRY_OVER: "Carried over",
            UpdateKind.SYSTEM: "Recorded",
        },
        ClosedBy: {
            ClosedBy.SIGN_OFF: "Signed off",
            ClosedBy.CARRY_OVER: "Carried over",
            ClosedBy.ADDRESSED: "Closed as addressed",
        },
        ReminderReason: {
            ReminderReason.OVERDUE: "Overdue",
            ReminderReason.DUE_TODAY: "Due today",
            ReminderReason.DUE_SOON: "Due soon",
            ReminderReason.STALE: "No recent progress",
            ReminderReason.AT_RISK: "Due after the next inspection window opens",
            ReminderReason.ESCALATE_MANAGER: "Escalated to the line manager",
            ReminderReason.ESCALATE_DIRECTOR: "Escalated to the director",
            ReminderReason.READINESS: "Readiness before the next inspection",
            ReminderReason.DATE_NOT_AGREED: "New due date not agreed",
        },
    }
)

LABELLED: tuple[type[StrEnum], ...] = tuple(_TABLE)

# What each role may do, in a sentence, for whoever chooses a person's role.
ROLE_HINTS: Mapping[Role, str] = MappingProxyType(
    {
        Role.LEAD: "Records progress on the development areas they lead.",
        Role.MANAGER: "Assigns leads, decides revised due dates and signs areas off.",
        Role.DIRECTOR: "Everything a manager does.",
        Role.INSPECTOR: "Reads, never edits, while you give them access.",
        Role.ADMIN: "Sets up people, inspectors' access and reminder policies.",
    }
)


def label(member: StrEnum) -> str:
    """The words for `member` as people read them: Status.IN_PROGRESS is 'In progress'."""
    return _TABLE[type(member)][member]


def label_of(enum: type[E], value: str | None) -> str:
    """The label of the member of `enum` stored as `value`; '' when there is no value.

    For templates, which are given stored codes as often as members; a code outside `enum`
    raises ValueError rather than showing a made-up label.
    """
    return "" if value is None or value == "" else label(enum(value))


# Every set of templates (pages, messages, the review pack) calls each vocabulary's labeller
# by the same filter name.
LABEL_FILTERS: Mapping[str, Callable[[str | None], str]] = MappingProxyType(
    {
        "inspection_kind": partial(label_of, InspectionKind),
        "status_label": partial(label_of, Status),
        "rag_label": partial(label_of, Rag),
        "role_label": partial(label_of, Role),
        "update_label": partial(label_of, UpdateKind),
        "reminder_reason": partial(label_of, ReminderReason),
    }
)
