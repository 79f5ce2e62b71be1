"""Signing off: the authority's rule on evidence before a priority action is signed off."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from domain.accounts.models import Authority
from domain.areas.models import DevelopmentArea, Evidence
from domain.errors import MissingEvidence
from domain.reminders.policies import policy_as_read
from domain.vocabulary import Priority


def evidence_needed(session: Session, area: DevelopmentArea, *, adding: bool = False) -> str | None:
    """Why `area` may not be signed off yet, or None: a priority action with no evidence (and
    none `adding` with the sign-off) when its authority asks for evidence first."""
    if area.priority != Priority.HIGH or adding:
        return None
    if not policy_as_read(session, area.authority_id).evidence_before_priority_sign_off:
        return None
    held = session.exec(
        select(func.count()).select_from(Evidence).where(Evidence.area_id == area.id)
    ).one()
    if held:
        return None
    authority = session.get(Authority, area.authority_id)
    who = authority.name if authority else "the authority"
    return (
        f"add evidence before signing off development area {area.id}: it is a priority "
        f"action, and {who} needs evidence before a priority action is signed off"
    )


def check_evidence_for_sign_off(
    session: Session, area: DevelopmentArea, *, adding: bool = False
) -> None:
    """Refuse, with MissingEvidence, a sign-off that `evidence_needed` says must wait."""
    if problem := evidence_needed(session, area, adding=adding):
        raise MissingEvidence(problem, field="evidence")
