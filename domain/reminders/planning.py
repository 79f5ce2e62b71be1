"""Planning the day's reminders into the ledger: new keys in, now-wrong pending rows out.

Planning is one short transaction: it cancels pending reminders that are no longer owed (the
lead or due date changed, a progress update came in, the area closed, a later window took
over) and inserts a pending row, held by the planning run, for every reminder owed today,
skipping keys already in the ledger. Nothing is sent here; delivery comes after, and older
pending rows are claimed then (reminders_ledger).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    Integer,
    String,
    and_,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from domain.accounts.models import Authority
from domain.calendar import is_working_day
from domain.columns import UTCDateTime
from domain.permissions import Actor, require_administrator
from domain.reminders.batches import Share, lock_authorities, narrowed
from domain.reminders.calendar_table import (
    ensure_working_days,
    first_moment_numbered_above,
    last_day_numbered,
    number_of,
)
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.reminders.owed_sql import wanted_reminders
from domain.reminders.policy import Policy
from domain.reminders.policy_groups import PolicyGroup, policy_groups
from domain.reminders.rules_sql import KEY_COLUMNS, DayBounds, table_of

CHUNK = 500
DAILY_REASONS = tuple(r for r in ReminderReason if r != ReminderReason.READINESS)
# What the rules plan each day; a notice that a date was not agreed is owed until it is sent.
PLANNED_REASONS = tuple(r for r in DAILY_REASONS if r != ReminderReason.DATE_NOT_AGREED)
LEDGER = table_of(Reminder)
# Written out, not bound, so that SQLite sees the predicate of the partial index on pending
# rows and uses it; with a bound parameter it would scan the whole ledger.
IS_PENDING = LEDGER.c.state == literal_column(f"'{ReminderState.PENDING.value}'")
# The columns of the ledger's unique constraint on reminders about an area.
UNIQUE_KEY = ("area_id", "reason", "window_key", "recipient_id", "due_date_version")
SQLITE_PLANNING_CACHE = -65_536  # 64 MiB of page cache while planning (negative: in KiB)


@dataclass(frozen=True)
class RunClaim:
    """Who holds a claimed reminder: the run, and the token it stamps on the rows it holds."""

    run_id: str
    token: str


@dataclass
class PlanResult:
    """What planning did: reminders newly owed, pending ones cancelled, authorities resting."""

    planned: int = 0
    cancelled: int = 0
    resting_authorities: list[int] = field(default_factory=list)
    active_authorities: tuple[int, ...] | None = None  # None: every authority is active
    # Authorities left out because their stored policy cannot be read: (name, why).
    skipped_authorities: list[tuple[str, str]] = field(default_factory=list)


def day_bounds(session: Session, today: date, policy: Policy) -> DayBounds:
    """Today's working-day number and the cutoffs that pick out candidate areas."""
    number = number_of(session, today)
    return DayBounds(
        today=today,
        number=number,
        due_horizon=last_day_numbered(session, number + policy.due_soon_horizon),
        stale_before=first_moment_numbered_above(session, number - policy.stale_after_days),
        risk_number=number + policy.at_risk_before_window_days,
    )


def dialect_of(session: Session) -> str:
    """The name of the session's database: sqlite or postgresql."""
    return session.get_bind().dialect.name


def insert_for(session: Session) -> type[sqlite.Insert] | type[postgresql.Insert]:
    """The INSERT of the session's database, which knows ON CONFLICT DO NOTHING."""
    return postgresql.Insert if dialect_of(session) == "postgresql" else sqlite.Insert


def unheld_pending(lease_cutoff: datetime) -> ColumnElement[bool]:
    """Pending rows no run holds, or whose holder's lease ran out (it crashed or hung)."""
    return and_(
        IS_PENDING,
        or_(
            LEDGER.c.claim_token.is_(None),
            LEDGER.c.claimed_at < lease_cutoff,
        ),
    )


def in_group(group: PolicyGroup) -> ColumnElement[bool]:
    """Reminders about the group's authorities."""
    if group.authority_ids is None:
        return true()
    return LEDGER.c.authority_id.in_(group.authority_ids)


def cancel_unwanted(
    session: Session, bounds: DayBounds, group: PolicyGroup, lease_cutoff: datetime
) -> int:
    """Cancel the group's unheld pending reminders that are no longer owed today."""
    condition = and_(
        unheld_pending(lease_cutoff),
        in_group(group),
        LEDGER.c.reason.in_(PLANNED_REASONS),  # every planned reminder about an area
    )
    keys = [LEDGER.c[name] for name in KEY_COLUMNS]
    pending = session.execute(select(LEDGER.c.id, *keys).where(condition)).all()
    if not pending:
        return 0
    areas = select(LEDGER.c.area_id).where(condition)
    owed = wanted_reminders(
        bounds, group.policy, group.authority_ids, areas, dialect=dialect_of(session)
    )
    wanted = {tuple(row) for row in session.execute(owed).all()}
    unwanted = [row[0] for row in pending if tuple(row[1:]) not in wanted]
    return cancel(session, unwanted, still=condition)


