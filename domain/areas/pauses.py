"""Pauses: the chase of an area held off until a date, for a recorded reason.

The table and the reads the rest of Closeout asks (the area page, its history, the review
pack, the manager's list of paused areas). Pausing and resuming are in
`domain.areas.pausing`; what a pause silences is in `domain.reminders.rules`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, Session, SQLModel, col, select

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea
from domain.columns import UTCDateTime, enum_type
from domain.dates import written_date
from domain.vocabulary import Role


class AreaPause(SQLModel, table=True):
    """One pause of an area's chase, from `starts_on` to `until`, both days included.

    `set_by_role` is the role of whoever paused it: a lead's own pause quiets escalations to
    their manager and director for a limited time only (the authority's `max_lead_pause_days`).
    Resuming moves `until` to the day before (before `starts_on` when it never began) and
    keeps the date first given in `planned_until`. Rows are never deleted.
    """

    __tablename__ = "area_pause"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="development_area.id", index=True)
    starts_on: date
    until: date
    planned_until: date
    reason: str = Field(sa_column=Column(Text, nullable=False))
    set_by_id: int | None = Field(default=None, foreign_key="person.id")
    set_by_role: Role = Field(sa_type=enum_type(Role))
    set_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ended_by_id: int | None = Field(default=None, foreign_key="person.id")
    ended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))

    @property
    def by_lead(self) -> bool:
        """Whether a lead paused it (their own chase), rather than someone above them."""
        return self.set_by_role == Role.LEAD

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.until

    @property
    def was_resumed(self) -> bool:
        return self.ended_at is not None


def pause_on(session: Session, area_id: int, today: date) -> AreaPause | None:
    """The area's pause in force on `today`, if any (an area has one at a time)."""
    return session.exec(
        select(AreaPause).where(
            AreaPause.area_id == area_id,
            col(AreaPause.starts_on) <= today,
            col(AreaPause.until) >= today,
        )
    ).first()


def pauses_of(session: Session, area_ids: Collection[int]) -> dict[int, list[AreaPause]]:
    """Every pause of these areas, oldest first, by area."""
    found: dict[int, list[AreaPause]] = {}
    if not area_ids:
        return found
    query = (
        select(AreaPause)
        .where(col(AreaPause.area_id).in_(list(area_ids)))
        .order_by(col(AreaPause.set_at), col(AreaPause.id))
    )
    for pause in session.exec(query):
        found.setdefault(pause.area_id, []).append(pause)
    return found


@dataclass(frozen=True)
class PausedArea:
    """An area whose chase is paused today, as the manager's list shows it."""

    area_id: int
    title: str
    lead: str | None
    until: date
    reason: str
    set_by: str
    by_lead: bool


def paused_areas(session: Session, *, authority_id: int, today: date) -> list[PausedArea]:
    """The authority's areas paused on `today`, the pause ending soonest first."""
    rows = session.exec(
        select(AreaPause, DevelopmentArea)
        .join(DevelopmentArea, col(DevelopmentArea.id) == AreaPause.area_id)
        .where(
            DevelopmentArea.authority_id == authority_id,
            col(AreaPause.starts_on) <= today,
            col(AreaPause.until) >= today,
        )
        .order_by(col(AreaPause.until), col(AreaPause.area_id))
    ).all()
    names = names_of(session, {p.set_by_id for p, _ in rows} | {a.owner_id for _, a in rows})
    return [
        PausedArea(
            area_id=area.id or 0,
            title=area.title,
            lead=names.get(area.owner_id),
            until=pause.until,
            reason=pause.reason,
            set_by=names.get(pause.set_by_id, "Closeout"),
            by_lead=pause.by_lead,
        )
        for pause, area in rows
    ]


def names_of(session: Session, ids: Collection[int | None]) -> dict[int | None, str]:
    """People's names by id (people are named as they are called, not by their email)."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    found = session.exec(select(Person.id, Person.name).where(col(Person.id).in_(wanted)))
    return dict(found.all())


def pause_entries(session: Session, area_id: int) -> list[dict[str, object]]:
    """The area's pauses as entries of its history: set, and resumed when it was ended early.

    Each carries `_order` (the moment, then 3: after updates, due-date changes and reminders
    made at the same moment), as the other entries of `domain.areas.queries.history_of` do.
    """
    pauses = pauses_of(session, [area_id]).get(area_id, [])
    names = names_of(session, {p.set_by_id for p in pauses} | {p.ended_by_id for p in pauses})
    entries: list[dict[str, object]] = []
    for pause in pauses:
        entries.append(
            {
                "at": pause.set_at.isoformat(),
                "type": "pause",
                "by": names.get(pause.set_by_id, "Closeout"),
                "until": pause.planned_until.isoformat(),
                "reason": pause.reason,
                "note": f"Chase paused until {written_date(pause.planned_until)}.",
                "_order": (pause.set_at, 3, pause.id),
            }
        )
        if pause.ended_at is not None:
            entries.append(
                {
                    "at": pause.ended_at.isoformat(),
                    "type": "resume",
                    "by": names.get(pause.ended_by_id, "Closeout"),
                    "note": "Chase resumed from this day (it was paused until "
                    f"{written_date(pause.planned_until)}).",
                    "_order": (pause.ended_at, 3, pause.id),
                }
            )
    return entries
