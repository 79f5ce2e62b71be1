"""Recording each scheduled run as it begins and ends, and reading back the latest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from domain.dates import written_date
from domain.reminders.models import RunRecord
from domain.reminders.run_rules import working_days_missed

DAILY_CHECK = "daily check"


def run_started(
    session: Session,
    *,
    flow: str,
    run_id: str,
    run_date: date,
    now: datetime,
    replay: bool = False,
) -> RunRecord:
    """Note that a run began (again, when Prefect retries the same flow run); `replay` marks a
    replay of a day still to come, which the schedule's health leaves out."""
    record = session.exec(select(RunRecord).where(RunRecord.run_id == run_id)).first()
    if record is None:
        record = RunRecord(
            flow=flow, run_id=run_id, run_date=run_date, started_at=now, replay=replay
        )
    record.started_at, record.finished_at, record.succeeded = now, None, None
    session.add(record)
    session.commit()
    return record


def run_finished(
    session: Session, *, run_id: str, now: datetime, succeeded: bool, summary: str
) -> None:
    """Note how a run ended; `summary` must hold counts only."""
    record = session.exec(select(RunRecord).where(RunRecord.run_id == run_id)).first()
    if record is None:  # begun before records were kept
        return
    record.finished_at, record.succeeded, record.summary = now, succeeded, summary[:1000]
    session.add(record)
    session.commit()


@dataclass(frozen=True)
class RunSeen:
    """A run as its record read when asked (a copy: it outlives the session)."""

    run_date: date
    started_at: datetime
    finished_at: datetime | None
    succeeded: bool | None
    summary: str

    @classmethod
    def of(cls, record: RunRecord | None) -> RunSeen | None:
        if record is None:
            return None
        return cls(
            record.run_date,
            record.started_at,
            record.finished_at,
            record.succeeded,
            record.summary,
        )


@dataclass(frozen=True)
class ScheduleHealth:
    """How a flow has kept to its schedule as of a day: its latest run, and the last that
    finished (successfully or not), with the working days since left without one."""

    flow: str
    latest: RunSeen | None
    last_finished: RunSeen | None
    working_days_missed: int | None  # None: no run has ever finished

    @property
    def is_healthy(self) -> bool:
        """The last finished run succeeded and no working day has gone without one."""
        return (
            self.last_finished is not None
            and bool(self.last_finished.succeeded)
            and self.working_days_missed == 0
        )

    def describe(self) -> str:
        """One line for people: when the flow last ran and what is wrong, if anything."""
        done = self.last_finished
        if done is None:
            line = f"the {self.flow} has never finished a run"
        else:
            outcome = "succeeded" if done.succeeded else "failed"
            line = f"the {self.flow} last finished for {written_date(done.run_date)}: {outcome}"
            # Its counts either way: what failed, or what a good run sent and held back.
            if done.summary:
                line += f" ({done.summary})"
        missed = self.working_days_missed or 0
        if missed:
            days = "working day" if missed == 1 else "working days"
            line += f"; {missed} {days} since with no run finished"
        latest = self.latest
        if latest is not None and latest.finished_at is None:
            line += f"; a run for {written_date(latest.run_date)} began and has not finished"
        return line


def schedule_health(session: Session, *, today: date, flow: str = DAILY_CHECK) -> ScheduleHealth:
    """The flow's latest run and its last finished run, as of `today`: real runs only, for
    `today` or before (a replay of a day still to come says nothing of the schedule)."""
    runs = select(RunRecord).where(
        RunRecord.flow == flow,
        col(RunRecord.replay).is_(False),
        col(RunRecord.run_date) <= today,
    )
    latest = session.exec(runs.order_by(col(RunRecord.started_at).desc())).first()
    done = session.exec(
        runs.where(col(RunRecord.finished_at).is_not(None)).order_by(
            col(RunRecord.run_date).desc(), col(RunRecord.finished_at).desc()
        )
    ).first()
    missed = working_days_missed(done.run_date if done else None, today)
    return ScheduleHealth(flow, RunSeen.of(latest), RunSeen.of(done), missed)
