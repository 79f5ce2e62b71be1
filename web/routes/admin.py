"""Administration: the people of an authority, their passwords and inspectors' access."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from domain.accounts import services as accounts
from domain.accounts.administered import administered_authorities, administered_people
from domain.accounts.people import get_person
from domain.errors import DomainError, InvalidInput
from domain.ids import record_id_in
from domain.permissions import may_administer
from web.deps import Db, PageViewer, PostedForm, Viewer
from web.errors import status_for
from web.forms import Shown, date_from_parts, date_parts, text
from web.templating import flash, long_date, render

router = APIRouter()


def people_response(
    request: Request, db: Db, viewer: Viewer, shown: Shown = Shown(), authority: int | None = None
) -> Response:
    """The people page, for administrators only: one authority's people at a time (with
    those of no authority, such as inspectors), so it stays short however many there are."""
    authorities = administered_authorities(db, viewer.actor, "manage people")
    ids = [a.id for a in authorities]
    chosen = authority if authority in ids else (ids[0] if ids else None)
    everyone = administered_people(db, viewer.actor, "manage people", authority_id=chosen)
    context = {
        "people": everyone,
        "authority_names": {a.id: a.name for a in authorities},
        "authorities": authorities,
        "shown_authority": chosen,
        "changeable": {p.id for p in everyone if may_administer(viewer.actor, p.authority_id)},
        "errors": shown.errors,
        "values": shown.values,
    }
    return render(request, "admin_people.html", context, shown.status)


def _shown_authority(form: FormData) -> int | None:
    """The authority the people page showed when a form on it was sent."""
    value = text(form, "shown_authority", 20)
    return record_id_in(value)


def _back_to(authority: int | None) -> str:
    """The people page showing `authority` again."""
    return "/admin/people" if authority is None else f"/admin/people?authority={authority}"


@router.get("/admin/people")
def people_page(
    request: Request, db: Db, viewer: PageViewer, authority: int | None = None
) -> Response:
    return people_response(request, db, viewer, authority=authority)


@router.post("/admin/people/password")
async def set_password(request: Request, db: Db, viewer: PageViewer, form: PostedForm) -> Response:
    email, password = text(form, "person", 320), text(form, "password", 400)
    shown_authority = _shown_authority(form)
    try:
        if not email:
            raise InvalidInput("choose the person whose password to set")
        person = accounts.set_password(db, email=email, password=password, by=viewer.actor)
    except DomainError as error:
        field = "person" if not email or "email" in error.message else "password"
        message = {field: error.message[:1].upper() + error.message[1:]}
        shown = Shown(message, {"person": email}, status_for(error))
        return people_response(request, db, viewer, shown, shown_authority)
    flash(request, f"Password set for {person.name}; tell them through a separate channel")
    return RedirectResponse(_back_to(shown_authority), 303)


@router.post("/admin/access")
async def grant_access(request: Request, db: Db, viewer: PageViewer, form: PostedForm) -> Response:
    email, authority = text(form, "inspector", 320), text(form, "authority", 20)
    shown_authority = _shown_authority(form)
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
        shown = Shown(message, values, status_for(error))
        return people_response(request, db, viewer, shown, shown_authority)
    who = get_person(db, email).name
    flash(request, f"{who} can read until {long_date(grant.ends_on)}")
    return RedirectResponse(_back_to(shown_authority), 303)
