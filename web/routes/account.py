"""Your account: reminder settings, absences, password, calendar link, tokens for the API."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.accounts import services as accounts
from domain.accounts.access_reads import access_windows
from domain.accounts.credentials import TokenPurpose
from domain.errors import DomainError, NotAuthenticated
from domain.vocabulary import Role
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer, client_address
from web.errors import status_for
from web.forms import text
from web.routes.chase_reads import reminder_context
from web.templating import flash, render

router = APIRouter()


def account_response(
    request: Request, db: Db, viewer: Viewer, status: int = 200, **shown: Any
) -> Response:
    person_id = viewer.actor.person_id
    context = {
        "api_tokens": accounts.tokens_of(db, person_id=person_id, purpose=TokenPurpose.API),
        "calendar_tokens": accounts.tokens_of(
            db, person_id=person_id, purpose=TokenPurpose.CALENDAR
        ),
        # An inspector's windows in force or to come ("Your access").
        "windows": access_windows(db, person_id=person_id, today=viewer.today)
        if viewer.role == Role.INSPECTOR
        else [],
        "errors": {},
        **reminder_context(db, viewer),  # reminder settings and absences
        **shown,
    }
    return render(request, "account.html", context, status)


@router.get("/account")
def account_page(request: Request, db: Db, viewer: PageViewer) -> Response:
    return account_response(request, db, viewer)


@router.post("/account/calendar")
def create_calendar_link(request: Request, db: Db, viewer: PageViewer) -> Response:
    _, secret = accounts.issue_token(
        db,
        email=viewer.person.email,
        purpose=TokenPurpose.CALENDAR,
        now=viewer.now,
        label="calendar",
        by=viewer.actor,
    )
    base = request.app.state.settings.base_url.rstrip("/")
    return account_response(request, db, viewer, calendar_url=f"{base}/calendar/{secret}.ics")


@router.post("/account/tokens")
async def create_api_token(
    request: Request, db: Db, viewer: PageViewer, form: PostedForm
) -> Response:
    label = text(form, "label", 200) or "API token"
    _, secret = accounts.issue_token(
        db,
        email=viewer.person.email,
        purpose=TokenPurpose.API,
        now=viewer.now,
        label=label,
        by=viewer.actor,
    )
    return account_response(request, db, viewer, api_token=secret)


@router.post("/account/tokens/{token_id}/revoke")
def revoke(request: Request, db: Db, viewer: PageViewer, token_id: RecordId) -> Response:
    accounts.revoke_token(db, token_id=token_id, now=viewer.now, by=viewer.actor)
    flash(request, "Stopped: that link or token no longer works")
    return RedirectResponse("/account", 303)


@router.post("/account/password")
async def change_password(
    request: Request, db: Db, viewer: PageViewer, form: PostedForm
) -> Response:
    current, new = text(form, "current_password", 200), text(form, "new_password", 400)
    errors: dict[str, str] = {}
    if not current:
        errors["current_password"] = "Enter your current password"
    if not new:
        errors["new_password"] = "Enter a new password"
    if not errors:
        try:
            accounts.authenticate(
                db,
                email=viewer.person.email,
                password=current,
                now=viewer.now,
                client=client_address(request),
            )
        except NotAuthenticated as refused:
            errors["current_password"] = (
                "Your current password is not right"
                if status_for(refused) == 401
                else refused.message
            )
    if not errors:
        try:
            person = accounts.set_password(
                db, email=viewer.person.email, password=new, by=viewer.actor, current=current
            )
        except DomainError as error:
            errors["new_password"] = error.message[:1].upper() + error.message[1:]
        else:
            # The new password ends other sign-ins; keep this one.
            request.session["mark"] = accounts.session_mark(person)
            flash(request, "Your password has been changed")
            return RedirectResponse("/account", 303)
    return account_response(request, db, viewer, 422, errors=errors)
