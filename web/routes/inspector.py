"""The inspector's read-only view of an authority's previous inspections, changed since a date."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from domain.errors import InvalidInput
from domain.models import Role
from domain.services import accounts
from web.deps import Db, PageViewer
from web.forms import date_from_parts
from web.readers.inspector import inspector_view
from web.readers.paging import page_number
from web.security import check_csrf
from web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/inspector")
def inspector_page(
    request: Request, db: Db, viewer: PageViewer, authority: str | None = None, page: int = 1
) -> Response:
    parts = {
        p: request.query_params.get(f"since-{p}", "").strip()[:4] for p in ("day", "month", "year")
    }
    errors: dict[str, str] = {}
    try:
        since = date_from_parts(parts, "the date")
    except InvalidInput as error:
        since, errors = None, {"since-day": error.message[:1].upper() + error.message[1:]}
    view = inspector_view(
        db,
        viewer.actor,
        authority=authority,
        changed_since=since,
        number=page_number(page),
        today=viewer.today,
    )
    grant = (
        accounts.access_in_force(db, person_id=viewer.actor.person_id, today=viewer.today)
        if viewer.role == Role.INSPECTOR
        else None
    )
    query = "&".join(f"since-{k}={v}" for k, v in parts.items() if v and since)
    context = {
        "view": view,
        "parts": parts if since or errors else {},
        "errors": errors,
        "grant": grant,
        "header_name": view.authority.name,
        "base": f"/inspector?authority={view.authority.id}" + (f"&{query}" if query else ""),
        "csv": f"/areas.csv?authority={view.authority.id}"
        + (f"&changed_since={since.isoformat()}" if since else ""),
    }
    return render(request, "inspector.html", context, 422 if errors else 200)
