"""Administration: the people of an authority, their passwords and inspectors' access."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import select

from domain.errors import DomainError, InvalidInput
from domain.models import Authority
from domain.rules.permissions import may_administer
from domain.services import accounts
from web.deps import Db, PageViewer, Viewer
from web.errors import status_for
from web.forms import Shown, date_from_parts, date_parts, text
from web.readers.administered import administered_authorities, administered_people
from web.security import check_csrf
from web.templating import flash, long_date, render

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


def people_response(request: Request, db: Db, viewer: Viewer, shown: Shown = Shown()) -> Response:
    """The people page, for administrators only (of one authority, or of all)."""
    everyone = administered_people(db, viewer.actor, "manage people")
    context = {
        "people": everyone,
        "authority_names": {a.id: a.name for a in db.exec(select(Authority))},
        "authorities": administered_authorities(db, viewer.actor, "manage people"),
        "changeable": {p.id for p in everyone if may_administer(viewer.actor, p.authority_id)},
        "errors": shown.errors,
        "values": shown.values,
    }
    return render(request, "admin_people.html", context, shown.status)


@router.get("/admin/people")
def people_page(request: Request, db: Db, viewer: PageViewer) -> Response:
    return people_response(request, db, viewer)


@router.post("/admin/people/password")
async def set_password(request: Request, db: Db, viewer: PageViewer) -> Response:
    form = await request.form()
    email, password = text(form, "person", 320), text(form, "password", 400)
    try:
        if not email:
            raise InvalidInput("choose the person whose password to set")
        accounts.set_password(db, email=email, password=password, by=viewer.actor)
    except DomainError as error:
        field = "person" if not email or "email" in error.message else "password"
        message = {field: error.message[:1].upper() + error.message[1:]}
        return people_response(
            request, db, viewer, Shown(message, {"person": email}, status_for(error))
        )
    flash(request, f"Password set for {email}; tell them through a separate channel")
    return RedirectResponse("/admin/people", 303)


@router.post("/admin/access")
async def grant_access(request: Request, db: Db, viewer: PageViewer) -> Response:
    form = await request.form()
    email, authority = text(form, "inspector", 320), text(form, "authority", 20)
    parts = date_parts(form, "until")
    try:
        until = date_from_parts(parts, "the last day of access")
        if not email or not authority or until is None:
            raise InvalidInput(
                "choose the inspector and authority, and give the last day of access"
            )
        grant = accounts.grant_inspector_access(
            db,
            email=email,
            authority=authority,
            until=until,
            today=viewer.today,
            now=viewer.now,
            by=viewer.actor,
        )
    except DomainError as error:
        values = {"inspector": email, "authority": authority, **parts}
        message = {"inspector": error.message[:1].upper() + error.message[1:]}
        return people_response(request, db, viewer, Shown(message, values, status_for(error)))
    flash(request, f"{email} can read until {long_date(grant.ends_on)}")
    return RedirectResponse("/admin/people", 303)
