"""Importing letters and reports in the browser: upload, check and correct, then record."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from domain.errors import DomainError
from domain.inspections import pending
from domain.labels import label
from domain.permissions import may_administer, require_importer
from domain.vocabulary import FindingKind
from web.deps import Db, PageViewer, PostedForm, RecordId, Viewer
from web.documents_upload import UploadRefused, read_upload
from web.errors import status_for
from web.forms import Shown
from web.import_form import NEW_AUTHORITY, corrections_from_form, finding_fields, posted_findings
from web.templating import flash, render

router = APIRouter()

_FIELDS = ("authority", "new_authority", "inspection_start", "inspection_end")


def _uploads(form: FormData) -> list[UploadFile]:
    return [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]


def upload_response(
    request: Request,
    viewer: Viewer,
    shown: Shown = Shown(),
    results: list[dict[str, object]] | None = None,
) -> Response:
    require_importer(viewer.actor)
    context = {"errors": shown.errors, "results": results or []}
    return render(request, "import_upload.html", context, shown.status)


@router.get("/imports/new")
def upload_page(request: Request, viewer: PageViewer) -> Response:
    return upload_response(request, viewer)


@router.get("/imports")
def uploads_page(request: Request, db: Db, viewer: PageViewer) -> Response:
    """The viewer's uploads: those waiting to be checked and recorded, and those recorded."""
    held = pending.held_uploads(db, by=viewer.actor)
    return render(request, "import_list.html", {"uploads": held})


@router.post("/imports")
async def upload_documents(
    request: Request, db: Db, viewer: PageViewer, form: PostedForm
) -> Response:
    """Read each chosen file and hold its reading; a file that cannot be read is reported
    and the others go on. The page script sends one file at a time and asks for JSON."""
    require_importer(viewer.actor)
    chosen = _uploads(form)
    wants_json = "application/json" in request.headers.get("accept", "")
    if not chosen:
        message = "Choose one or more letters or reports (PDF or text) to import"
        if wants_json:
            return JSONResponse({"code": "invalid_input", "message": message}, 422)
        return upload_response(request, viewer, Shown({"file": message}, {}, 422))
    results = [await _hold(db, viewer, upload) for upload in chosen]
    if wants_json:
        return JSONResponse(results[0] if len(results) == 1 else results, _status(results))
    if len(results) == 1 and results[0]["id"]:
        return RedirectResponse(f"/imports/{results[0]['id']}", 303)
    return upload_response(request, viewer, Shown(status=_status(results)), results)


async def _hold(db: Db, viewer: Viewer, upload: UploadFile) -> dict[str, object]:
    """One file read and held, or the reason it was not, as the results list shows it."""
    try:
        document = await read_upload(upload)
        held = pending.hold_document(db, document, by=viewer.actor, now=viewer.now)
    except UploadRefused as refused:
        return {"source": upload.filename, "id": None, "error": str(refused)}
    return {
        "source": held.pending.source_name,
        "id": held.id,
        "error": None,
        "authority": held.document.authority,
        "findings": len(held.document.findings),
        "recorded_inspection_id": held.recorded.id if held.recorded else None,
    }


def _status(results: list[dict[str, object]]) -> int:
    return 200 if any(r["id"] for r in results) else 422


def check_response(
    request: Request, db: Db, viewer: Viewer, import_id: int, shown: Shown = Shown()
) -> Response:
    """The reading of a held document, every field ready to correct before recording."""
    held = pending.held_document(db, import_id, by=viewer.actor)
    choices = pending.importable_authorities(db, viewer.actor)
    matched = pending.authority_for(db, held, choices)
    document = held.document
    context = {
        "held": held,
        "document": document,
        "findings": shown.values.get("findings") or finding_fields(document.findings),
        "choices": choices,
        "anywhere": may_administer(viewer.actor, None),
        "chosen": shown.values.get("authority") or (str(matched.id) if matched else ""),
        # Offered as the new authority's name only when no recorded one matches it.
        "new_authority": shown.values.get("new_authority")
        or ("" if matched else document.authority or ""),
        "named_elsewhere": bool(
            document.authority and matched and matched.name != document.authority
        ),
        "NEW_AUTHORITY": NEW_AUTHORITY,
        "kinds": [(kind.value, label(kind)) for kind in FindingKind],
        "errors": shown.errors,
    }
    return render(request, "import_check.html", context, shown.status)


@router.get("/imports/{import_id}")
def check_page(request: Request, db: Db, viewer: PageViewer, import_id: RecordId) -> Response:
    return check_response(request, db, viewer, import_id)


@router.post("/imports/{import_id}")
async def record_or_revise(
    request: Request, db: Db, viewer: PageViewer, import_id: RecordId, form: PostedForm
) -> Response:
    """Apply the person's corrections: keep them to check again, or record the inspection."""
    held = pending.held_document(db, import_id, by=viewer.actor)
    choices = pending.importable_authorities(db, viewer.actor)
    try:
        corrections = corrections_from_form(
            form, choices=choices, anywhere=may_administer(viewer.actor, None)
        )
        if form.get("action") != "record":
            pending.revise_held(db, import_id, corrections, by=viewer.actor)
            flash(request, f"Changes applied to {held.pending.source_name}; check them below")
            return RedirectResponse(f"/imports/{import_id}", 303)
        outcome = pending.record_pending(
            db, import_id, by=viewer.actor, now=viewer.now, corrections=corrections
        )
    except DomainError as error:
        field = error.field if error.field in _FIELDS else "findings"
        values = {
            "findings": posted_findings(form),
            "authority": str(form.get("authority") or ""),
            "new_authority": str(form.get("new_authority") or ""),
        }
        message = error.message[:1].upper() + error.message[1:]
        shown = Shown({field: message}, values, status_for(error))
        return check_response(request, db, viewer, import_id, shown)
    inspection = outcome.inspection
    if outcome.already_recorded:
        flash(
            request,
            f"{held.pending.source_name} was recorded before, as this inspection; nothing changed",
        )
        return RedirectResponse(f"/inspections/{inspection.id}", 303)
    flash(
        request,
        f"Inspection of {outcome.authority.name} recorded with "
        f"{len(outcome.areas)} development area(s); give them their leads",
    )
    return RedirectResponse(f"/inspections/{inspection.id}/assign", 303)
