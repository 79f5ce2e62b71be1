"""An authority's area histories for the review pack: read in a few queries, each entry
marked when it happened on or after the pack's "changed since" date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from domain.accounts.absences import Absence
from domain.accounts.models import Person
from domain.areas.models import DueDateChange, Evidence, ProgressUpdate
from domain.areas.pauses import AreaPause, pauses_of
from domain.calendar import london_date
from domain.dates import written_date
from domain.reminders.history import SentReminder, sent_reminders
from domain.replies.models import ReplyTokenUse


@dataclass(frozen=True)
class UpdateLine:
    at: datetime
    kind: str
    by: str | None
    note: str
    status_from: str | None
    status_to: str | None
    rag: str | None
    rag_reason: str | None  # why a person set `rag` against the rules' own rating
    recent: bool
    by_reply: bool = False  # recorded from the author's email reply to a digest


@dataclass(frozen=True)
class DueDateLine:
    requested_at: datetime
    from_date: date | None
    to_date: date
    reason: str
    requested_by: str | None
    state: str
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    recent: bool


@dataclass(frozen=True)
class EvidenceLine:
    added_at: datetime
    by: str | None
    link: str
    recent: bool


@dataclass(frozen=True)
class ChaseLine:
    """A pause of the area's chase, or its lead away: when, in a sentence, and if recent."""

    at: datetime
    text: str
    recent: bool


@dataclass(frozen=True)
class ReminderLine:
    reminder: SentReminder
    recent: bool


class HistoryReader:
    """Reads every area's history in a few queries and marks what happened since a date."""

    def __init__(self, session: Session, since: date, area_ids: list[int]) -> None:
        self.since = since
        ids = col(ProgressUpdate.area_id).in_(area_ids)
        self._updates = list(
            session.exec(
                select(ProgressUpdate)
                .where(ids)
                .order_by(col(ProgressUpdate.created_at), col(ProgressUpdate.id))
            )
        )
        self._by_reply = set(
            session.exec(
                select(ReplyTokenUse.update_id).where(col(ReplyTokenUse.area_id).in_(area_ids))
            )
        )
        self._changes = list(
            session.exec(
                select(DueDateChange)
                .where(col(DueDateChange.area_id).in_(area_ids))
                .order_by(col(DueDateChange.requested_at), col(DueDateChange.id))
            )
        )
        self._evidence = list(
            session.exec(
                select(Evidence)
                .where(col(Evidence.area_id).in_(area_ids))
                .order_by(col(Evidence.added_at), col(Evidence.id))
            )
        )
        self._reminders = sent_reminders(session, area_ids)
        self._pauses = pauses_of(session, area_ids)
        self._absences = list(session.exec(select(Absence).order_by(col(Absence.id))))
        everyone = list(session.exec(select(Person)))
        self._names = {p.id: p.name for p in everyone}
        self._managers = {p.id: p.manager_id for p in everyone}

    def _recent(self, moment: datetime | None) -> bool:
        return moment is not None and london_date(moment) >= self.since

    def updates(self, area_id: int) -> list[UpdateLine]:
        return [
            UpdateLine(
                at=u.created_at,
                kind=u.kind.value,
                by=self._names.get(u.author_id),
                note=u.note,
                status_from=u.status_from.value if u.status_from else None,
                status_to=u.status_to.value if u.status_to else None,
                rag=u.rag.value if u.rag else None,
                rag_reason=u.rag_reason,
                recent=self._recent(u.created_at),
                by_reply=u.id in self._by_reply,
            )
            for u in self._updates
            if u.area_id == area_id
        ]

    def due_date_changes(self, area_id: int) -> list[DueDateLine]:
        return [
            DueDateLine(
                requested_at=c.requested_at,
                from_date=c.from_date,
                to_date=c.to_date,
                reason=c.reason,
                requested_by=self._names.get(c.requested_by_id),
                state=c.state.value,
                decided_by=self._names.get(c.decided_by_id),
                decided_at=c.decided_at,
                decision_note=c.decision_note,
                recent=self._recent(c.decided_at or c.requested_at),
            )
            for c in self._changes
            if c.area_id == area_id
        ]

    def evidence(self, area_id: int) -> list[EvidenceLine]:
        return [
            EvidenceLine(
                added_at=e.added_at,
                by=self._names.get(e.added_by_id),
                link=e.url or e.file_name or "",
                recent=self._recent(e.added_at),
            )
            for e in self._evidence
            if e.area_id == area_id
        ]

    def reminders(self, area_id: int) -> list[ReminderLine]:
        return [ReminderLine(r, self._recent(r.at)) for r in self._reminders.get(area_id, [])]

    def chase(self, area_id: int, lead_id: int | None) -> list[ChaseLine]:
        """The area's pauses and its lead's absences, oldest first."""
        lines = [self._pause_line(p) for p in self._pauses.get(area_id, [])]
        lines += [
            self._absence_line(a)
            for a in self._absences
            if a.person_id == lead_id and not a.is_cancelled
        ]
        return sorted(lines, key=lambda line: line.at)

    def _pause_line(self, pause: AreaPause) -> ChaseLine:
        text = (
            f"Chase paused from {written_date(pause.starts_on)} until "
            f"{written_date(pause.planned_until)} by {self._names.get(pause.set_by_id, 'Closeout')}"
            f": {pause.reason}"
        )
        if pause.ended_at is not None:
            text += (
                f" (resumed on {written_date(london_date(pause.ended_at))} by "
                f"{self._names.get(pause.ended_by_id, 'Closeout')})"
            )
        return ChaseLine(pause.set_at, text, self._recent(pause.ended_at or pause.set_at))

    def _absence_line(self, absence: Absence) -> ChaseLine:
        # No delegate named: their line manager (as it is now) took their reminders.
        stand_in = absence.delegate_id or self._managers.get(absence.person_id)
        delegate = self._names.get(stand_in) if stand_in else None
        text = (
            f"Lead {self._names.get(absence.person_id)} away from "
            f"{written_date(absence.starts_on)} to {written_date(absence.ends_on)}; reminders "
            f"went to {delegate or 'no one (no delegate or line manager)'}"
        )
        return ChaseLine(absence.set_at, text, self._recent(absence.set_at))
