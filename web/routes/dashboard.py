"""The authority dashboard: counts, a chart of open areas, overdue work and decisions to make."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.areas.dashboard import dashboard
from domain.paging import page_number
from domain.permissions import Action, Scope
from domain.reminders.run_records import schedule_health
from web.chart_svg import HEIGHT, LEFT, TOP, WIDTH, bars
from web.deps import Db, PageViewer
from web.templating import render

router = APIRouter()


@router.get("/dashboard")
def dashboard_page(
    request: Request,
    db: Db,
    viewer: PageViewer,
    authority: str | None = None,
    overdue_page: int = 1,
    sign_off_page: int = 1,
    approvals_page: int = 1,
) -> Response:
    board = dashboard(
        db,
        viewer.actor,
        authority=authority,
        today=viewer.today,
        now=viewer.now,
        overdue_page=page_number(overdue_page),
        sign_off_page=page_number(sign_off_page),
        approvals_page_number=page_number(approvals_page),
    )
    scope = Scope(board.authority.id or 0)
    shapes, ticks = bars(board.chart.points)
    schedule = schedule_health(db, today=viewer.today)
    return render(
        request,
        "dashboard.html",
        {
            "board": board,
            "header_name": board.authority.name,
            "bars": shapes,
            "ticks": ticks,
            "chart": {"width": WIDTH, "height": HEIGHT, "left": LEFT, "top": TOP},
            "schedule": schedule if not schedule.is_healthy else None,
            "may_sign_off": viewer.can(Action.SIGN_OFF, scope),
            "may_decide": {
                pending.change.id: viewer.can(
                    Action.DECIDE_DUE_DATE, Scope(area.authority_id, area.owner_id)
                )
                for pending, area in board.approvals.items
            },
        },
    )
