"""The reminder rules of domain.rules.reminders as one set-based SQL query over every area.

`wanted_reminders` builds a SELECT of (authority, area, reason, window, recipient, due-date
version) rows, one per reminder owed today, for the areas of some authorities sharing one
policy. It counts working days with the `working_day` table, so it runs unchanged on SQLite
and PostgreSQL, and it filters on plain date and timestamp cutoffs first, so only the areas
that may need a reminder are looked at closely.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select

from domain.models import (
    DevelopmentArea,
    Inspection,
    Person,
    ReminderReason,
    Role,
    Status,
    WorkingDay,
)
from domain.rules.policy import Policy
from domain.rules.reminders import NO_DUE_DATE

ACTIVE = [s.value for s in Status if s.is_active]
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


def latest_windows() -> Select[tuple[int, date]]:
    """Each authority's expected next window start, from its latest inspection."""
    later = aliased(Inspection)
    latest_end = (
        select(func.max(later.end_date))
        .where(later.authority_id == Inspection.authority_id)
        .scalar_subquery()
    )
    return (
        select(
            Inspection.authority_id.label("authority_id"),  # type: ignore[attr-defined]
            func.max(Inspection.next_window_start).label("window_start"),
        )
        .where(Inspection.end_date == latest_end)
        .group_by(Inspection.authority_id)
    )


def directors() -> Select[tuple[int, int]]:
    """Each authority's director: the first active person recorded with that role."""
    return (
        select(
            Person.authority_id.label("authority_id"),  # type: ignore[union-attr]
            func.min(Person.id).label("director_id"),
        )
        .where(Person.role == Role.DIRECTOR, Person.active.is_(True))  # type: ignore[attr-defined]
        .group_by(Person.authority_id)
    )


def candidates(
    bounds: DayBounds,
    authority_ids: Collection[int] | None,
    area_ids: Select[tuple[int]] | None = None,
    *,
    dialect: str,
) -> Select[tuple[object, ...]]:
    """Active areas with an active lead that may be owed a reminder, with their day numbers.

    The last activity's London date comes from PostgreSQL's time zone database, joined to the
    calendar by day; SQLite has no time zone database, so there it is the calendar day whose
    London midnight last preceded the moment, found by one index seek.
    """
    area = DevelopmentArea.__table__.alias("a")
    owner = aliased(Person, name="owner")
    manager = aliased(Person, name="manager")
    due_day = aliased(WorkingDay, name="due_day")
    window_day = aliased(WorkingDay, name="window_day")
    windows = latest_windows().subquery("windows")
    heads = directors().subquery("heads")
    activity = func.coalesce(area.c.last_progress_at, area.c.created_at)
    activity_day = aliased(WorkingDay, name="activity_day")
    in_london = dialect == "postgresql"
    activity_number = (
        activity_day.number
        if in_london
        else select(WorkingDay.number)
        .where(WorkingDay.starts_at <= activity)  # type: ignore[arg-type]
        .order_by(WorkingDay.starts_at.desc())  # type: ignore[attr-defined]
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            area.c.id.label("area_id"),
            area.c.authority_id,
            area.c.owner_id,
            area.c.due_date,
            manager.id.label("manager_id"),  # type: ignore[union-attr]
            heads.c.director_id,
            due_day.number.label("due_n"),
            activity_number.label("activity_n"),
            area.c.last_progress_at.is_not(None).label("has_update"),
            windows.c.window_start,
            window_day.number.label("window_n"),
        )
        .select_from(area)
        .join(owner, and_(owner.id == area.c.owner_id, owner.active.is_(True)))  # type: ignore[attr-defined]
        .outerjoin(manager, and_(manager.id == owner.manager_id, manager.active.is_(True)))  # type: ignore[attr-defined]
        .outerjoin(heads, heads.c.authority_id == area.c.authority_id)
        .outerjoin(due_day, due_day.day == area.c.due_date)
        .outerjoin(windows, windows.c.authority_id == area.c.authority_id)
        .outerjoin(window_day, window_day.day == windows.c.window_start)
        .where(area.c.status.in_(ACTIVE))
        .where(
            or_(
                area.c.due_date <= bounds.due_horizon,
                activity < bounds.stale_before,
                and_(
                    window_day.number <= bounds.risk_number,
                    area.c.due_date >= windows.c.window_start,
                ),
            )
        )
    )
    if in_london:
        london_day = cast(func.timezone("Europe/London", activity), Date)
        query = query.outerjoin(activity_day, activity_day.day == london_day)
    if authority_ids is not None:
        query = query.where(area.c.authority_id.in_(sorted(authority_ids)))
    if area_ids is not None:
        query = query.where(area.c.id.in_(area_ids))
    return query


