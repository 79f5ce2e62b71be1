"""Administration: renaming an authority, and merging another into it after a confirmation
page that says what will move."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import col, select

from domain.accounts import authorities, merge_plan
from domain.accounts.administered import administered_authority
from domain.accounts.models import Authority
from domain.errors import DomainError, InvalidInput
from domain.ids import record_id_in
from domain.permissions import may_administer
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import Shown, text
from web.templating import flash, render

router = APIRouter()

# The words for each table whose rows a merge moves; others are named by their table.
MOVED_WORDS = {
    "person": "people",
    "inspection": "inspections",
    "development_area": "development areas",
    "carry_over_decision": "carry-over decisions",
    "inspector_access": "grants of inspector access",
    "reminder": "reminders sent or owed",
    "authority_name_change": "former names",
}


def _message(error: DomainError) -> str:
    return error.message[:1].upper() + error.message[1:]


def authority_response(
    request: Request, db: Db, viewer: Viewer, authority: Authority, shown: Shown = Shown()
) -> Response:
    """One authority's page: its name to change and, for an administrator of every
    authority, another authority to merge into it."""
    others = (
        list(
            db.exec(
                select(Authority).where(col(Authority.id) != authority.id).order_by(Authority.name)
            )
        )
        if may_administer(viewer.actor, None)
        else []
    )
    context = {
        "authority": authority,
        "others": others,
        "errors": shown.errors,
        "values": shown.values,
    }
    return render(request, "admin_authority.html", context, shown.status)


@router.get("/admin/authorities/{authority_id}")
def authority_page(
    request: Request, db: Db, viewer: PageViewer, authority_id: RecordId
) -> Response:
    authority = administered_authority(db, viewer.actor, authority_id)
    return authority_response(request, db, viewer, authority)


@router.post("/admin/authorities/{authority_id}/name")
async def rename(
    request: Request, db: Db, viewer: PageViewer, authority_id: RecordId, form: PostedForm
) -> Response:
    authority = administered_authority(db, viewer.actor, authority_id)
    old, new_name = authority.name, text(form, "name", 1000)
    try:
        authorities.rename_authority(
            db, authority_id=authority_id, new_name=new_name, by=viewer.actor, now=viewer.now
        )
    except DomainError as error:
        shown = Shown({"name": _message(error)}, {"name": new_name}, status_for(error))
        return authority_response(request, db, viewer, authority, shown)
    flash(request, f"{old} is now called {authority.name}")
    return RedirectResponse(f"/admin/authorities/{authority_id}", 303)


def merge_response(
    request: Request,
    db: Db,
    viewer: Viewer,
    keep: int,
    absorb: int,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The confirmation page: what merging `absorb` into `keep` will move, or what stops it."""
    plan = merge_plan.plan_merge(
        db, keep_id=keep, absorb_id=absorb, by=viewer.actor, today=viewer.today
    )
    context = {
        "plan": plan,
        "moving": [(MOVED_WORDS.get(t, t.replace("_", " ")), n) for t, n in plan.moving.items()],
        "errors": errors or {},
    }
    return render(request, "admin_authority_merge.html", context, status)


def _absorbed(value: str) -> int:
    found = record_id_in(value)
    if found is None:
        raise InvalidInput("choose the authority to merge into this one", field="absorb")
    return found


@router.get("/admin/authorities/{authority_id}/merge")
def merge_page(
    request: Request, db: Db, viewer: PageViewer, authority_id: RecordId, absorb: str = ""
) -> Response:
    authority = administered_authority(db, viewer.actor, authority_id)
    try:
        return merge_response(request, db, viewer, authority_id, _absorbed(absorb[:20]))
    except InvalidInput as error:
        shown = Shown({"absorb": _message(error)}, {"absorb": absorb[:20]}, status_for(error))
        return authority_response(request, db, viewer, authority, shown)


@router.post("/admin/authorities/{authority_id}/merge")
async def merge(
    request: Request, db: Db, viewer: PageViewer, authority_id: RecordId, form: PostedForm
) -> Response:
    absorb = _absorbed(text(form, "absorb", 20))
    try:
        merged = authorities.merge_authorities(
            db, keep_id=authority_id, absorb_id=absorb, by=viewer.actor, now=viewer.now
        )
    except DomainError as error:
        errors = {"": _message(error)}
        return merge_response(request, db, viewer, authority_id, absorb, errors, status_for(error))
    flash(
        request,
        f"{merged.absorbed_name} merged into {merged.kept_name}: "
        f"{sum(merged.moved.values())} records moved",
    )
    return RedirectResponse(f"/admin/authorities/{authority_id}", 303)
