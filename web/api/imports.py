"""API: upload a letter or report to read it, then record it with any corrections."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from domain.areas import queries
from domain.areas.bulk import MAX_AT_ONCE, Assignment, assign_many
from domain.errors import InvalidInput
from domain.inspections import pending
from domain.inspections.corrections import Corrections, corrected, corrections_from_data
from domain.inspections.documents import preview
from domain.inspections.services import get_inspection
from web.deps import ApiViewer, Db, RecordId
from web.documents_upload import UploadRefused, read_upload

router = APIRouter(tags=["imports"])

CORRECTIONS_EXAMPLE = {
    "authority": "London Borough of Northam",
    "findings": [
        {
            "kind": "area_for_development",
            "heading": "Areas for development",
            "text": "Written plans for children in need are too general.",
        }
    ],
}


@router.post("/imports", status_code=201)
async def read_document(
    db: Db,
    viewer: ApiViewer,
    file: Annotated[UploadFile, File(description="a letter or report, PDF or text")],
    authority: Annotated[
        str | None, Form(max_length=200, description="record against this authority")
    ] = None,
) -> dict[str, Any]:
    """Read a document and hold the reading; nothing about the inspection is recorded.

    The answer is the reading as `closeout import --dry-run --format json` gives it, with the
    `id` to record it by and `recorded_inspection_id` when the same document was recorded.
    """
    try:
        document = await read_upload(file)
    except UploadRefused as refused:
        raise InvalidInput(str(refused), field="file") from None
    if authority:
        document = corrected(document, Corrections(authority=" ".join(authority.split())))
    held = pending.hold_document(db, document, by=viewer.actor, now=viewer.now)
    return {
        **preview(held.document),
        "id": held.id,
        "recorded_inspection_id": held.recorded.id if held.recorded else None,
    }


@router.post("/imports/{import_id}/record", status_code=201)
def record_document(
    db: Db,
    viewer: ApiViewer,
    import_id: RecordId,
    corrections: Annotated[
        dict[str, Any] | None,
        Body(
            description=(
                "what to record instead of the reading: authority, inspection_start, "
                "inspection_end, and the whole list of findings in order"
            ),
            examples=[CORRECTIONS_EXAMPLE],
        ),
    ] = None,
) -> JSONResponse:
    """Record a held reading, with any corrections, in one transaction.

    201 with the new inspection and its development areas; 200 and nothing new when the
    document was recorded before.
    """
    outcome = pending.record_pending(
        db,
        import_id,
        by=viewer.actor,
        now=viewer.now,
        corrections=corrections_from_data(corrections),
    )
    body = {
        "inspection_id": outcome.inspection.id,
        "authority": outcome.authority.name,
        "authority_id": outcome.authority.id,
        "authority_created": outcome.authority_created,
        "already_recorded": outcome.already_recorded,
        "area_ids": [area.id for area in outcome.areas],
        "suggestions": [s.to_dict() for s in outcome.suggestions],
    }
    return JSONResponse(body, 200 if outcome.already_recorded else 201)


class LeadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    area_id: int = Field(ge=1, le=2**31 - 1)
    owner: str = Field(min_length=1, max_length=320)
    due: date | None = None


class AssignmentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignments: list[LeadIn] = Field(min_length=1, max_length=MAX_AT_ONCE)


@router.post("/inspections/{inspection_id}/assignments", tags=["areas"])
def assign_leads(
    db: Db, viewer: ApiViewer, inspection_id: RecordId, body: AssignmentsIn
) -> list[dict[str, Any]]:
    """Give an inspection's areas their leads (and agreed due dates) in one transaction:
    all of them, or, when any is not valid, none, with each fault named."""
    get_inspection(db, inspection_id)
    wanted = [Assignment(a.area_id, a.owner, a.due) for a in body.assignments]
    done = assign_many(db, wanted, by=viewer.actor, now=viewer.now, inspection_id=inspection_id)
    return [view.to_dict() for view in queries.views_of(db, done, viewer.today)]