def every(opened: ColumnElement[int], elapsed: ColumnElement[int], days: int) -> ColumnElement[int]:
    """SQL for domain.rules.reminders.period_start."""
    return opened + (elapsed // days) * days if days > 0 else opened


def later_of(a: ColumnElement[int], b: ColumnElement[int]) -> ColumnElement[int]:
    return case((a >= b, a), else_=b)


def wanted_reminders(
    bounds: DayBounds,
    policy: Policy,
    authority_ids: Collection[int] | None,
    area_ids: Select[tuple[int]] | None = None,
    *,
    dialect: str,
) -> Select[tuple[object, ...]]:
    """One row per reminder owed on `bounds.today`, with the ledger's key columns."""
    c = candidates(bounds, authority_ids, area_ids, dialect=dialect).cte("candidates")
    today = bounds.today
    n = literal(bounds.number, Integer)
    version = func.coalesce(cast(c.c.due_date, String), NO_DUE_DATE)
    since = n - c.c.activity_n
    quiet = and_(c.c.has_update, since < policy.quiet_after_update_days)
    overdue = and_(c.c.due_date < today, c.c.due_n.is_not(None))
    silent_since = later_of(c.c.due_n, c.c.activity_n)
    thresholds = sorted(policy.due_soon_days)
    nearest = case(*((c.c.due_n - n <= t, t) for t in thresholds), else_=0) if thresholds else 0

    def branch(
        reason: ReminderReason,
        window: ColumnElement[int] | object,
        recipient: ColumnElement[int],
        *conditions: ColumnElement[bool],
    ) -> Select[tuple[object, ...]]:
        return select(
            c.c.authority_id,
            c.c.area_id,
            literal(reason.value, String).label("reason"),
            cast(window, Integer).label("window_key"),
            recipient.label("recipient_id"),
            version.label("due_date_version"),
        ).where(*conditions)

    escalate_after = {
        ReminderReason.ESCALATE_MANAGER: (policy.escalate_to_manager_after_days, c.c.manager_id),
        ReminderReason.ESCALATE_DIRECTOR: (
            policy.escalate_to_director_after_days,
            c.c.director_id,
        ),
    }
    branches = [
        branch(
            ReminderReason.OVERDUE,
            every(c.c.due_n, n - c.c.due_n, policy.chase_every_days),
            c.c.owner_id,
            overdue,
            not_(func.coalesce(quiet, False)),
        ),
        branch(ReminderReason.DUE_TODAY, c.c.due_n, c.c.owner_id, c.c.due_date == today),
        branch(
            ReminderReason.DUE_SOON,
            c.c.due_n - nearest,
            c.c.owner_id,
            c.c.due_date > today,
            c.c.due_n - n <= policy.due_soon_horizon,
        ),
        branch(
            ReminderReason.STALE,
            every(c.c.activity_n, since, policy.stale_after_days),
            c.c.owner_id,
            since >= policy.stale_after_days,
        ),
        branch(
            ReminderReason.AT_RISK,
            c.c.window_n,
            c.c.owner_id,
            c.c.due_date >= c.c.window_start,
            c.c.window_n - n <= policy.at_risk_before_window_days,
        ),
        *(
            branch(
                reason,
                silent_since + after,
                recipient,
                overdue,
                recipient.is_not(None),
                n - silent_since >= after,
            )
            for reason, (after, recipient) in escalate_after.items()
        ),
    ]
    owed = union_all(*branches).subquery("owed")
    # SQLite reads an INSERT ... SELECT ... ON CONFLICT as ambiguous unless the SELECT has
    # a WHERE clause of its own.
    return select(*(owed.c[name] for name in KEY_COLUMNS)).where(owed.c.window_key.is_not(None))
