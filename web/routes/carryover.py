"""The carry-over page of an inspection: suggested links to confirm or reject, earlier areas
the letter does not repeat to close as addressed or carry over as is, and the decisions made.

Managers, directors and administrators of the authority decide; everyone else who may read
the authority (leads, inspectors with access) reads the page without its forms, and a form
post from them is refused (403) before anything is looked up or changed.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from domain import carryover
from domain.areas.models import DevelopmentArea
from domain.carryover.decision_page import carryover_page
from domain.carryover.overview import check_new_area, deciding_inspection
from domain.errors import DomainError, InvalidChoice, InvalidInput, MissingReason, NotPermitted
from domain.ids import record_id_in
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import Shown, text, whole
from web.templating import flash, render

router = APIRouter()


def carryover_response(
    request: Request, db: Db, viewer: Viewer, inspection_id: int, shown: Shown = Shown()
) -> Response:
    """The carry-over page, with any error and what the person typed shown again."""
    page = carryover_page(db, viewer.actor, inspection_id, viewer.today)
    context = {
        "page": page,
        "overview": page.overview,
        "errors": shown.errors,
        "values": shown.values,
    }
    return render(request, "carryover.html", context, shown.status)


@router.get("/inspections/{inspection_id}/carryover")
def carryover_view(
    request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId
) -> Response:
    return carryover_response(request, db, viewer, inspection_id)


def _area_id(form: FormData, name: str) -> int:
    value = text(form, name, 12)
    found = record_id_in(value)
    if found is None:
        raise InvalidInput(f"{name} {value!r} is not a development area's number")
    return found


def _title(db: Db, area_id: int | None) -> str:
    area = db.get(DevelopmentArea, area_id) if area_id else None
    return f"area {area_id} “{area.title}”" if area else f"area {area_id}"


def _refused(
    request: Request,
    db: Db,
    viewer: Viewer,
    inspection_id: int,
    error: DomainError,
    typed: dict[str, str] | None = None,
) -> Response:
    """The page again with the error, and what was typed kept. A missing statement is shown
    beside the field it was typed into; any other error is about the areas, not the typing,
    and is shown in the summary alone. A refusal by the rules is the 403 page."""
    if isinstance(error, NotPermitted):
        raise error
    message = error.message[:1].upper() + error.message[1:]
    where = next(iter(typed or {}), "") if isinstance(error, MissingReason) else ""
    shown = Shown({where: message}, typed or {}, status_for(error))
    return carryover_response(request, db, viewer, inspection_id, shown)


def _judge_link(
    request: Request, db: Db, viewer: Viewer, inspection_id: int, form: FormData, confirm: bool
) -> Response:
    inspection = deciding_inspection(db, viewer.actor, inspection_id)
    note = whole(form, "note")
    try:
        area_id, earlier_id = _area_id(form, "area_id"), _area_id(form, "earlier_area_id")
    except InvalidInput as error:
        return _refused(request, db, viewer, inspection_id, error)
    try:
        check_new_area(db, inspection, area_id)
        carryover.decide_link(
            db,
            area_id=area_id,
            earlier_area_id=earlier_id,
            confirm=confirm,
            note=note or None,
            by=viewer.actor,
            now=viewer.now,
        )
    except DomainError as error:
        typed = {f"note-{area_id}-{earlier_id}": note}
        return _refused(request, db, viewer, inspection_id, error, typed)
    new, earlier = _title(db, area_id), _title(db, earlier_id)
    if confirm:
        flash(request, f"{new[:1].upper()}{new[1:]} carries over {earlier}, now closed")
    else:
        flash(request, f"Link from {earlier} to {new} rejected; it is not suggested again")
    return RedirectResponse(f"/inspections/{inspection_id}/carryover", 303)


@router.post("/inspections/{inspection_id}/carryover/confirm")
async def confirm_link(
    request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId, form: PostedForm
) -> Response:
    return _judge_link(request, db, viewer, inspection_id, form, True)


@router.post("/inspections/{inspection_id}/carryover/reject")
async def reject_link(
    request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId, form: PostedForm
) -> Response:
    return _judge_link(request, db, viewer, inspection_id, form, False)


@router.post("/inspections/{inspection_id}/carryover/decide")
async def decide_unrepeated(
    request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId, form: PostedForm
) -> Response:
    """Close an earlier area the letter does not repeat as addressed, or carry it over as is."""
    deciding_inspection(db, viewer.actor, inspection_id)
    outcome = text(form, "outcome", 16)
    statement = whole(form, "statement")
    try:
        earlier_id = _area_id(form, "earlier_area_id")
        if outcome not in ("addressed", "carry"):
            raise InvalidChoice("outcome", outcome, ["addressed", "carry"])
    except InvalidInput as error:
        return _refused(request, db, viewer, inspection_id, error)
    addressed = outcome == "addressed"
    try:
        decision = carryover.decide_unrepeated(
            db,
            earlier_area_id=earlier_id,
            addressed=addressed,
            note=(statement or None) if addressed else None,
            inspection_id=inspection_id,
            by=viewer.actor,
            now=viewer.now,
        )
    except DomainError as error:
        typed = {f"statement-{earlier_id}": statement} if addressed else {}
        return _refused(request, db, viewer, inspection_id, error, typed)
    earlier = _title(db, earlier_id)
    if addressed:
        flash(request, f"{earlier[:1].upper()}{earlier[1:]} closed as addressed")
    else:
        copy = _title(db, decision.area_id)
        flash(request, f"{earlier[:1].upper()}{earlier[1:]} carried over as is, as {copy}")
    return RedirectResponse(f"/inspections/{inspection_id}/carryover", 303)
