"""Forms on the area page besides progress: revised due dates, decisions, sign-off (through
its confirmation page), leads."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.areas import due_dates, progress
from domain.areas import services as areas
from domain.areas.models import DueDateChange
from domain.areas.sign_off_page import sign_off_page
from domain.errors import DomainError, InvalidChoice, InvalidInput
from domain.vocabulary import ChangeState
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import (
    DUE_DATE_FIELDS,
    Shown,
    date_from_parts,
    date_parts,
    field_error,
    text,
    whole,
)
from web.routes.area import area_response
from web.routes.auth import safe_next
from web.templating import flash, long_date, render

router = APIRouter()


@router.post("/areas/{area_id}/due-date")
async def ask_for_due_date(
    request: Request, db: Db, viewer: PageViewer, area_id: RecordId, form: PostedForm
) -> Response:
    parts, reason = date_parts(form, "to"), whole(form, "reason")
    errors: dict[str, str] = {}
    to = None
    try:
        to = date_from_parts(parts, "the new due date")
    except InvalidInput as error:
        errors["to-day"] = error.message[:1].upper() + error.message[1:]
    if to is None and not errors:
        errors["to-day"] = "Enter the new due date"
    if not reason:
        errors["reason"] = "Enter why the due date needs to change"
    status = 422
    if to is not None and not errors:
        try:
            change = due_dates.change_due_date(
                db, area_id=area_id, to=to, reason=reason, by=viewer.actor, now=viewer.now
            )
        except DomainError as error:
            errors, status = field_error(error, DUE_DATE_FIELDS, "to-day"), status_for(error)
        else:
            if change.state == ChangeState.APPROVED:
                flash(request, f"Due date changed to {long_date(change.to_date)}")
            else:
                flash(request, f"New due date of {long_date(change.to_date)} sent for approval")
            return RedirectResponse(f"/areas/{area_id}#history", 303)
    values = {"due_date": {**parts, "reason": reason}}
    return area_response(request, db, viewer, area_id, Shown(errors, values, status))


def sign_off_response(
    request: Request, db: Db, viewer: Viewer, area_id: int, back: str, shown: Shown = Shown()
) -> Response:
    """The page confirming a sign-off: the area, its evidence and last updates, a note."""
    context = {
        "page": sign_off_page(db, viewer.actor, area_id),
        "back": back,
        "errors": shown.errors,
        "values": shown.values,
    }
    return render(request, "sign_off.html", context, shown.status)


@router.get("/areas/{area_id}/sign-off")
def confirm_sign_off(request: Request, db: Db, viewer: PageViewer, area_id: RecordId) -> Response:
    back = safe_next(request.query_params.get("back", "")[:500]) or f"/areas/{area_id}"
    return sign_off_response(request, db, viewer, area_id, back)


@router.post("/areas/{area_id}/sign-off")
async def sign_off(
    request: Request, db: Db, viewer: PageViewer, area_id: RecordId, form: PostedForm
) -> Response:
    """Sign off from the confirmation page; from anywhere else, go to that page first."""
    note = whole(form, "signoff_note")
    back = safe_next(text(form, "back", 500)) or f"/areas/{area_id}"
    if text(form, "confirmed", 8) != "yes":
        return RedirectResponse(f"/areas/{area_id}/sign-off?{urlencode({'back': back})}", 303)
    try:
        progress.sign_off(db, area_id=area_id, by=viewer.actor, now=viewer.now, note=note or None)
    except DomainError as error:
        # The use case names its `note`; on this form that is the sign-off note.
        errors = {
            "signoff_note" if where == "note" else where: message
            for where, message in field_error(error, (), "signoff_note").items()
        }
        shown = Shown(errors, {"signoff_note": note}, status_for(error))
        return sign_off_response(request, db, viewer, area_id, back, shown)
    flash(request, "Development area signed off and closed")
    return RedirectResponse(back, 303)


@router.post("/areas/{area_id}/assign")
async def assign(
    request: Request, db: Db, viewer: PageViewer, area_id: RecordId, form: PostedForm
) -> Response:
    owner, parts = text(form, "owner", 320), date_parts(form, "assign_due")
    back = safe_next(text(form, "back", 500)) or f"/areas/{area_id}"
    try:
        if not owner:
            raise InvalidInput("choose the lead for this area")
        due = date_from_parts(parts, "the agreed due date")
        area = areas.assign_area(
            db, area_id=area_id, owner_email=owner, due=due, by=viewer.actor, now=viewer.now
        )
    except DomainError as error:
        field = "owner" if "lead" in error.message or "email" in error.message else "assign_due-day"
        values = {"assign": {"owner": owner, **parts}}
        errors = field_error(error, (), field)
        return area_response(request, db, viewer, area_id, Shown(errors, values, status_for(error)))
    flash(request, f"Lead assigned; due {long_date(area.due_date)}")
    return RedirectResponse(back, 303)


@router.post("/due-date-requests/{change_id}/decision")
async def decide(
    request: Request, db: Db, viewer: PageViewer, change_id: RecordId, form: PostedForm
) -> Response:
    """Approve or reject a request; a rejection without a reason comes back to the area page
    with the note asked for."""
    decision = text(form, "decision", 16)
    note = whole(form, "decision_note") or whole(form, "note")
    back = safe_next(text(form, "back", 500))
    if decision not in ("approve", "reject"):
        raise InvalidChoice("decision", decision, ["approve", "reject"])
    try:
        change = due_dates.decide_due_date(
            db,
            change_id=change_id,
            approve=decision == "approve",
            by=viewer.actor,
            now=viewer.now,
            note=note or None,
        )
    except InvalidInput as error:  # the note: missing from a rejection, or too long
        asked = db.get(DueDateChange, change_id)
        assert asked is not None  # an unknown request is NotFound, not InvalidInput
        errors = {"decision_note": error.message[:1].upper() + error.message[1:]}
        values = {"decision_note": note, "decision_for": change_id}
        shown = Shown(errors, values, status_for(error))
        return area_response(request, db, viewer, asked.area_id, shown)
    verb = "approved" if change.state == ChangeState.APPROVED else "not agreed"
    flash(request, f"New due date of {long_date(change.to_date)} {verb}")
    return RedirectResponse(back or f"/areas/{change.area_id}#history", 303)
