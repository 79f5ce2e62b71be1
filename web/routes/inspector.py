"""The inspector's read-only view of an authority's previous inspections, changed since a date,
and the choice among the authorities their grants open."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.accounts import services as accounts
from domain.carryover.inspector_view import inspector_view
from domain.paging import page_number
from domain.vocabulary import Role
from web.deps import INSPECTING, Db, PageViewer
from web.forms import DateQuery
from web.templating import render

router = APIRouter()


@router.get("/inspector")
def inspector_page(
    request: Request, db: Db, viewer: PageViewer, authority: str | None = None, page: int = 1
) -> Response:
    since = DateQuery.read(request.query_params, "since", "the date")
    view = inspector_view(
        db,
        viewer.actor,
        authority=authority,
        changed_since=since.value,
        number=page_number(page),
        today=viewer.today,
    )
    accesses = (
        accounts.accesses_in_force(db, person_id=viewer.actor.person_id, today=viewer.today)
        if viewer.role == Role.INSPECTOR
        else []
    )
    if accesses:
        # The other pages (the plan, the exports) open on the authority read here last.
        request.session[INSPECTING] = view.authority.id
    keep = f"&{since.query}" if since.query else ""
    context = {
        "view": view,
        "parts": since.shown,
        "errors": since.errors,
        "accesses": accesses,
        "grant": next((g for a, g in accesses if a.id == view.authority.id), None),
        "base": f"/inspector?authority={view.authority.id}{keep}",
        "csv": f"/areas.csv?authority={view.authority.id}"
        + (f"&changed_since={since.value.isoformat()}" if since.value else ""),
        "pack": f"/authorities/{view.authority.id}/pack"
        + (f"?{since.query}" if since.query else ""),
    }
    return render(request, "inspector.html", context, 422 if since.errors else 200)
