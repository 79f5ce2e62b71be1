"""The reminder ledger, one row per reminder owed, and the working-day calendar it counts with.

A reminder row is keyed by (area, reason, window, recipient, due-date version): the unique
constraint is what stops a reminder being sent twice, however often or concurrently the daily
check runs. Authority-wide messages (readiness reports) have no area and are kept unique by a
partial index instead, because NULLs never collide in a unique constraint.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, UniqueConstraint, text
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type

# Re-exported: the ledger's readers take its two vocabularies from beside its table.
from domain.vocabulary import ReminderReason as ReminderReason
from domain.vocabulary import ReminderState as ReminderState


def partial_index(name: str, *columns: str, where: str, unique: bool = False) -> Index:
    """An index over the rows meeting `where` only, on SQLite and PostgreSQL alike."""
    return Index(
        name, *columns, unique=unique, sqlite_where=text(where), postgresql_where=text(where)
    )


class Reminder(SQLModel, table=True):
    """One reminder owed to one person, and what became of it.

    `window_key` is the working-day number on which the reminder's window opened (see
    domain.reminders.rules), so a run on any later day of the same window finds the same key.
    `due_date_version` is the area's due date when the reminder was planned; a new due date
    gives new keys. `last_error` is already redacted; no URL with a secret is ever stored, and
    channels are named in `delivered_on` by keys that hold no secret either.
    """

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint(
            "area_id",
            "reason",
            "window_key",
            "recipient_id",
            "due_date_version",
            name="uq_reminder_key",
        ),
        partial_index(
            "uq_reminder_authority_key",
            "authority_id",
            "reason",
            "window_key",
            "recipient_id",
            "due_date_version",
            where="area_id IS NULL",
            unique=True,
        ),
        # Only pending rows are looked up by claim; sent ones (nearly all) stay out of it.
        partial_index("ix_reminder_pending_claim", "claim_token", where="state = 'pending'"),
        # A run's outcome is read back by run: what it delivered, and what it could not.
        # Both indexes leave out the rows a run is still holding, so planning a day's
        # reminders writes no entries to them.
        partial_index("ix_reminder_run_sent", "run_id", where="state = 'sent'"),
        partial_index("ix_reminder_run_errors", "run_id", where="last_error IS NOT NULL"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # No foreign keys: the daily check writes tens of thousands of rows at a time, and
    # PostgreSQL checks each key of each row with a trigger, which tripled the cost of
    # planning. The rows referred to are never deleted (areas close, people become inactive).
    authority_id: int
    area_id: int | None = None
    reason: ReminderReason = Field(sa_type=enum_type(ReminderReason))
    window_key: int
    recipient_id: int
    due_date_version: str = Field(max_length=10)
    state: ReminderState = Field(default=ReminderState.PENDING, sa_type=enum_type(ReminderState))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    claim_token: str | None = Field(default=None, max_length=64)
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    run_id: str | None = Field(default=None, max_length=64)
    # The channels that accepted this reminder, as "|key|key|": a retry sends only the others.
    # `sent_at` is set when the first channel (the person's email, else their first target)
    # accepts it: from then on it counts as delivered, whatever the other channels do.
    delivered_on: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    # Who it went to instead of `recipient_id`, while that person was away (their delegate).
    delegate_id: int | None = None


class WorkingDay(SQLModel, table=True):
    """One calendar day in England with its working-day number, so SQL can count working days.

    `number` counts the working days from the calendar's first day up to and including this
    one, so the working days after `a` up to `b` are `number(b) - number(a)`. `starts_at` is
    midnight in London as a UTC instant, which finds the London date of a stored timestamp.
    """

    __tablename__ = "working_day"

    day: date = Field(primary_key=True)
    number: int
    is_working: bool
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class RunRecord(SQLModel, table=True):
    """One run of a scheduled flow as the application saw it: begun, and how it ended.

    Kept beside the ledger so that a run which stopped half-way, or a schedule that stopped
    firing, shows in `closeout status`, on the dashboard and at /api/health without anyone
    opening Prefect. `summary` holds counts only, never an address.
    """

    __tablename__ = "run_record"
    __table_args__ = (Index("ix_run_record_flow_date", "flow", "run_date"),)

    id: int | None = Field(default=None, primary_key=True)
    flow: str = Field(max_length=40)
    run_id: str = Field(max_length=64, unique=True)
    run_date: date
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    succeeded: bool | None = None  # None while running, or when the run stopped unfinished
    summary: str = Field(default="", max_length=1000)
    # A replay of a day still to come (`closeout check --future`): it sends as usual, but the
    # schedule's health never counts it.
    replay: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
