"""What a person reads to confirm a sign-off: the area, its evidence, its last updates, and
whether the authority's rule on evidence lets it be signed off yet."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from domain.accounts.models import Authority, Person
from domain.accounts.visibility import readable_area
from domain.areas.models import DevelopmentArea, Evidence, ProgressUpdate
from domain.areas.services import scope_of
from domain.areas.sign_off import evidence_needed
from domain.errors import InvalidTransition
from domain.labels import label
from domain.permissions import Action, Actor, require
from domain.vocabulary import Status

LAST_UPDATES = 3


@dataclass(frozen=True)
class UpdateShown:
    """One of the area's latest history entries, as the confirmation shows it."""

    update: ProgressUpdate
    by: str | None


@dataclass(frozen=True)
class SignOffPage:
    """What a person reads before signing an area off; `blocked` says why they cannot yet."""

    area: DevelopmentArea
    authority: str
    lead: str | None
    evidence: list[Evidence]
    last_updates: list[UpdateShown]
    blocked: str | None


def sign_off_page(session: Session, actor: Actor, area_id: int) -> SignOffPage:
    """The confirmation of a sign-off: only for a completed area, and for someone who may sign
    it off. Read-only."""
    area = readable_area(session, actor, area_id)
    require(actor, Action.SIGN_OFF, scope_of(area), f"development area {area_id}")
    if area.status != Status.COMPLETED:
        raise InvalidTransition(
            f"development area {area_id} is {label(area.status).lower()}; only an area its "
            "lead has marked completed can be signed off"
        )
    evidence = session.exec(
        select(Evidence).where(Evidence.area_id == area_id).order_by(col(Evidence.added_at))
    )
    updates = session.exec(
        select(ProgressUpdate, Person.name)
        .join(Person, col(Person.id) == ProgressUpdate.author_id, isouter=True)
        .where(ProgressUpdate.area_id == area_id)
        .order_by(col(ProgressUpdate.created_at).desc(), col(ProgressUpdate.id).desc())
        .limit(LAST_UPDATES)
    )
    authority = session.get(Authority, area.authority_id)
    lead = session.get(Person, area.owner_id) if area.owner_id else None
    return SignOffPage(
        area=area,
        authority=authority.name if authority else "",
        lead=lead.name if lead else None,
        evidence=list(evidence),
        last_updates=[UpdateShown(update, name) for update, name in updates],
        blocked=evidence_needed(session, area),
    )
