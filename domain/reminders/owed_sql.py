"""The reminders owed on a day: one SELECT branch per reason over the candidate areas.

Together with the candidates of `domain.reminders.rules_sql` this restates
`domain.reminders.rules`; tests/flows/test_sql_agrees_with_rules.py replays both day by day.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, and_, case, cast, func, literal, not_, select, union_all
from sqlalchemy.sql import ColumnElement, FromClause, Select
from sqlalchemy.sql.selectable import CTE

from domain.accounts.models import Person
from domain.reminders.models import ReminderReason, WorkingDay
from domain.reminders.policy import Policy
from domain.reminders.rules import NO_DUE_DATE
from domain.reminders.rules_sql import (
    KEY_COLUMNS,
    DayBounds,
    candidates,
    directors,
    escalations_held,
    latest_windows,
    paused_on,
    table_of,
)


def every(opened: ColumnElement[int], elapsed: ColumnElement[int], days: int) -> ColumnElement[int]:
    """SQL for domain.reminders.rules.period_start."""
    return opened + (elapsed // days) * days if days > 0 else opened


def later_of(a: ColumnElement[int], b: ColumnElement[int]) -> ColumnElement[int]:
    return case((a >= b, a), else_=b)


@dataclass(frozen=True)
class Owed:
    """The candidates on one day, and what every reason's branch selects from them."""

    c: CTE  # the candidates
    bounds: DayBounds
    policy: Policy

    @property
    def n(self) -> ColumnElement[int]:
        """Today's number in the working-day calendar."""
        return literal(self.bounds.number, Integer)

    @property
    def since(self) -> ColumnElement[int]:
        """Working days since the area's last activity."""
        return self.n - self.c.c.activity_n

    @property
    def overdue(self) -> ColumnElement[bool]:
        return and_(self.c.c.due_date < self.bounds.today, self.c.c.due_n.is_not(None))

    @property
    def unpaused(self) -> ColumnElement[bool]:
        """The area's chase is not paused today."""
        return self.c.c.area_id.not_in(paused_on(self.bounds))

    @property
    def escalating(self) -> ColumnElement[bool]:
        """No pause holds back the area's escalations today."""
        held = escalations_held(self.bounds, self.policy.max_lead_pause_days)
        return self.c.c.area_id.not_in(held)

    @property
    def silent_since(self) -> ColumnElement[int]:
        """The later of the due day and the last activity: where escalation counts from."""
        return later_of(self.c.c.due_n, self.c.c.activity_n)

    def branch(
        self,
        reason: ReminderReason,
        window: ColumnElement[int],
        recipient: ColumnElement[int],
        *conditions: ColumnElement[bool],
        joins: tuple[tuple[FromClause, ColumnElement[bool]], ...] = (),
    ) -> Select[Any]:
        """The reminders of one reason: the ledger's key columns where `conditions` hold."""
        c = self.c
        source: FromClause = c
        for table, on in joins:
            source = source.join(table, on)
        return (
            select(
                c.c.authority_id,
                c.c.area_id,
                literal(reason.value, String).label("reason"),
                cast(window, Integer).label("window_key"),
                recipient.label("recipient_id"),
                func.coalesce(cast(c.c.due_date, String), NO_DUE_DATE).label("due_date_version"),
            )
            .select_from(source)
            .where(*conditions)
        )


def lead_reminders(o: Owed) -> list[Select[Any]]:
    """Overdue, due today, due soon and stale: each to the area's lead."""
    c, n, policy, today = o.c, o.n, o.policy, o.bounds.today
    quiet = and_(c.c.has_update, o.since < policy.quiet_after_update_days)
    thresholds = sorted(policy.due_soon_days)
    nearest = case(*((c.c.due_n - n <= t, t) for t in thresholds), else_=0) if thresholds else 0
    return [
        o.branch(
            ReminderReason.OVERDUE,
            every(c.c.due_n, n - c.c.due_n, policy.chase_every_days),
            c.c.owner_id,
            o.overdue,
            not_(func.coalesce(quiet, False)),
            o.unpaused,
        ),
        o.branch(
            ReminderReason.DUE_TODAY, c.c.due_n, c.c.owner_id, c.c.due_date == today, o.unpaused
        ),
        o.branch(
            ReminderReason.DUE_SOON,
            c.c.due_n - nearest,
            c.c.owner_id,
            c.c.due_date > today,
            c.c.due_n - n <= policy.due_soon_horizon,
            o.unpaused,
        ),
        o.branch(
            ReminderReason.STALE,
            every(c.c.activity_n, o.since, policy.stale_after_days),
            c.c.owner_id,
            o.since >= policy.stale_after_days,
            o.unpaused,
        ),
    ]


def at_risk_reminders(o: Owed) -> Select[Any]:
    """Areas due after the next inspection window opens, to their lead."""
    windows = latest_windows().subquery("windows")
    window_day = table_of(WorkingDay).alias("window_day")
    return o.branch(
        ReminderReason.AT_RISK,
        window_day.c.number,
        o.c.c.owner_id,
        o.c.c.due_date >= windows.c.window_start,
        window_day.c.number - o.n <= o.policy.at_risk_before_window_days,
        o.unpaused,
        joins=(
            (windows, windows.c.authority_id == o.c.c.authority_id),
            (window_day, window_day.c.day == windows.c.window_start),
        ),
    )


def escalations(o: Owed) -> list[Select[Any]]:
    """Overdue areas with no word for long enough, to the lead's manager and the director."""
    manager = table_of(Person).alias("manager")
    heads = directors().subquery("heads")
    to_manager = o.policy.escalate_to_manager_after_days
    to_director = o.policy.escalate_to_director_after_days
    return [
        o.branch(
            ReminderReason.ESCALATE_MANAGER,
            o.silent_since + to_manager,
            manager.c.id,
            o.overdue,
            o.n - o.silent_since >= to_manager,
            o.escalating,
            joins=(
                (
                    manager,
                    and_(manager.c.id == o.c.c.owner_manager_id, manager.c.active.is_(True)),
                ),
            ),
        ),
        o.branch(
            ReminderReason.ESCALATE_DIRECTOR,
            o.silent_since + to_director,
            heads.c.director_id,
            o.overdue,
            o.n - o.silent_since >= to_director,
            o.escalating,
            joins=((heads, heads.c.authority_id == o.c.c.authority_id),),
        ),
    ]


def wanted_reminders(
    bounds: DayBounds,
    policy: Policy,
    authority_ids: Collection[int] | None,
    area_ids: Select[Any] | None = None,
    *,
    dialect: str,
) -> Select[Any]:
    """One row per reminder owed on `bounds.today`, with the ledger's key columns.

    Each reason is one branch over the candidates; the joins only some reasons need (the
    inspection window, the manager, the director) are made in those branches alone.
    """
    c = candidates(bounds, authority_ids, area_ids, dialect=dialect).cte("candidates")
    o = Owed(c, bounds, policy)
    owed = union_all(*lead_reminders(o), at_risk_reminders(o), *escalations(o)).subquery("owed")
    # SQLite reads an INSERT ... SELECT ... ON CONFLICT as ambiguous unless the SELECT has
    # a WHERE clause of its own.
    return select(*(owed.c[name] for name in KEY_COLUMNS)).where(owed.c.window_key.is_not(None))
