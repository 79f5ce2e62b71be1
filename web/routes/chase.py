"""Forms that shape the chase: pause and resume an area, be away, choose reminder settings."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.accounts.away import end_absence, set_absence
from domain.accounts.people import get_person
from domain.accounts.preferences import Rhythm, set_preference
from domain.areas.pausing import pause_area, resume_area
from domain.dates import written_date
from domain.errors import DomainError, InvalidInput
from web.api.chase import policy_of
from web.deps import Db, PageViewer, PostedForm, RecordId
from web.errors import status_for
from web.forms import Shown, date_from_parts, date_parts, text, whole
from web.routes.account import account_response
from web.routes.area import area_response
from web.templating import flash

router = APIRouter()

# The form's field for each argument a use case names in its errors.
PAUSE_FIELDS = {"until": "pause_until-day", "reason": "pause_reason"}
AWAY_FIELDS = {"starts_on": "away_from-day", "ends_on": "away_to-day", "delegate": "delegate"}
REMINDER_FIELDS = {"channels": "channels", "rhythm": "rhythm", "weekly_day": "weekly_day"}


def _message(error: DomainError) -> str:
    return error.message[:1].upper() + error.message[1:]


def _errors(error: DomainError, fields: dict[str, str], default: str) -> dict[str, str]:
    return {fields.get(error.field or "", default): _message(error)}


def _typed_date(parts: dict[str, str], what: str, where: str) -> date:
    """The date typed into a GOV.UK date input, or InvalidInput naming the field."""
    typed = date_from_parts(parts, what)
    if typed is None:
        raise InvalidInput(f"enter {what}", field=where)
    return typed


@router.post("/areas/{area_id}/pause")
async def pause(
    request: Request, db: Db, viewer: PageViewer, area_id: RecordId, form: PostedForm
) -> Response:
    parts, reason = date_parts(form, "pause_until"), whole(form, "pause_reason")
    try:
        until = _typed_date(parts, "the last day of the pause", "until")
        paused = pause_area(
            db,
            area_id=area_id,
            until=until,
            reason=reason,
            by=viewer.actor,
            today=viewer.today,
            now=viewer.now,
        )
    except DomainError as error:
        errors = _errors(error, PAUSE_FIELDS, "pause_until-day")
        values = {"pause": {**parts, "reason": reason}}
        return area_response(request, db, viewer, area_id, Shown(errors, values, status_for(error)))
    flash(request, f"Chase paused until {written_date(paused.until)}")
    return RedirectResponse(f"/areas/{area_id}#pause", 303)


@router.post("/areas/{area_id}/resume")
def resume(request: Request, db: Db, viewer: PageViewer, area_id: RecordId) -> Response:
    resume_area(db, area_id=area_id, by=viewer.actor, today=viewer.today, now=viewer.now)
    flash(request, "The chase of this area takes up again from today")
    return RedirectResponse(f"/areas/{area_id}#pause", 303)


@router.post("/account/reminders")
async def choose_reminders(
    request: Request, db: Db, viewer: PageViewer, form: PostedForm
) -> Response:
    channels = [value for value in form.getlist("channels") if isinstance(value, str)]
    rhythm, day = text(form, "rhythm", 10) or Rhythm.DAILY.value, text(form, "weekly_day", 10)
    try:
        set_preference(
            db,
            person=viewer.person,
            policy=policy_of(db, viewer),
            channels=channels,
            rhythm=rhythm,
            weekly_day=day,
            by=viewer.actor,
            now=viewer.now,
        )
    except DomainError as error:
        errors = _errors(error, REMINDER_FIELDS, "channels")
        return account_response(request, db, viewer, status_for(error), errors=errors)
    flash(request, "Your reminder settings are saved")
    return RedirectResponse("/account#reminder-settings", 303)


@router.post("/account/away")
async def away(request: Request, db: Db, viewer: PageViewer, form: PostedForm) -> Response:
    starts, ends = date_parts(form, "away_from"), date_parts(form, "away_to")
    delegate_email = text(form, "delegate", 320)
    try:
        first = _typed_date(starts, "your first day away", "starts_on")
        last = _typed_date(ends, "your last day away", "ends_on")
        absence = set_absence(
            db,
            person=viewer.person,
            starts_on=first,
            ends_on=last,
            delegate=get_person(db, delegate_email) if delegate_email else None,
            by=viewer.actor,
            today=viewer.today,
            now=viewer.now,
        )
    except DomainError as error:
        errors = _errors(error, AWAY_FIELDS, "away_from-day")
        typed = {"away_from": starts, "away_to": ends, "delegate": delegate_email}
        return account_response(request, db, viewer, status_for(error), errors=errors, away=typed)
    flash(
        request, f"Away from {written_date(absence.starts_on)} to {written_date(absence.ends_on)}"
    )
    return RedirectResponse("/account#away", 303)


@router.post("/account/back")
def back(request: Request, db: Db, viewer: PageViewer) -> Response:
    end_absence(db, person=viewer.person, by=viewer.actor, today=viewer.today, now=viewer.now)
    flash(request, "Your reminders come to you again from today")
    return RedirectResponse("/account#away", 303)
