"""The tables and vocabularies of the domain, one module per aggregate."""

from domain.models.accounts import AccessToken, InspectorAccess, LoginFailure, TokenPurpose
from domain.models.areas import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.models.carryover import CarryOverDecision, CarryOverOutcome
from domain.models.enums import (
    ChangeState,
    FindingKind,
    InspectionKind,
    Priority,
    Rag,
    Role,
    Status,
    UpdateKind,
    parse_choice,
)
from domain.models.inspections import Finding, Inspection
from domain.models.ledger import (
    Reminder,
    ReminderReason,
    ReminderState,
    RunRecord,
    WorkingDay,
)
from domain.models.people import Authority, Person

__all__ = [
    "AccessToken",
    "Authority",
    "CarryOverDecision",
    "CarryOverOutcome",
    "ChangeState",
    "DevelopmentArea",
    "DueDateChange",
    "Evidence",
    "Finding",
    "FindingKind",
    "Inspection",
    "InspectionKind",
    "InspectorAccess",
    "LoginFailure",
    "Person",
    "Priority",
    "ProgressUpdate",
    "Rag",
    "Reminder",
    "ReminderReason",
    "ReminderState",
    "Role",
    "RunRecord",
    "Status",
    "TokenPurpose",
    "UpdateKind",
    "WorkingDay",
    "parse_choice",
]
