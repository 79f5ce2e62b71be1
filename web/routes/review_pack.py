"""The review pack of an authority: read in the site, or downloaded as HTML, CSV or PDF."""

from __future__ import annotations

import re
import threading
from datetime import date
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlmodel import Session

from domain.accounts.visibility import readable_authority
from domain.carryover.review_pack import ReviewPack, build_review_pack
from domain.dates import parse_date
from reviewpack import PackRenderingError, render_pack_csv, render_pack_html, render_pack_pdf
from web.deps import Db, PageViewer, RecordId, Viewer
from web.forms import DateQuery
from web.security import CSP, content_security_policy
from web.templating import render

router = APIRouter()
# Each PDF starts a Chromium of a few hundred MB: print one at a time.
_printing = threading.Lock()


def readable_pack(db: Session, viewer: Viewer, authority_id: int, since: date | None) -> ReviewPack:
    """The authority's review pack on the viewer's today, if the rules let them read it."""
    readable_authority(db, viewer.actor, authority_id)
    return build_review_pack(
        db, authority=authority_id, by=viewer.actor, today=viewer.today, since=since
    )


def download(content: str | bytes, media_type: str, pack: ReviewPack, suffix: str) -> Response:
    slug = re.sub(r"[^a-z0-9]+", "-", pack.authority.lower()).strip("-")
    name = f"review-pack-{slug}-{pack.today.isoformat()}.{suffix}"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def since_param(since: str | None) -> date | None:
    return parse_date(since, "since") if since else None


@router.get("/authorities/{authority_id}/pack")
def pack_page(request: Request, db: Db, viewer: PageViewer, authority_id: RecordId) -> Response:
    since = DateQuery.read(request.query_params, "since", "the date")
    pack = readable_pack(db, viewer, authority_id, since.value)
    fragment = render_pack_html(pack, standalone=False)
    files = f"/authorities/{authority_id}/pack"
    keep = f"?since={since.value.isoformat()}" if since.value else ""
    context = {
        "pack": pack,
        "authority_id": authority_id,
        "fragment": Markup(fragment),  # rendered by reviewpack's autoescaping template
        "parts": since.shown,
        "errors": since.errors,
        "downloads": [
            (f"{files}.html{keep}", "HTML", "a single file that opens in any browser"),
            (f"{files}.csv{keep}", "CSV", "a row per development area, for a spreadsheet"),
            (f"{files}.pdf{keep}", "PDF", "to print or send"),
        ],
    }
    # The pack brings its own style sheet inline; allow exactly that one.
    headers = {CSP: content_security_policy(fragment)}
    return render(request, "review_pack.html", context, 422 if since.errors else 200, headers)


@router.get("/authorities/{authority_id}/pack.{kind}")
def pack_file(
    request: Request,
    db: Db,
    viewer: PageViewer,
    authority_id: RecordId,
    kind: Literal["html", "csv", "pdf"],
    since: str | None = None,
) -> Response:
    marked_since = since_param(since)
    pack = readable_pack(db, viewer, authority_id, marked_since)
    if kind == "html":
        return download(render_pack_html(pack), "text/html; charset=utf-8", pack, kind)
    if kind == "csv":
        return download(render_pack_csv(pack), "text/csv; charset=utf-8", pack, kind)
    try:
        with _printing:
            pdf = render_pack_pdf(pack)
    except PackRenderingError as error:
        # The other formats still work: say why, and offer them.
        day = marked_since
        context = {
            "message": str(error),
            "files": f"/authorities/{authority_id}/pack",
            "keep": f"?since={day.isoformat()}" if day else "",
            "page": f"?since-day={day.day}&since-month={day.month}&since-year={day.year}"
            if day
            else "",
        }
        return render(request, "review_pack_unavailable.html", context, 503)
    return download(pdf, "application/pdf", pack, kind)
