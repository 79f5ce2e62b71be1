"""Exports: any list of areas as CSV, the printable plan (also as CSV and Excel), and a lead's
calendar of due dates."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import col, select

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.visibility import home_authority
from domain.areas.exports import CSV_COLUMNS, ListFilter, export_query, plan_of, views_in_chunks
from domain.areas.models import DevelopmentArea
from domain.areas.plans import PLAN_COLUMNS, plan_rows
from domain.areas.queries import views_of
from domain.areas.rag_sql import is_active
from domain.areas.reads import Show
from domain.dates import parse_date
from domain.errors import NotFound
from domain.vocabulary import parse_choice
from web import ical
from web.deps import Db, PageViewer
from web.spreadsheets import csv_download, file_name, xlsx_download
from web.templating import render

router = APIRouter()


@router.get("/areas.csv")
def areas_csv(
    db: Db,
    viewer: PageViewer,
    owner: str | None = None,
    show: str | None = None,
    authority: str | None = None,
    inspection: int | None = None,
    changed_since: str | None = None,
) -> Response:
    wanted = ListFilter(
        owner_is_me=owner == "me",
        show=parse_choice(Show, show, "show") if show else None,
        authority=authority,
        inspection=inspection,
        changed_since=parse_date(changed_since, "changed_since") if changed_since else None,
    )
    query = export_query(db, viewer.actor, wanted, viewer.today)
    rows = (
        [view.to_dict().get(c) for c in CSV_COLUMNS]
        for view in views_in_chunks(db, query, viewer.today)
    )
    return csv_download(f"development-areas-{viewer.today.isoformat()}", CSV_COLUMNS, rows)


@router.get("/plan")
def plan_page(
    request: Request, db: Db, viewer: PageViewer, authority: str | None = None
) -> Response:
    found, plan, notes = plan_of(db, viewer.actor, authority, viewer.today)
    context = {"authority": found, "plan": plan, "notes": notes, "header_name": found.name}
    return render(request, "plan.html", context)


@router.get("/plan.{fmt}")
def plan_download(db: Db, viewer: PageViewer, fmt: str, authority: str | None = None) -> Response:
    """The plan as `closeout plan export` writes it, as CSV or an Excel workbook."""
    if fmt not in ("csv", "xlsx"):
        raise NotFound(f"the plan downloads as /plan.csv or /plan.xlsx, not /plan.{fmt[:20]}")
    found = home_authority(db, viewer.actor, authority)
    assert found.id is not None
    data = plan_rows(db, authority_id=found.id, today=viewer.today)
    rows = ([row[c] for c in PLAN_COLUMNS] for row in data)
    name = file_name("plan", found.name, viewer.today.isoformat())
    if fmt == "csv":
        return csv_download(name, PLAN_COLUMNS, rows)
    return xlsx_download(name, "Improvement plan", PLAN_COLUMNS, rows)


calendar_router = APIRouter(include_in_schema=False)


@calendar_router.get("/calendar/{secret}.ics")
def calendar_feed(request: Request, db: Db, secret: str) -> Response:
    now = request.app.state.clock.now()
    person = accounts.person_for_token(db, secret=secret, purpose=TokenPurpose.CALENDAR, now=now)
    areas = db.exec(
        select(DevelopmentArea)
        .where(DevelopmentArea.owner_id == person.id, is_active())
        .where(col(DevelopmentArea.due_date).is_not(None))
        .order_by(col(DevelopmentArea.due_date))
    )
    base = request.app.state.settings.base_url.rstrip("/")
    views = views_of(db, list(areas), request.app.state.clock.today())
    events = [
        ical.DueEvent(
            uid=f"area-{v.id}@closeout",
            day=date.fromisoformat(v.due_date or ""),
            summary=f"Due: {v.title}",
            description=f"{v.authority}: {v.title}. Status {v.status}, RAG {v.rag}.",
            url=f"{base}/areas/{v.id}",
        )
        for v in views
    ]
    body = ical.calendar(f"Closeout: {person.name}", events, now)
    return Response(body, media_type="text/calendar; charset=utf-8")
