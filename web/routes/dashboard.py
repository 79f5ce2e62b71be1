"""The authority dashboard: counts that link to their lists, a chart of the areas still to
finish, the work of each lead, overdue work and decisions to make."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.accounts.visibility import authorities_to_choose
from domain.areas.chart import ChartBy
from domain.areas.dashboard import dashboard
from domain.areas.pauses import paused_areas
from domain.paging import page_number
from domain.permissions import Action, Scope
from domain.reminders.run_records import schedule_health
from domain.vocabulary import parse_choice
from web.chart_svg import FILLS, HEIGHT, LEFT, RIGHT, TOP, WIDTH, stacked
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
    chart: str = "due",
) -> Response:
    board = dashboard(
        db,
        viewer.actor,
        authority=authority,
        today=viewer.today,
        overdue_page=page_number(overdue_page),
        sign_off_page=page_number(sign_off_page),
        approvals_page_number=page_number(approvals_page),
        chart_by=parse_choice(ChartBy, chart, "chart"),
    )
    scope = Scope(board.authority.id or 0)
    shapes, ticks = stacked(board.chart.bars)
    schedule = schedule_health(db, today=viewer.today)
    return render(
        request,
        "dashboard.html",
        {
            "board": board,
            "authority": board.authority,
            "authorities": authorities_to_choose(db, viewer.actor),
            "header_name": board.authority.name,
            "bars": shapes,
            "ticks": ticks,
            "fills": FILLS,
            "chart": {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": RIGHT, "top": TOP},
            "schedule": schedule if not schedule.is_healthy else None,
            "may_sign_off": viewer.can(Action.SIGN_OFF, scope),
            "paused": paused_areas(db, authority_id=scope.authority_id, today=viewer.today),
            "may_decide": {
                pending.change.id: viewer.can(
                    Action.DECIDE_DUE_DATE, Scope(area.authority_id, area.owner_id)
                )
                for pending, area in board.approvals.items
            },
        },
    )
