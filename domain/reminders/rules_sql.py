"""The reminder rules of domain.reminders.rules as set-based SQL over every area.

`candidates` picks out the areas that may be owed a reminder today, and
`domain.reminders.owed_sql.wanted_reminders` builds from them a SELECT of (authority, area,
reason, window, recipient, due-date version) rows, one per reminder owed today, for the areas
of some authorities sharing one policy. It counts working days with the `working_day` table,
so it runs unchanged on SQLite and PostgreSQL, and it filters on plain date and timestamp
cutoffs first, so only the areas that may need a reminder are looked at closely.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from typing import cast as cast_to

from sqlalchemy import (
    Date,
    Table,
    cast,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.sql import Select
from sqlmodel import SQLModel

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea
from domain.areas.pauses import AreaPause
from domain.inspections.models import Inspection
from domain.reminders.models import WorkingDay
from domain.vocabulary import Role, Status

ACTIVE = [s.value for s in Status if s.is_active]
DONE = [s.value for s in Status if not s.is_active]
KEY_COLUMNS = (
    "authority_id",
    "area_id",
    "reason",
    "window_key",
    "recipient_id",
    "due_date_version",
)


@dataclass(frozen=True)
class DayBounds:
    """Today as the calendar table numbers it, and the cutoffs that pick out candidate areas."""

    today: date
    number: int
    due_horizon: date  # areas due on or before this may be due soon, due today or overdue
    stale_before: datetime  # areas with no activity since this instant may be stale
    risk_number: int  # windows opening on a day numbered up to this put late areas at risk


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a SQLModel table class, for set-based queries."""
    return cast_to(Table, model.__table__)  # type: ignore[attr-defined]


def latest_windows() -> Select[Any]:
    """Each authority's expected next window start, from its latest inspection."""
    inspection, later = table_of(Inspection), table_of(Inspection).alias("later")
    latest_end = (
        select(func.max(later.c.end_date))
        .where(later.c.authority_id == inspection.c.authority_id)
        .scalar_subquery()
    )
    return (
        select(
            inspection.c.authority_id,
            func.max(inspection.c.next_window_start).label("window_start"),
        )
        .where(inspection.c.end_date == latest_end)
        .group_by(inspection.c.authority_id)
    )


def directors() -> Select[Any]:
    """Each authority's director: the first active person recorded with that role."""
    person = table_of(Person)
    return (
        select(person.c.authority_id, func.min(person.c.id).label("director_id"))
        .where(person.c.role == Role.DIRECTOR.value, person.c.active.is_(True))
        .group_by(person.c.authority_id)
    )


def paused_on(bounds: DayBounds) -> Select[Any]:
    """The areas whose chase is paused today: their lead is owed nothing about them."""
    pause = table_of(AreaPause)
    return select(pause.c.area_id).where(
        pause.c.starts_on <= bounds.today, pause.c.until >= bounds.today
    )


def escalations_held(bounds: DayBounds, max_lead_pause_days: int) -> Select[Any]:
    """The paused areas whose escalations wait today (domain.reminders.rules.escalation_held):
    every pause set above the lead, and a lead's own for its first working days."""
    pause, calendar = table_of(AreaPause), table_of(WorkingDay)
    return (
        paused_on(bounds)
        .join(calendar, calendar.c.day == pause.c.starts_on)
        .where(
            or_(
                pause.c.set_by_role != Role.LEAD.value,
                bounds.number - calendar.c.number < max_lead_pause_days,
            )
        )
    )


def windows_near(bounds: DayBounds) -> Select[Any]:
    """Authorities whose expected window opens soon enough to put late areas at risk."""
    windows, calendar = latest_windows().subquery("near"), table_of(WorkingDay)
    return (
        select(windows.c.authority_id)
        .join(calendar, calendar.c.day == windows.c.window_start)
        .where(calendar.c.number <= bounds.risk_number)
    )


def candidates(
    bounds: DayBounds,
    authority_ids: Collection[int] | None,
    area_ids: Select[Any] | None = None,
    *,
    dialect: str,
) -> Select[Any]:
    """Active areas with an active lead that may be owed a reminder, with their day numbers.

    The filter reads only the area's own columns, so areas that need nothing are dropped
    before any join. The last activity's London date comes from PostgreSQL's time zone
    database; SQLite has none, so there it is the calendar day whose London midnight last
    preceded the moment, found by one index seek.
    """
    area, owner = table_of(DevelopmentArea).alias("a"), table_of(Person).alias("owner")
    calendar = table_of(WorkingDay)
    due_day, activity_day = calendar.alias("due_day"), calendar.alias("activity_day")
    activity = func.coalesce(area.c.last_progress_at, area.c.created_at)
    in_london = dialect == "postgresql"
    activity_number = (
        activity_day.c.number
        if in_london
        else select(calendar.c.number)
        .where(calendar.c.starts_at <= activity)
        .order_by(calendar.c.starts_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            area.c.id.label("area_id"),
            area.c.authority_id,
            area.c.owner_id,
            owner.c.manager_id.label("owner_manager_id"),
            area.c.due_date,
            due_day.c.number.label("due_n"),
            activity_number.label("activity_n"),
            area.c.last_progress_at.is_not(None).label("has_update"),
        )
        .select_from(area)
        # A left join filtered on the lead: SQLite then scans the areas once, in order,
        # instead of visiting them lead by lead through the owner index.
        .outerjoin(owner, owner.c.id == area.c.owner_id)
        .outerjoin(due_day, due_day.c.day == area.c.due_date)
        # "Not done" rather than "one of the active statuses": the same areas, but PostgreSQL
        # then reads the table straight through instead of visiting it through the status index.
        .where(area.c.status.not_in(DONE))
        .where(func.coalesce(owner.c.active, false()) == true())
        .where(
            or_(
                area.c.due_date <= bounds.due_horizon,
                activity < bounds.stale_before,
                area.c.authority_id.in_(windows_near(bounds)),
            )
        )
    )
    if in_london:
        london_day = cast(func.timezone("Europe/London", activity), Date)
        query = query.outerjoin(activity_day, activity_day.c.day == london_day)
    if authority_ids is not None:
        query = query.where(area.c.authority_id.in_(sorted(authority_ids)))
    if area_ids is not None:
        query = query.where(area.c.id.in_(area_ids))
    return query
