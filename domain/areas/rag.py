"""An explainable RAG rating: the colour and the reasons for it, or a person's override."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.reminders.classification import AreaFacts, Reason, classify
from domain.reminders.policy import Policy
from domain.vocabulary import Rag, Status


@dataclass(frozen=True)
class RagAssessment:
    rating: Rag
    reasons: tuple[str, ...]
    overridden: bool = False
    computed: Rag | None = None  # the rules' own rating, when a person overrode it


def computed_rag(facts: AreaFacts, today: date, policy: Policy = Policy()) -> RagAssessment:
    """The rating the rules give on `today`, each reason in words a committee would read."""
    if facts.status == Status.CLOSED:
        return RagAssessment(Rag.GREEN, ("closed and signed off",))
    if facts.status == Status.COMPLETED:
        return RagAssessment(Rag.GREEN, ("completed, awaiting sign-off",))
    found = classify(facts, today, policy)
    red: list[str] = []
    amber: list[str] = []
    if facts.status == Status.BLOCKED:
        red.append("blocked")
    if found.is_overdue:
        red.append(f"{_days(found.days_overdue)} overdue")
    if found.is_stale:
        amber.append(f"no progress update for {found.working_days_since_activity} working days")
    if facts.due_date is None:
        amber.append("no due date")
    if not facts.has_owner:
        amber.append("no lead assigned")
    if Reason.DUE_TODAY in found.reasons and facts.status == Status.OPEN:
        amber.append("due today and not started")
    if Reason.DUE_SOON in found.reasons and facts.status == Status.OPEN:
        amber.append(f"due in {_days(found.working_days_to_due, 'working ')} and not started")
    if Reason.AT_RISK in found.reasons:
        amber.append("due after the next inspection window opens")
    if red:
        return RagAssessment(Rag.RED, tuple(red + amber))
    if amber:
        return RagAssessment(Rag.AMBER, tuple(amber))
    due = found.working_days_to_due
    return RagAssessment(Rag.GREEN, (f"on track: due in {_days(due, 'working ')}",))


def _days(count: int | None, kind: str = "") -> str:
    return f"{count} {kind}{'day' if count == 1 else 'days'}"


def assess_rag(facts: AreaFacts, today: date, policy: Policy = Policy()) -> RagAssessment:
    """The rating to show: a person's recorded override if any, else the computed one."""
    computed = computed_rag(facts, today, policy)
    if facts.rag_override is None or not facts.status.is_active:
        return computed
    reason = facts.rag_override_reason or "no reason recorded"
    return RagAssessment(
        facts.rag_override,
        (f"set by a person: {reason}", *computed.reasons),
        overridden=True,
        computed=computed.rating,
    )
