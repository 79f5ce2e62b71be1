"""The inputs to rendering: digest items, digests and the urgency order that arranges them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

from domain.vocabulary import Rag

Reason = Literal["escalation", "overdue", "due_today", "due_soon", "stale", "at_risk"]
DigestKind = Literal["reminder", "escalation", "readiness"]

# Most urgent first; matches the domain's order of reasons, with escalations ahead of them all
# because an escalated area has already gone past its lead's own reminders.
URGENCY: tuple[Reason, ...] = get_args(Reason)
DIGEST_KINDS: tuple[DigestKind, ...] = get_args(DigestKind)
RAG_RATINGS: tuple[str, ...] = tuple(Rag)


@dataclass(frozen=True)
class DigestItem:
    """One development area that needs its reader's attention, and why."""

    area_id: str
    title: str
    authority: str
    status: str
    reason: Reason
    update_url: str
    due_date: date | None = None
    original_due_date: date | None = None  # set only when the due date was revised
    days_overdue: int = 0
    rag: str | None = None
    lead_name: str | None = None  # who leads the area; escalation digests group by it
    last_update_on: date | None = None

    def __post_init__(self) -> None:
        if self.reason not in URGENCY:
            raise ValueError(f"reason {self.reason!r} is not one of {', '.join(URGENCY)}")
        if self.rag is not None and self.rag not in RAG_RATINGS:
            raise ValueError(f"RAG rating {self.rag!r} is not one of {', '.join(RAG_RATINGS)}")
        if not self.update_url.startswith(("https://", "http://")):
            raise ValueError(f"update link {self.update_url!r} must start with https:// or http://")
        if self.days_overdue < 0:
            raise ValueError(f"days overdue {self.days_overdue} is negative; use 0 or more")

    @property
    def is_revised(self) -> bool:
        """Whether the agreed due date differs from the original one."""
        return self.original_due_date is not None and self.original_due_date != self.due_date


@dataclass(frozen=True)
class DateNotAgreed:
    """A revised due date the reader asked for that was not agreed, and the reason given."""

    area_id: str
    title: str
    authority: str
    asked_for: date
    because: str
    update_url: str

    def __post_init__(self) -> None:
        if not self.update_url.startswith(("https://", "http://")):
            raise ValueError(f"area link {self.update_url!r} must start with https:// or http://")


@dataclass(frozen=True)
class Digest:
    """Everything one person receives in one run, rendered as one message: the areas that
    need them (`items`) and the answers to their requests for new due dates (`notices`)."""

    recipient_name: str
    recipient_email: str
    kind: DigestKind
    run_date: date
    items: tuple[DigestItem, ...] = field(default_factory=tuple)
    notices: tuple[DateNotAgreed, ...] = field(default_factory=tuple)
    # Whether a reply to the message records progress (it carries a Reply-To with a token).
    replies: bool = False
    # Set when it goes to a delegate: "Priya Raman is away until 14 December 2026".
    away_note: str = ""
    # The reader's reminder settings (channels and rhythm), linked from every digest.
    settings_url: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in DIGEST_KINDS:
            raise ValueError(f"digest kind {self.kind!r} is not one of {', '.join(DIGEST_KINDS)}")
        if not self.items and not self.notices:
            raise ValueError(f"digest for {self.recipient_email!r} has no items; send none")
        # Accept any iterables but keep the frozen dataclass hashable and immutable.
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "notices", tuple(self.notices))


@dataclass(frozen=True)
class LeadGroup:
    """The items one lead is responsible for, as shown in an escalation digest."""

    lead_name: str
    items: tuple[DigestItem, ...]


NO_LEAD = "No lead assigned"


def urgency_key(item: DigestItem) -> tuple[int, int, date, str, str]:
    """Sort key putting the most urgent item first: reason, days overdue, due date, title."""
    return (
        URGENCY.index(item.reason),
        -item.days_overdue,
        item.due_date or date.max,
        item.title.casefold(),
        item.area_id,
    )


def by_urgency(items: tuple[DigestItem, ...]) -> tuple[DigestItem, ...]:
    """The items in order of urgency, most urgent first."""
    return tuple(sorted(items, key=urgency_key))


def group_by_lead(items: tuple[DigestItem, ...]) -> tuple[LeadGroup, ...]:
    """Items grouped by lead; the group holding the most urgent item comes first."""
    groups: dict[str, list[DigestItem]] = {}
    for item in by_urgency(items):
        groups.setdefault(item.lead_name or NO_LEAD, []).append(item)
    # Groups keep the position of their first (most urgent) item, so dict order is urgency order.
    return tuple(LeadGroup(lead, tuple(members)) for lead, members in groups.items())


def numbered(digest: Digest) -> tuple[DigestItem, ...]:
    """The items in the order the digest numbers them, 1 first: by urgency, or lead by lead
    for an escalation. A reply's "2: ..." names the second."""
    if digest.kind == "escalation":
        return tuple(item for group in group_by_lead(digest.items) for item in group.items)
    return by_urgency(digest.items)


def count_by_reason(items: tuple[DigestItem, ...]) -> tuple[tuple[Reason, int], ...]:
    """How many items have each reason, in order of urgency, leaving out reasons with none."""
    counts = {reason: 0 for reason in URGENCY}
    for item in items:
        counts[item.reason] += 1
    return tuple((reason, n) for reason, n in counts.items() if n)
