"""Readiness reports, as the weekly flow kept them in the database, for directors and
administrators."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.accounts.visibility import authorities_to_choose
from domain.reminders.report_store import kept_report, reports_of
from web.deps import Db, PageViewer, RecordId
from web.templating import render

router = APIRouter()


@router.get("/reports")
def report_list(
    request: Request, db: Db, viewer: PageViewer, authority: str | None = None
) -> Response:
    found, kept = reports_of(db, viewer.actor, authority)
    context = {
        "authority": found,
        "authorities": authorities_to_choose(db, viewer.actor),
        "reports": kept,
        "header_name": found.name,
    }
    return render(request, "reports.html", context)


@router.get("/reports/{report_id}")
def report_page(request: Request, db: Db, viewer: PageViewer, report_id: RecordId) -> Response:
    authority, kept = kept_report(db, viewer.actor, report_id)
    context = {"authority": authority, "report": kept, "header_name": authority.name}
    return render(request, "report.html", context)
