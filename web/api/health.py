"""API: whether the daily check keeps to its schedule, for monitoring (no token needed)."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from domain.calendar import london_date
from domain.reminders.run_records import schedule_health
from web.deps import Db

router = APIRouter()


class ScheduleOut(BaseModel):
    """The daily check's schedule as of today in England; `healthy` decides the status."""

    healthy: bool
    message: str
    last_finished_for: date | None
    last_finished_at: datetime | None
    last_succeeded: bool | None
    working_days_missed: int | None


@router.get(
    "/health",
    response_model=ScheduleOut,
    tags=["monitoring"],
    responses={503: {"model": ScheduleOut, "description": "The daily check is behind"}},
)
def health(request: Request, response: Response, db: Db) -> ScheduleOut:
    """200 while the daily check's last finished run succeeded and no working day has gone
    without one; 503 otherwise, so a monitor notices a schedule that stopped firing."""
    today = london_date(request.app.state.clock.now())
    found = schedule_health(db, today=today)
    done = found.last_finished
    response.status_code = 200 if found.is_healthy else 503
    return ScheduleOut(
        healthy=found.is_healthy,
        message=found.describe(),
        last_finished_for=done.run_date if done else None,
        last_finished_at=done.finished_at if done else None,
        last_succeeded=done.succeeded if done else None,
        working_days_missed=found.working_days_missed,
    )
