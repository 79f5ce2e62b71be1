"""Signing in and out, and sending each person to the page their role starts from."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.accounts import services as accounts
from domain.accounts.people import actor_for
from domain.errors import NotAuthenticated, TooManyAttempts
from domain.vocabulary import Role
from web.deps import Db, PageViewer, PostedForm, client_address, signed_in_person
from web.errors import status_for
from web.templating import flash, render

router = APIRouter()

START = {
    Role.LEAD: "/my-areas",
    Role.MANAGER: "/dashboard",
    Role.DIRECTOR: "/dashboard",
    Role.INSPECTOR: "/inspector",
    Role.ADMIN: "/dashboard",
}


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after signing in; anything else is dropped."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


@router.get("/")
def home(viewer: PageViewer) -> Response:
    return RedirectResponse(START[viewer.role], 303)


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None) -> Response:
    return render(request, "sign_in.html", {"next": safe_next(next) or "", "errors": {}})


@router.post("/sign-in")
async def sign_in(request: Request, db: Db, form: PostedForm) -> Response:
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    target = safe_next(str(form.get("next") or ""))
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"
    status = 422
    headers: dict[str, str] = {}
    if not errors:
        try:
            now = request.app.state.clock.now()
            person = accounts.authenticate(
                db, email=email, password=password, now=now, client=client_address(request)
            )
        except NotAuthenticated as refused:
            status = status_for(refused)
            if isinstance(refused, TooManyAttempts):
                headers["Retry-After"] = str(refused.retry_after)
            errors["password"] = (
                refused.message[:1].upper() + refused.message[1:]
                if status == 429
                else "Enter a correct email address and password"
            )
        else:
            # A fresh session on sign-in, so a planted cookie cannot ride along.
            request.session.clear()
            request.session.update(person=person.id, mark=accounts.session_mark(person))
            return RedirectResponse(target or START[person.role], 303)
    context = {"errors": errors, "email": email, "next": target or ""}
    return render(request, "sign_in.html", context, status, headers)


@router.post("/sign-out")
def sign_out(request: Request, db: Db) -> Response:
    """Sign out here and end the session on the server, so a copy of this browser's cookie
    signs nobody in. It ends the person's sessions in every browser."""
    person = signed_in_person(request, db)
    if person is not None and person.id is not None:
        accounts.end_sessions(db, person_id=person.id, by=actor_for(db, person))
    request.session.clear()
    flash(request, "You have signed out")
    return RedirectResponse("/sign-in", 303)
