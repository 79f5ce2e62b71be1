"""My development areas: the areas someone leads, and those led by the people they manage,
most urgent first, in tabs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.areas.reads import Show, my_areas
from domain.paging import page_number
from domain.vocabulary import parse_choice
from web.deps import Db, PageViewer
from web.templating import render

router = APIRouter()

TABS = [
    (Show.OPEN, "Open"),
    (Show.OVERDUE, "Overdue"),
    (Show.DONE, "Completed and closed"),
]


@router.get("/my-areas")
def my_areas_page(
    request: Request, db: Db, viewer: PageViewer, show: str = "open", page: int = 1
) -> Response:
    chosen = parse_choice(Show, show, "show")
    listed, counts = my_areas(db, viewer.actor, chosen, page_number(page), viewer.today)
    return render(
        request,
        "my_areas.html",
        {
            "page": listed,
            "counts": counts,
            "show": chosen,
            "tabs": TABS,
            "manages": bool(viewer.actor.manages),
        },
    )
