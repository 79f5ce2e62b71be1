"""Pausing and resuming the chase of an area: asked by its lead, seen and ended by the manager.

A pause starts on the day it is set and runs to its `until` date, both included. While it is
in force the rules owe the lead nothing about the area; escalations to the manager and
director wait too, but a lead's own pause holds them back for no more than the authority's
`max_lead_pause_days` working days (see `domain.reminders.rules`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from domain.areas.pauses import AreaPause, pause_on
from domain.areas.services import get_area, scope_of
from domain.dates import written_date
from domain.errors import Conflict, InvalidDate, InvalidInput, MissingReason
from domain.free_text import REASON_LIMIT, checked_text
from domain.permissions import Action, Actor, recorded_id, require
from domain.vocabulary import Role

LONGEST_PAUSE_DAYS = 366  # a pause is for something agreed and near, not a way to close work


def pause_area(
    session: Session,
    *,
    area_id: int,
    until: date,
    reason: str,
    by: Actor,
    today: date,
    now: datetime,
) -> AreaPause:
    """Pause the chase of an open area from today until `until`, for a recorded reason."""
    area = get_area(session, area_id)
    what = f"development area {area_id}"
    require(by, Action.PAUSE, scope_of(area), what)
    if not reason.strip():
        raise MissingReason(f"a pause of {what} needs a reason; pass --reason TEXT", field="reason")
    reason = checked_text(reason, "pause reason", limit=REASON_LIMIT, field="reason")
    if not area.status.is_active:
        raise InvalidInput(f"{what} is {area.status.value}; only open work is chased")
    if until < today:
        raise InvalidDate(
            f"pause until {written_date(until)} is in the past; give today or a later date",
            field="until",
        )
    if until > today + timedelta(days=LONGEST_PAUSE_DAYS):
        raise InvalidDate(
            f"pause until {written_date(until)} is more than a year away; give an earlier date",
            field="until",
        )
    current = pause_on(session, area_id, today)
    if current is not None:
        raise Conflict(
            f"{what} is paused already until {written_date(current.until)}; resume it first"
        )
    pause = AreaPause(
        area_id=area_id,
        starts_on=today,
        until=until,
        planned_until=until,
        reason=reason,
        set_by_id=recorded_id(by),
        set_by_role=Role.ADMIN if by.is_system else by.role,
        set_at=now,
    )
    session.add(pause)
    session.commit()
    session.refresh(pause)
    return pause


def resume_area(
    session: Session, *, area_id: int, by: Actor, today: date, now: datetime
) -> AreaPause:
    """End the area's pause in force today: the chase takes up again from today."""
    area = get_area(session, area_id)
    what = f"development area {area_id}"
    require(by, Action.PAUSE, scope_of(area), what)
    pause = pause_on(session, area_id, today)
    if pause is None:
        raise Conflict(f"{what} is not paused; there is nothing to resume")
    pause.until = today - timedelta(days=1)
    pause.ended_by_id, pause.ended_at = recorded_id(by), now
    session.add(pause)
    session.commit()
    session.refresh(pause)
    return pause
