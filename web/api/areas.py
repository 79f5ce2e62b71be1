"""API: listing and reading development areas, recording progress, asking for new dates."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from domain.accounts import people
from domain.accounts.visibility import readable_area, readable_authority
from domain.areas import due_dates, progress, queries
from domain.areas import services as areas
from domain.areas.models import ProgressUpdate
from domain.dates import parse_date
from domain.errors import NotPermitted
from domain.permissions import readable_authorities
from domain.vocabulary import Rag, Status, parse_choice
from web.api.schemas import (
    Area,
    AreaDetail,
    AssignmentIn,
    DueDateChangeOut,
    DueDateRequestIn,
    SignOffIn,
    UpdateIn,
    UpdateOut,
)
from web.deps import ApiViewer, Db, RecordId
from web.forms import check_plausible_date

router = APIRouter(tags=["development areas"])


@router.get("/areas", response_model=list[Area])
def list_areas(
    db: Db,
    viewer: ApiViewer,
    authority: Annotated[str | None, Query(max_length=200)] = None,
    owner: Annotated[str | None, Query(max_length=320, description="the lead's email")] = None,
    status: Annotated[Status | None, Query()] = None,
    overdue: bool = False,
    as_of: Annotated[str | None, Query(max_length=30, description="YYYY-MM-DD")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[dict[str, Any]]:
    """Areas matching every filter, soonest due first, as `area list --format json` gives."""
    today = (
        check_plausible_date(parse_date(as_of, "as_of"), viewer.today, "as_of")
        if as_of
        else viewer.today
    )
    allowed = readable_authorities(viewer.actor)
    if authority:
        authority_id = readable_authority(db, viewer.actor, authority).id
    elif allowed is None:
        authority_id = None
    elif allowed:
        authority_id = viewer.actor.authority_id or min(allowed)
    else:
        raise NotPermitted(f"{viewer.actor.name} has no authority to read today")
    views = queries.list_areas(
        db,
        today=today,
        authority_id=authority_id,
        owner_id=people.get_person(db, owner).id if owner else None,
        status=status,
        overdue=overdue,
        limit=limit,
        offset=offset,
    )
    return [v.to_dict() for v in views]


@router.get("/areas/{area_id}", response_model=AreaDetail)
def show_area(db: Db, viewer: ApiViewer, area_id: RecordId) -> dict[str, Any]:
    """One area with its finding and history, as `area show --format json` gives."""
    readable_area(db, viewer.actor, area_id)
    return queries.area_detail(db, area_id, viewer.today)


def update_out(db: Db, update: ProgressUpdate) -> UpdateOut:
    area = areas.get_area(db, update.area_id)
    return UpdateOut(
        id=update.id or 0,
        area_id=update.area_id,
        kind=update.kind.value,
        created_at=update.created_at,
        note=update.note,
        status_from=update.status_from.value if update.status_from else None,
        status_to=update.status_to.value if update.status_to else None,
        rag=update.rag.value if update.rag else None,
        rag_reason=update.rag_reason,
        area_version=area.version,
    )


@router.post("/areas/{area_id}/updates", status_code=201, response_model=UpdateOut)
def record_progress(db: Db, viewer: ApiViewer, area_id: RecordId, body: UpdateIn) -> UpdateOut:
    """Record progress; pass the `version` you read so a newer update is not overwritten. A
    `rag` other than the rules' own needs `rag_reason` (else 422 `missing_reason`)."""
    rag = body.rag if body.rag != "auto" else None
    update = progress.record_progress(
        db,
        area_id=area_id,
        by=viewer.actor,
        now=viewer.now,
        note=body.note,
        status=body.status,
        rag=parse_choice(Rag, rag, "rag") if rag else None,
        rag_reason=body.rag_reason,
        clear_rag=body.rag == "auto",
        evidence=body.evidence,
        expected_version=body.version,
    )
    return update_out(db, update)


@router.post("/areas/{area_id}/sign-off", response_model=UpdateOut)
def sign_off(db: Db, viewer: ApiViewer, area_id: RecordId, body: SignOffIn) -> UpdateOut:
    """Close a completed area (managers, directors and administrators). An authority may ask
    for evidence before a priority action is signed off: without it, 422 `missing_evidence`."""
    update = progress.sign_off(db, area_id=area_id, by=viewer.actor, now=viewer.now, note=body.note)
    return update_out(db, update)


@router.post("/areas/{area_id}/due-date-requests", status_code=201, response_model=DueDateChangeOut)
def ask_for_due_date(
    db: Db, viewer: ApiViewer, area_id: RecordId, body: DueDateRequestIn
) -> JSONResponse:
    """Ask for a revised due date; from the lead's manager it takes effect at once."""
    check_plausible_date(body.to, viewer.today, "to")
    change = due_dates.change_due_date(
        db, area_id=area_id, to=body.to, reason=body.reason, by=viewer.actor, now=viewer.now
    )
    out = DueDateChangeOut.model_validate(change, from_attributes=True)
    return JSONResponse(out.model_dump(mode="json"), 201)


@router.post("/areas/{area_id}/assignment", response_model=Area)
def assign(db: Db, viewer: ApiViewer, area_id: RecordId, body: AssignmentIn) -> dict[str, Any]:
    """Give an area its lead, and optionally its agreed due date."""
    if body.due is not None:
        check_plausible_date(body.due, viewer.today, "due")
    areas.assign_area(
        db, area_id=area_id, owner_email=body.owner, due=body.due, by=viewer.actor, now=viewer.now
    )
    return queries.views_of(db, [areas.get_area(db, area_id)], viewer.today)[0].to_dict()
