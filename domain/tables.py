"""Every table of the domain, imported once so that SQLModel's metadata knows them all
(for migrations and for tests that create a schema directly)."""

from domain.accounts.changes import (  # inspector access and authority changes (0010)
    AuthorityMerge,
    AuthorityNameChange,
    InspectorAccessChange,
)
from domain.accounts.credentials import AccessToken, InspectorAccess, LoginFailure
from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.carryover.models import CarryOverDecision
from domain.inspections.models import Finding, Inspection
from domain.reminders.models import Reminder, RunRecord, WorkingDay

__all__ = [
    "AccessToken",
    "Authority",
    "AuthorityMerge",
    "AuthorityNameChange",
    "CarryOverDecision",
    "DevelopmentArea",
    "DueDateChange",
    "Evidence",
    "Finding",
    "Inspection",
    "InspectorAccess",
    "InspectorAccessChange",
    "LoginFailure",
    "Person",
    "ProgressUpdate",
    "Reminder",
    "RunRecord",
    "WorkingDay",
]
