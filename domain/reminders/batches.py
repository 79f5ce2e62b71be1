"""The daily check split into batches of authorities, and what each batch's run did.

A batch is the authorities whose id leaves `batch` over `batches`, so every authority is in
exactly one batch however the day is split. Each batch plans, claims and delivers its own
authorities' reminders in a flow run of its own, and records here what it planned and claimed;
the run that split the day adds the batches up into one report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Column, func
from sqlalchemy import select as sa_select
from sqlmodel import Field, Session, SQLModel, col, select

from domain.columns import UTCDateTime
from domain.reminders.policy_groups import PolicyGroup

PLANNING_LOCK = 7_362_014  # PostgreSQL advisory lock held while a run plans its reminders
AUTHORITY_LOCKS = 7_362  # with an authority's id: the lock a batch holds while planning it


@dataclass(frozen=True)
class Share:
    """One batch of the daily check: the authorities whose id leaves `batch` over `batches`."""

    batch: int
    batches: int

    def __post_init__(self) -> None:
        if not 1 <= self.batches <= 64:
            raise ValueError(f"batches {self.batches} must be from 1 to 64")
        if not 0 <= self.batch < self.batches:
            raise ValueError(f"batch {self.batch} must be from 0 to {self.batches - 1}")

    def holds(self, authority_id: int) -> bool:
        """Whether the authority is in this batch."""
        return authority_id % self.batches == self.batch

    def of(self, authority_ids: Iterable[int]) -> tuple[int, ...]:
        """The authorities of `authority_ids` in this batch, in order."""
        return tuple(sorted(a for a in authority_ids if self.holds(a)))

    def describe(self) -> str:
        """'batch 2 of 3', counted from one for people."""
        return f"batch {self.batch + 1} of {self.batches}"


def lock_authorities(session: Session, share: tuple[int, ...] | None) -> None:
    """Hold planning to this transaction: for every authority (`share` None), or for the
    authorities of one batch, which other batches plan alongside.

    A whole-day run takes the planning lock alone; a batch shares it (so no whole-day run
    plans meanwhile) and takes each of its authorities' locks, in order, so batches that
    overlap (two splits of one day) wait for each other rather than deadlock.
    """
    if share is None:
        session.execute(sa_select(func.pg_advisory_xact_lock(PLANNING_LOCK)))
        return
    session.execute(sa_select(func.pg_advisory_xact_lock_shared(PLANNING_LOCK)))
    for authority_id in sorted(share):
        session.execute(sa_select(func.pg_advisory_xact_lock(AUTHORITY_LOCKS, authority_id)))


def narrowed(groups: list[PolicyGroup], batch: tuple[int, ...]) -> list[PolicyGroup]:
    """The policy groups cut down to one batch's authorities, empty ones left out."""
    cut = [
        PolicyGroup(g.policy, batch if g.authority_ids is None else share_of(g, batch))
        for g in groups
    ]
    return [g for g in cut if g.authority_ids]


def share_of(group: PolicyGroup, batch: tuple[int, ...]) -> tuple[int, ...]:
    """The group's authorities that are in the batch."""
    wanted = set(batch)
    return tuple(a for a in group.authority_ids or () if a in wanted)


class DailyCheckBatch(SQLModel, table=True):
    """One batch's run of a day's check: which part of which run it was, and what it did.

    `run_id` is the batch's own flow run; `parent_run_id` the run that split the day. The
    sent and undelivered reminders are read from the ledger by `run_id`; planning and claiming
    leave no such trace, so their counts are kept here.
    """

    __tablename__ = "daily_check_batch"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(max_length=64, unique=True)
    parent_run_id: str = Field(max_length=64, index=True)
    run_date: date
    batch: int
    batches: int
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    succeeded: bool | None = None  # None while running, or when the run stopped unfinished
    planned: int = 0
    cancelled: int = 0
    claimed: int = 0
    held_back: int = 0  # let go to wait for a weekly reader's day


def batch_started(
    session: Session,
    *,
    run_id: str,
    parent_run_id: str,
    run_date: date,
    share: Share,
    now: datetime,
) -> None:
    """Note that a batch's run began (again, when Prefect retries the same flow run)."""
    record = session.exec(select(DailyCheckBatch).where(DailyCheckBatch.run_id == run_id)).first()
    if record is None:
        record = DailyCheckBatch(
            run_id=run_id,
            parent_run_id=parent_run_id,
            run_date=run_date,
            batch=share.batch,
            batches=share.batches,
            started_at=now,
        )
    record.started_at, record.finished_at, record.succeeded = now, None, None
    session.add(record)
    session.commit()


def batch_finished(
    session: Session,
    *,
    run_id: str,
    now: datetime,
    succeeded: bool,
    planned: int,
    cancelled: int,
    claimed: int,
    held_back: int = 0,
) -> None:
    """Note how a batch's run ended and what it planned, cancelled, claimed and held back
    for a weekly reader's day."""
    record = session.exec(select(DailyCheckBatch).where(DailyCheckBatch.run_id == run_id)).one()
    record.finished_at, record.succeeded = now, succeeded
    record.planned, record.cancelled, record.claimed = planned, cancelled, claimed
    record.held_back = held_back
    session.add(record)
    session.commit()


@dataclass(frozen=True)
class BatchSeen:
    """A batch's run as its record read when asked."""

    run_id: str
    batch: int
    batches: int
    finished: bool
    succeeded: bool
    planned: int
    cancelled: int
    claimed: int
    held_back: int = 0


def batches_of(session: Session, parent_run_id: str) -> list[BatchSeen]:
    """The records of the batch runs the run `parent_run_id` started (those that began), by
    batch; a batch run again after its first run died appears twice."""
    found = session.exec(
        select(DailyCheckBatch)
        .where(DailyCheckBatch.parent_run_id == parent_run_id)
        .order_by(col(DailyCheckBatch.batch), col(DailyCheckBatch.started_at))
    )
    return [
        BatchSeen(
            r.run_id,
            r.batch,
            r.batches,
            r.finished_at is not None,
            bool(r.succeeded),
            r.planned,
            r.cancelled,
            r.claimed,
            r.held_back,
        )
        for r in found
    ]


def unfinished_batches(seen: Iterable[BatchSeen], batches: int) -> list[Share]:
    """The batches of a split day that no run has finished."""
    done = {s.batch for s in seen if s.finished}
    return [Share(b, batches) for b in range(batches) if b not in done]
