"""API for administrators: adding and changing people, and authorities' reminder policies."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from domain.accounts import people
from domain.accounts.administered import administered_authority
from domain.accounts.models import PersonUpdate
from domain.reminders import policies
from web.api.schemas import PersonChangeIn, PersonIn, PersonOut, PolicyChangeIn, PolicyOut
from web.deps import ApiViewer, Db, RecordId

router = APIRouter()


@router.post("/people", response_model=PersonOut, status_code=201, tags=["people"])
def add_person(db: Db, viewer: ApiViewer, body: PersonIn) -> PersonOut:
    """Record a person, as `closeout person add` does; they sign in once given a password."""
    # The body's fields are the service's own: name, email, role, authority, manager_email.
    person = people.add_person(db, **body.model_dump(), now=viewer.now, by=viewer.actor)
    return PersonOut.model_validate(person, from_attributes=True)


@router.patch("/people/{person_id}", response_model=PersonOut, tags=["people"])
def change_person(
    db: Db, viewer: ApiViewer, person_id: RecordId, body: PersonChangeIn
) -> PersonOut:
    """Change a person's role, line manager or whether they may sign in."""
    changes = PersonUpdate(**body.model_dump(exclude_unset=True))
    person = people.update_person(db, person_id=person_id, changes=changes, by=viewer.actor)
    return PersonOut.model_validate(person, from_attributes=True)


@router.get("/authorities/{authority_id}/policy", response_model=PolicyOut, tags=["policies"])
def read_policy(db: Db, viewer: ApiViewer, authority_id: RecordId) -> dict[str, Any]:
    """The reminder policy in force for an authority."""
    administered_authority(db, viewer.actor, authority_id)
    return asdict(policies.policy_for(db, authority_id))


@router.patch("/authorities/{authority_id}/policy", response_model=PolicyOut, tags=["policies"])
def change_policy(
    db: Db, viewer: ApiViewer, authority_id: RecordId, body: PolicyChangeIn
) -> dict[str, Any]:
    """Change some settings of an authority's reminder policy; every value is checked first."""
    policy = policies.set_policy(
        db,
        authority_id=authority_id,
        overrides=body.model_dump(exclude_unset=True),
        by=viewer.actor,
    )
    return asdict(policy)
