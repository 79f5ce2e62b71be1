"""All development areas of an authority: searched, filtered, sorted, paged and downloaded.

`/areas` lists what the reader may read of one authority (theirs, or one chosen with the
authority switcher). `format=csv` or `format=xlsx` downloads every page of the same list, in
the same order.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from domain.accounts.visibility import authorities_to_choose
from domain.areas.exports import CSV_COLUMNS, views_in_chunks
from domain.areas.listing import (
    ACTIVE,
    Direction,
    Listing,
    Sort,
    area_listing,
    filter_choices,
)
from domain.areas.reads import area_page
from domain.dates import written_date
from domain.errors import InvalidChoice
from domain.labels import label
from domain.paging import page_number
from domain.vocabulary import Priority, Rag, Status
from web.area_filters import ListQuery, read_list_query
from web.deps import Db, PageViewer
from web.spreadsheets import csv_download, file_name, xlsx_download
from web.templating import render

router = APIRouter()

COLUMNS = [
    (Sort.ID, "ID"),
    (Sort.TITLE, "Development area"),
    (Sort.LEAD, "Lead"),
    (Sort.STATUS, "Status"),
    (Sort.RAG, "RAG"),
    (Sort.DUE, "Due"),
]
FORMATS = ("csv", "xlsx")


@router.get("/areas")
def areas_page(
    request: Request,
    db: Db,
    viewer: PageViewer,
    page: int = 1,
    fmt: Annotated[str | None, Query(alias="format")] = None,
) -> Response:
    asked = read_list_query(request.query_params)
    listing = area_listing(
        db, viewer.actor, asked.params["authority"] or None, asked.filters, viewer.today
    )
    if fmt and not asked.errors:
        return _download(db, viewer.today, listing, fmt)
    people, inspections = filter_choices(db, listing.authority.id or 0)
    authority = str(listing.authority.id)
    shown = ListQuery({**asked.params, "authority": authority}, asked.filters, asked.errors)
    context: dict[str, Any] = {
        "authority": listing.authority,
        "header_name": listing.authority.name,
        "asked": shown,
        "errors": asked.errors,
        "page": None
        if asked.errors
        else area_page(db, listing.query, page_number(page), viewer.today),
        "authorities": authorities_to_choose(db, viewer.actor),
        "choices": _choices(people, inspections, asked.params["lead"]),
        "columns": [_heading(shown, sort, text) for sort, text in COLUMNS],
    }
    return render(request, "areas.html", context, 422 if asked.errors else 200)


def _download(db: Session, today: date, listing: Listing, fmt: str) -> Response:
    """Every area of the list, in its order, as CSV or Excel."""
    if fmt not in FORMATS:
        raise InvalidChoice("format", fmt, list(FORMATS))
    rows = (
        [view.to_dict().get(c) for c in CSV_COLUMNS]
        for view in views_in_chunks(db, listing.query, today)
    )
    name = file_name("development-areas", listing.authority.name, today.isoformat())
    if fmt == "csv":
        return csv_download(name, CSV_COLUMNS, rows)
    return xlsx_download(name, "Development areas", CSV_COLUMNS, rows)


def _heading(asked: ListQuery, sort: Sort, text: str) -> dict[str, str | None]:
    """A column heading: its link sorts by it (ascending first, then the other way) and
    `aria_sort` says how the list is sorted now, on the sorted column only."""
    current = asked.filters.sort == sort
    ascending = asked.filters.direction == Direction.ASC
    flip = Direction.DESC if current and ascending else Direction.ASC
    return {
        "text": text,
        "href": asked.link(sort=sort.value, dir=flip.value),
        "aria_sort": ("ascending" if ascending else "descending") if current else None,
        "next": "descending" if flip == Direction.DESC else "ascending",
    }


def _choices(people: list[Any], inspections: list[Any], lead: str) -> dict[str, list[Any]]:
    """The options of each filter's select, (value, words), an empty value meaning any."""
    leads = [(p.email, f"{p.name} ({p.email})") for p in people]
    if lead and lead.lower() not in {e for e, _ in leads}:
        leads.append((lead, lead))
    return {
        "lead": [("", "Any lead"), *leads],
        "inspection": [("", "Any inspection")]
        + [(str(i.id), f"{label(i.kind)} ending {written_date(i.end_date)}") for i in inspections],
        "status": [("", "Any status"), (ACTIVE, "Not finished (open, in progress or blocked)")]
        + [(s.value, label(s)) for s in Status],
        "rag": [("", "Any rating")] + [(r.value, label(r)) for r in Rag],
        "priority": [("", "Any priority")] + [(p.value, p.value.capitalize()) for p in Priority],
        "carried_over": [("", "Either"), ("yes", "Yes"), ("no", "No")],
    }
