"""Every table of the domain, imported once so that SQLModel's metadata knows them all
(for migrations and for tests that create a schema directly)."""

from domain.accounts.absences import Absence  # people away, and who acts for them (0015)
from domain.accounts.changes import (  # inspector access and authority changes (0010)
    AuthorityMerge,
    AuthorityNameChange,
    InspectorAccessChange,
)
from domain.accounts.credentials import AccessToken, InspectorAccess, LoginFailure
from domain.accounts.models import Authority, Person
from domain.accounts.preferences import ReminderPreference  # channels and rhythm (0015)
from domain.accounts.session_key import SessionKey  # the shared session key (0017)
from domain.areas.evidence_store import EvidenceContent  # evidence files' bytes (0017)
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.areas.pauses import AreaPause  # areas whose chase is paused (0015)
from domain.carryover.models import CarryOverDecision
from domain.inspections.models import Finding, Inspection
from domain.reminders.batches import DailyCheckBatch  # the daily check's batches (0018)
from domain.reminders.models import Reminder, RunRecord, WorkingDay
from domain.reminders.report_store import KeptReport  # readiness reports (0017)
from domain.replies.models import InboundReply, ReplyDigest, ReplyTokenUse  # replies (0016)

__all__ = [
    "Absence",
    "AccessToken",
    "AreaPause",
    "Authority",
    "AuthorityMerge",
    "AuthorityNameChange",
    "CarryOverDecision",
    "DailyCheckBatch",
    "DevelopmentArea",
    "DueDateChange",
    "Evidence",
    "EvidenceContent",
    "Finding",
    "InboundReply",
    "Inspection",
    "InspectorAccess",
    "InspectorAccessChange",
    "KeptReport",
    "LoginFailure",
    "Person",
    "ProgressUpdate",
    "Reminder",
    "ReminderPreference",
    "ReplyDigest",
    "ReplyTokenUse",
    "RunRecord",
    "SessionKey",
    "WorkingDay",
]