def cancel(session: Session, ids: list[int], *, still: ColumnElement[bool]) -> int:
    """Cancel the reminders `ids` that still meet `still`: another run may have claimed one."""
    cancelled = 0
    for start in range(0, len(ids), CHUNK):
        result = session.execute(
            update(LEDGER)
            .where(LEDGER.c.id.in_(ids[start : start + CHUNK]), still)
            .values(state=ReminderState.CANCELLED, claim_token=None)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)
        cancelled += max(result.rowcount, 0)
    return cancelled


def insert_wanted(
    session: Session, bounds: DayBounds, group: PolicyGroup, *, now: datetime, run: RunClaim
) -> int:
    """Add every reminder owed today whose key is not in the ledger yet, held by this run.

    New rows are claimed as they are inserted, so the run never has to update them to take
    them; a row another run inserted first is left to that run.
    """
    owed = wanted_reminders(
        bounds, group.policy, group.authority_ids, dialect=dialect_of(session)
    ).subquery("owed")
    rows = select(
        *owed.c,
        literal(ReminderState.PENDING.value, String),
        literal(1, Integer),
        literal(now, UTCDateTime()),
        literal(now, UTCDateTime()),
        literal(run.token, String),
        literal(run.run_id, String),
    ).where(owed.c.window_key.is_not(None))
    columns = [*KEY_COLUMNS, "state", "attempts", "created_at", "claimed_at", "claim_token"]
    statement: postgresql.Insert | sqlite.Insert
    if dialect_of(session) == "postgresql":
        # Planning runs one at a time (plan_daily_reminders holds a lock), so every key in
        # the ledger is visible here and one anti-join skips them all. ON CONFLICT would
        # cost a speculative insertion per new row, more than the rest of the insert.
        ledger = LEDGER.alias("known")
        known = exists().where(*(ledger.c[name] == owed.c[name] for name in UNIQUE_KEY))
        # The sort makes every probe happen before the first insert, so none of them walks
        # rows this statement added (which, in a ledger planned as empty, it would).
        fresh = rows.where(~known).order_by(owed.c.area_id)
        statement = postgresql.insert(LEDGER).from_select([*columns, "run_id"], fresh)
    else:
        # SQLite lets one writer in at a time and probes the unique index for every row
        # anyway, so ON CONFLICT costs nothing there.
        statement = (
            sqlite.insert(LEDGER).from_select([*columns, "run_id"], rows).on_conflict_do_nothing()
        )
    result = session.execute(statement.execution_options(preserve_rowcount=True))
    assert isinstance(result, CursorResult)
    if result.rowcount >= 0:
        return result.rowcount
    # Python's sqlite3 reports no row count for a statement that starts with WITH; SQLite
    # itself still knows how many rows the last statement inserted.
    return int(session.execute(select(func.changes())).scalar_one())


@contextmanager
def bulk_planning(session: Session, share: tuple[int, ...] | None = None) -> Iterator[None]:
    """The planning transaction's database settings, for the one bulk INSERT ... SELECT."""
    if dialect_of(session) == "postgresql":
        # One planning run at a time per authority: a second waits here until the first has
        # committed, then sees every key the first added (see insert_wanted).
        lock_authorities(session, share)
        # Compiling the planning query to machine code would take longer than it saves, and
        # the candidate areas fit in memory rather than a temporary file. Both end with the
        # transaction.
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '64MB'"))
        yield
        return
    # A day's reminders are written in one transaction; in SQLite's default 2 MiB of page
    # cache the ledger's index pages keep spilling. The connection gets its own size back
    # before the commit, so the pool's other users keep the small cache.
    connection = session.connection()
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size={SQLITE_PLANNING_CACHE}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")


def plan_daily_reminders(
    session: Session,
    *,
    today: date,
    now: datetime,
    run: RunClaim,
    lease_cutoff: datetime,
    by: Actor,
    share: Share | None = None,
) -> PlanResult:
    """Bring the ledger up to date for `today` in one transaction and report what changed.

    Reminders newly owed are inserted already held by `run`. Authorities whose policy does
    not remind on weekends and bank holidays rest on those days: nothing of theirs is planned
    or cancelled. Every authority is planned, so `by` is SYSTEM (the scheduled run or the
    server's command line) or an administrator of every authority. With `share`, only that
    batch's authorities are planned, and the result names them as the active ones.
    """
    require_administrator(by, None, "plan the reminders of every authority")
    ensure_working_days(session, today)
    result = PlanResult()
    active: list[int] = []
    found = policy_groups(session)
    groups, batch = found.groups, None
    if share is not None:
        batch = share.of(authority_ids(session))
        groups = narrowed(groups, batch)
    # Authorities left out are reported once a day, by the whole run or the first batch.
    if share is None or share.batch == 0:
        result.skipped_authorities = found.unreadable
    with bulk_planning(session, batch):
        for group in groups:
            if not (is_working_day(today) or group.policy.remind_on_non_working_days):
                result.resting_authorities += group.authority_ids or authority_ids(session)
                continue
            active += group.authority_ids or []
            bounds = day_bounds(session, today, group.policy)
            result.cancelled += cancel_unwanted(session, bounds, group, lease_cutoff)
            result.planned += insert_wanted(session, bounds, group, now=now, run=run)
    session.commit()
    if share is not None or result.resting_authorities or found.unreadable or len(found.groups) > 1:
        result.active_authorities = tuple(sorted(active))
    return result


def authority_ids(session: Session) -> list[int]:
    """Every authority's id."""
    return list(session.execute(select(table_of(Authority).c.id)).scalars())
