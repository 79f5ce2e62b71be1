"""API: revised due dates awaiting a decision, deciding them, and who the token belongs to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from domain.accounts.visibility import home_authority
from domain.areas import due_dates
from web.api.schemas import DecisionIn, DueDateChangeOut, Me
from web.deps import ApiViewer, Db, RecordId

router = APIRouter()


@router.get("/due-date-requests", response_model=list[DueDateChangeOut], tags=["due dates"])
def pending(
    db: Db,
    viewer: ApiViewer,
    authority: Annotated[str | None, Query(max_length=200)] = None,
) -> list[DueDateChangeOut]:
    """Requests for a revised due date awaiting a decision in an authority, oldest first."""
    found = home_authority(db, viewer.actor, authority)
    assert found.id is not None
    return [
        DueDateChangeOut.model_validate(c, from_attributes=True)
        for c in due_dates.pending_requests(db, authority_id=found.id)
    ]


@router.post(
    "/due-date-requests/{change_id}/decision", response_model=DueDateChangeOut, tags=["due dates"]
)
def decide(db: Db, viewer: ApiViewer, change_id: RecordId, body: DecisionIn) -> DueDateChangeOut:
    """Approve (the new date takes effect) or reject a request for a revised due date; a
    rejection needs a `note` (else 422 `missing_reason`), which the person who asked reads."""
    change = due_dates.decide_due_date(
        db, change_id=change_id, **body.model_dump(), by=viewer.actor, now=viewer.now
    )
    return DueDateChangeOut.model_validate(change, from_attributes=True)


@router.get("/me", response_model=Me, tags=["people"])
def me(viewer: ApiViewer) -> Me:
    """The person the bearer token belongs to."""
    person = viewer.person
    return Me(
        id=person.id or 0,
        name=person.name,
        email=person.email,
        role=person.role.value,
        authority_id=viewer.actor.authority_id,
    )
