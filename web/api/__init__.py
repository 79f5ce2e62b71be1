"""The REST API under /api: bearer tokens, the pages' rules, JSON errors with stable codes."""

from fastapi import APIRouter

from web.api import (
    admin,
    areas,
    carryover,
    chase,
    decisions,
    health,
    imports,
    inbound_mail,
    inspector_access,
)
from web.api.schemas import Problem

ERRORS = {
    status: {"model": Problem, "description": description}
    for status, description in (
        (401, "No valid bearer token"),
        (403, "The rules do not allow this person to do this"),
        (404, "Not recorded"),
        (409, "Clashes with what is recorded: a newer version, a decided request"),
        (422, "Not valid input"),
    )
}

router = APIRouter(prefix="/api", responses=ERRORS)  # type: ignore[arg-type]
router.include_router(areas.router)
router.include_router(decisions.router)
router.include_router(imports.router)
router.include_router(carryover.router)
router.include_router(admin.router)
router.include_router(inspector_access.router)  # inspectors' access windows
router.include_router(health.router)
router.include_router(inbound_mail.router)  # replies to digests, from a mail relay
router.include_router(chase.router)  # pauses, absences and reminder settings
