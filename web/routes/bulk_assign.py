"""Giving a newly recorded inspection's development areas their leads, all on one page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from domain.areas.bulk import MAX_AT_ONCE, Assignment, assign_many
from domain.errors import DomainError, InvalidDate, InvalidInput, NotPermitted
from domain.ids import record_id_in, whole_number_in
from domain.inspections.reads import InspectionOnPage, inspection_on_page
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import Shown, text
from web.templating import flash, render

router = APIRouter()


@dataclass(frozen=True)
class Row:
    """One area's line of the form, as sent."""

    area_id: int
    lead: str
    due: str
    picked: bool


def assign_response(
    request: Request, db: Db, viewer: Viewer, inspection_id: int, shown: Shown = Shown()
) -> Response:
    """The table of the inspection's areas, each with a lead picker and its due date."""
    page = _assignable(db, viewer, inspection_id)
    owners = {p.name: p.email for p in page.people}
    rows = {
        view.id: shown.values.get(str(view.id))
        or {
            "lead": view.owner or owners.get(view.owner_name or "", ""),
            "due": view.due_date or "",
            "picked": "",
        }
        for view in page.areas
    }
    context = {
        "page": page,
        "rows": rows,
        "same_lead": shown.values.get("same_lead", ""),
        "errors": shown.errors,
        "is_admin": viewer.is_admin,
    }
    return render(request, "inspection_assign.html", context, shown.status)


def _assignable(db: Db, viewer: Viewer, inspection_id: int) -> InspectionOnPage:
    page = inspection_on_page(db, viewer.actor, inspection_id, viewer.today)
    if not page.may_assign:
        raise NotPermitted(
            f"{viewer.actor.name} ({viewer.role.value}) may not assign the areas of "
            f"inspection {inspection_id}"
        )
    return page


@router.get("/inspections/{inspection_id}/assign")
def assign_page(request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId) -> Response:
    return assign_response(request, db, viewer, inspection_id)


def _rows(form: FormData) -> list[Row]:
    count = whole_number_in(text(form, "rows", 5), MAX_AT_ONCE)
    if count is None:
        raise InvalidInput("the form was not complete; open the page again")
    rows = []
    for n in range(count):
        area = record_id_in(text(form, f"area-{n}", 12))
        if area is None:
            raise InvalidInput("the form was not complete; open the page again")
        rows.append(
            Row(
                area,
                text(form, f"lead-{n}", 320),
                text(form, f"due-{n}", 20),
                bool(form.get(f"pick-{n}")),
            )
        )
    return rows


def _assignments(rows: list[Row], same_lead: str | None) -> list[Assignment]:
    """The rows that name a lead (the same lead for the picked ones, when asked)."""
    chosen = []
    for row in rows:
        lead = same_lead if same_lead is not None and row.picked else row.lead
        if not lead:
            continue
        try:
            due = date.fromisoformat(row.due) if row.due else None
        except ValueError:
            raise InvalidDate(
                f"area {row.area_id}: due date {row.due!r} is not a date; give day, month, year"
            ) from None
        chosen.append(Assignment(row.area_id, lead, due))
    return chosen


@router.post("/inspections/{inspection_id}/assign")
async def assign(
    request: Request, db: Db, viewer: PageViewer, inspection_id: RecordId, form: PostedForm
) -> Response:
    page = _assignable(db, viewer, inspection_id)
    ours = {view.id: view for view in page.areas}
    same = text(form, "same_lead", 320) if form.get("action") == "same" else None
    rows = _rows(form)  # an incomplete form is answered by the error page
    try:
        if same == "":
            raise InvalidInput("choose the lead to give the selected areas", field="same_lead")
        if same and not any(r.picked for r in rows):
            raise InvalidInput("select the areas to give the same lead", field="same_lead")
        if any(r.area_id not in ours for r in rows):
            raise InvalidInput("an area is not one of this inspection's; open the page again")
        unchanged = {(view.id, view.owner or "", view.due_date or "") for view in page.areas}
        wanted = [
            a
            for a in _assignments(rows, same)
            if (a.area_id, a.lead_email, a.due.isoformat() if a.due else "") not in unchanged
        ]
        if not wanted and not any(r.lead for r in rows):
            raise InvalidInput("choose a lead for at least one area", field="same_lead")
        if not wanted:
            # Sent twice, or saved with nothing changed: say so rather than fail.
            flash(request, "Nothing changed: every area already has the lead and date shown")
            return RedirectResponse(f"/inspections/{inspection_id}/assign", 303)
        assign_many(db, wanted, by=viewer.actor, now=viewer.now, inspection_id=inspection_id)
    except DomainError as error:
        values = {
            str(r.area_id): {"lead": r.lead, "due": r.due, "picked": "yes" if r.picked else ""}
            for r in rows
        }
        shown = Shown(
            {error.field or "assign": error.message},
            {**values, "same_lead": same or ""},
            status_for(error),
        )
        return assign_response(request, db, viewer, inspection_id, shown)
    flash(request, f"Leads given to {len(wanted)} development area(s) of this inspection")
    return RedirectResponse(f"/inspections/{inspection_id}/assign", 303)
