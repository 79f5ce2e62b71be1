"""Inspections: the list of an authority's, and one with its findings and development areas."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.inspections.reads import inspection_on_page, inspections_of
from domain.permissions import Action, Scope
from web.deps import Db, PageViewer, RecordId
from web.templating import render

router = APIRouter()


@router.get("/inspections")
def inspection_list(
    request: Request, db: Db, viewer: PageViewer, authority: str | None = None
) -> Response:
    found, listed = inspections_of(db, viewer.actor, authority)
    context = {
        "authority": found,
        "inspections": listed,
        "may_import": viewer.can(Action.IMPORT, Scope(found.id or 0)),
    }
    return render(request, "inspections.html", context)


@router.get("/inspections/{inspection_id}")
def inspection_page(
    request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId
) -> Response:
    page = inspection_on_page(db, viewer.actor, inspection_id, viewer.today)
    return render(request, "inspection.html", {"page": page})
