"""Administration: inspectors' access to one authority, granted, shortened and ended, with
the history of every change."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from domain.accounts import access_reads, inspector_access
from domain.accounts.administered import administered_authorities, administered_people
from domain.accounts.people import get_person
from domain.errors import DomainError, InvalidInput, NotFound
from domain.ids import record_id_in
from domain.permissions import require_any_administrator
from domain.vocabulary import Role
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import Shown, date_from_parts, date_parts, text
from web.templating import flash, long_date, render

router = APIRouter()
WHAT = "manage inspector access"


def access_response(
    request: Request, db: Db, viewer: Viewer, shown: Shown = Shown(), authority: int | None = None
) -> Response:
    """The access page for administrators: one authority's grants at a time, those still
    open with their shorten and end forms, the form to grant more, and the history."""
    authorities = administered_authorities(db, viewer.actor, WHAT)
    ids = [a.id for a in authorities]
    chosen = authority if authority in ids else (ids[0] if ids else None)
    grants, history = [], []
    if chosen is not None:
        grants = access_reads.access_grants(
            db, authority_id=chosen, by=viewer.actor, today=viewer.today
        )
        history = access_reads.access_history(db, authority_id=chosen, by=viewer.actor)
    everyone = administered_people(db, viewer.actor, WHAT, authority_id=chosen)
    open_ids = {str(g.id) for g in grants if g.is_open}
    context: dict[str, Any] = {
        "authorities": authorities,
        "authority": next((a for a in authorities if a.id == chosen), None),
        "open_grants": [g for g in grants if g.is_open],
        "past_grants": [g for g in grants if not g.is_open],
        "history": history,
        "inspectors": [p for p in everyone if p.role == Role.INSPECTOR and p.active],
        # An error about a grant no longer open has no form to point to: summary only.
        "errors": {_on_page(k, open_ids): v for k, v in shown.errors.items()},
        "values": shown.values,
    }
    return render(request, "admin_access.html", context, shown.status)


def _on_page(field: str, open_ids: set[str]) -> str:
    """The field an error links to, or "" when its grant's forms are not shown."""
    kind, _, grant_id = field.partition("-")
    return "" if kind in ("until", "end") and grant_id and grant_id not in open_ids else field


def _authority_of(form: FormData) -> int | None:
    """The authority the access page showed when one of its forms was sent."""
    value = text(form, "authority", 20)
    return record_id_in(value)


def _back_to(authority: int | None) -> RedirectResponse:
    return RedirectResponse(
        "/admin/access" if authority is None else f"/admin/access?authority={authority}", 303
    )


def _message(error: DomainError) -> str:
    return error.message[:1].upper() + error.message[1:]


@router.get("/admin/access")
def access_page(
    request: Request, db: Db, viewer: PageViewer, authority: int | None = None
) -> Response:
    return access_response(request, db, viewer, authority=authority)


@router.post("/admin/access/grant")
async def grant_access(request: Request, db: Db, viewer: PageViewer, form: PostedForm) -> Response:
    require_any_administrator(viewer.actor, WHAT)
    email, authority = text(form, "inspector", 320), _authority_of(form)
    first, last = date_parts(form, "from"), date_parts(form, "until")
    values = {"inspector": email, "from": first, "until": last}
    field = "inspector"
    try:
        if not email:
            raise InvalidInput("choose the inspector to give access to")
        if authority is None:
            raise InvalidInput("choose the authority the inspector may read")
        field = "from"
        starts = date_from_parts(first, "the first day of access")
        field = "until"
        until = date_from_parts(last, "the last day of access")
        if until is None:
            raise InvalidInput("give the last day of access, for example 30 4 2026")
        grant = inspector_access.grant_inspector_access(
            db,
            email=email,
            authority=str(authority),
            until=until,
            starts_on=starts,
            today=viewer.today,
            now=viewer.now,
            by=viewer.actor,
        )
    except DomainError as error:
        if isinstance(error, NotFound) or "inspector" in error.message:
            field = "inspector"
        shown = Shown({field: _message(error)}, values, status_for(error))
        return access_response(request, db, viewer, shown, authority)
    who = get_person(db, email).name
    flash(
        request, f"{who} can read from {long_date(grant.starts_on)} to {long_date(grant.ends_on)}"
    )
    return _back_to(authority)


@router.post("/admin/access/{grant_id}/shorten")
async def shorten_access(
    request: Request, db: Db, viewer: PageViewer, grant_id: RecordId, form: PostedForm
) -> Response:
    name = f"until-{grant_id}"
    parts, authority = date_parts(form, name), _authority_of(form)
    try:
        until = date_from_parts(parts, "the new last day of access")
        if until is None:
            raise InvalidInput("give the new last day of access, for example 30 4 2026")
        grant = inspector_access.shorten_inspector_access(
            db, grant_id=grant_id, until=until, by=viewer.actor, today=viewer.today, now=viewer.now
        )
    except DomainError as error:
        shown = Shown({name: _message(error)}, {name: parts}, status_for(error))
        return access_response(request, db, viewer, shown, authority)
    flash(request, f"Access {grant_id} now ends on {long_date(grant.ends_on)}")
    return _back_to(grant.authority_id)


@router.post("/admin/access/{grant_id}/end")
async def end_access(
    request: Request, db: Db, viewer: PageViewer, grant_id: RecordId, form: PostedForm
) -> Response:
    authority = _authority_of(form)
    try:
        grant = inspector_access.end_inspector_access(
            db, grant_id=grant_id, by=viewer.actor, today=viewer.today, now=viewer.now
        )
    except DomainError as error:
        shown = Shown({f"end-{grant_id}": _message(error)}, {}, status_for(error))
        return access_response(request, db, viewer, shown, authority)
    flash(request, f"Access {grant_id} has ended")
    return _back_to(grant.authority_id)
