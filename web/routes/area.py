"""The development-area page: the finding, the history, evidence, and the progress form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.areas import progress
from domain.areas.pauses import pause_on
from domain.areas.reads import area_on_page, evidence_file
from domain.areas.services import get_area
from domain.errors import DomainError, InvalidEvidenceFile, StaleVersion
from web import evidence_store
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.errors import status_for
from web.forms import PROGRESS_FIELDS, ProgressFields, Shown, field_error, upload
from web.templating import confirmed, render

router = APIRouter()

STALE_MESSAGE = (
    "Someone else updated this area after you opened it. Their update is in the history "
    "below; check it, then send yours again. What you typed is kept here"
)


def area_response(
    request: Request, db: Db, viewer: Viewer, area_id: int, shown: Shown = Shown()
) -> Response:
    """The area page, with any errors and the values a person typed shown again."""
    page = area_on_page(db, viewer.actor, area_id, viewer.today)
    progress_values = {**ProgressFields().values(), **shown.values.get("progress", {})}
    # After a conflict the form carries the version just shown, so a resend can succeed.
    progress_values["version"] = str(page.area.version)
    context = {
        "page": page,
        "view": page.detail,
        "errors": shown.errors,
        "progress": progress_values,
        "values": shown.values,
        "offers": {a.name for a in page.offers},
        "header_name": page.detail["authority"],
        "pause": pause_on(db, area_id, viewer.today),  # the chase paused today, if it is
    }
    return render(request, "area.html", context, shown.status)


@router.get("/areas/{area_id}")
def area_page(request: Request, db: Db, viewer: PageViewer, area_id: RecordId) -> Response:
    return area_response(request, db, viewer, area_id)


@router.post("/areas/{area_id}/updates")
async def record_progress(
    request: Request, db: Db, viewer: PageViewer, area_id: RecordId, form: PostedForm
) -> Response:
    fields = ProgressFields.read(form)
    chosen = upload(form, "evidence_file")
    try:
        uploaded = await evidence_store.read_upload(chosen) if chosen else None
        arguments = fields.arguments()
        if uploaded and not (fields.note or arguments["status"] or arguments["rag"]):
            arguments["note"] = f"Evidence added: {progress.check_upload(uploaded).name}"
        progress.record_progress(
            db,
            area_id=area_id,
            by=viewer.actor,
            now=viewer.now,
            files=[uploaded] if uploaded else [],
            **arguments,
        )
    except DomainError as error:
        errors = (
            {"": STALE_MESSAGE + (" (choose your file again)." if chosen else ".")}
            if isinstance(error, StaleVersion)
            else field_error(error, PROGRESS_FIELDS, "note")
        )
        if chosen and not isinstance(error, InvalidEvidenceFile | StaleVersion):
            errors["evidence_file"] = "Choose your evidence file again"
        values = {"progress": fields.values()}
        return area_response(request, db, viewer, area_id, Shown(errors, values, status_for(error)))
    title = get_area(db, area_id).title
    return confirmed(request, "Progress recorded", f"/areas/{area_id}", area=title)


@router.get("/evidence/{evidence_id}")
def download_evidence(
    request: Request, db: Db, viewer: PageViewer, evidence_id: RecordId
) -> Response:
    item = evidence_file(db, viewer.actor, evidence_id)
    state = request.app.state
    return evidence_store.download(db, state.engine, state.settings.evidence_dir, item)
