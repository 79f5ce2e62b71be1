"""Administration: adding a person, and changing a person's role, line manager and sign-in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from domain.accounts import people
from domain.accounts.administered import (
    administered_authorities,
    administered_person,
    possible_line_managers,
)
from domain.accounts.models import Authority, Person, PersonUpdate
from domain.errors import DomainError, InvalidChoice, InvalidInput
from domain.labels import ROLE_HINTS, label
from domain.vocabulary import Role, parse_choice
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import Shown, field_error, text
from web.templating import flash, render

router = APIRouter()

ROLE_OPTIONS = [(role.value, label(role), hint) for role, hint in ROLE_HINTS.items()]


def _role(value: str) -> Role:
    if not value:
        raise InvalidInput("choose the person's role", field="role")
    try:
        return parse_choice(Role, value, "role")
    except InvalidChoice as bad:
        bad.field = "role"
        raise


def new_person_response(
    request: Request, db: Db, viewer: Viewer, shown: Shown = Shown()
) -> Response:
    """The form to add a person to the authorities the viewer administers."""
    authorities = administered_authorities(db, viewer.actor, "add people")
    context = {
        "authorities": authorities,
        "anywhere": viewer.actor.authority_id is None,
        "managers": possible_line_managers(db, [a.id for a in authorities]),
        "authority_names": {a.id: a.name for a in authorities},
        "roles": ROLE_OPTIONS,
        "errors": shown.errors,
        "values": shown.values,
    }
    return render(request, "admin_person_new.html", context, shown.status)


@router.get("/admin/people/new")
def new_person_page(request: Request, db: Db, viewer: PageViewer) -> Response:
    return new_person_response(request, db, viewer)


@router.post("/admin/people")
async def add_person(request: Request, db: Db, viewer: PageViewer, form: PostedForm) -> Response:
    fields = (("name", 1000), ("email", 1000), ("role", 20), ("authority", 20))
    values = {name: text(form, name, limit) for name, limit in fields}
    values["manager_email"] = text(form, "manager_email", 320)
    try:
        person = people.add_person(
            db,
            name=values["name"],
            email=values["email"],
            role=_role(values["role"]),
            authority=values["authority"] or None,
            manager_email=values["manager_email"] or None,
            now=viewer.now,
            by=viewer.actor,
        )
    except DomainError as error:
        errors = field_error(error, (), "name")
        return new_person_response(request, db, viewer, Shown(errors, values, status_for(error)))
    flash(request, f"{person.name} added; set their password below")
    return RedirectResponse("/admin/people", 303)


def person_response(
    request: Request, db: Db, viewer: Viewer, person: Person, shown: Shown = Shown()
) -> Response:
    """The form to change one person's role, line manager and whether they may sign in."""
    managers = possible_line_managers(db, [person.authority_id], besides=person.id)
    current = next((m.email for m in managers if m.id == person.manager_id), "")
    context = {
        "person": person,
        "authority": db.get(Authority, person.authority_id) if person.authority_id else None,
        "managers": managers,
        "roles": ROLE_OPTIONS,
        "errors": shown.errors,
        "values": shown.values
        or {
            "role": person.role.value,
            "manager_email": current,
            "active": "yes" if person.active else "no",
        },
    }
    return render(request, "admin_person.html", context, shown.status)


@router.get("/admin/people/{person_id}")
def person_page(request: Request, db: Db, viewer: PageViewer, person_id: RecordId) -> Response:
    person = administered_person(db, viewer.actor, person_id)
    return person_response(request, db, viewer, person)


def _changes(form: FormData) -> PersonUpdate:
    active = text(form, "active", 5)
    if active not in ("yes", "no"):
        raise InvalidInput("choose whether they can sign in: yes or no", field="active")
    return PersonUpdate(
        role=_role(text(form, "role", 20)),
        manager_email=text(form, "manager_email", 320) or None,
        active=active == "yes",
    )


@router.post("/admin/people/{person_id}")
async def change_person(
    request: Request, db: Db, viewer: PageViewer, person_id: RecordId, form: PostedForm
) -> Response:
    person = administered_person(db, viewer.actor, person_id)
    try:
        changed = people.update_person(
            db, person_id=person_id, changes=_changes(form), by=viewer.actor
        )
    except DomainError as error:
        values = {k: text(form, k, 320) for k in ("role", "manager_email", "active")}
        errors = field_error(error, (), "role")
        return person_response(
            request, db, viewer, person, Shown(errors, values, status_for(error))
        )
    flash(request, f"Changes saved for {changed.name}")
    return RedirectResponse("/admin/people", 303)
