"""Reading carry-over back: an area's lineage, the history along it, and the decisions made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea
from domain.areas.queries import history_of
from domain.areas.services import get_area
from domain.carryover.models import CarryOverDecision
from domain.carryover.suggestions import earlier_open_areas
from domain.inspections.models import Inspection
from domain.inspections.services import get_inspection
from domain.reminders.history import sent_reminders


def lineage(session: Session, area_id: int) -> list[DevelopmentArea]:
    """The area and the earlier areas it carries over, newest first."""
    chain = [get_area(session, area_id)]
    seen = {area_id}
    while (before := chain[-1].carried_from_id) is not None and before not in seen:
        earlier = session.get(DevelopmentArea, before)
        if earlier is None:
            break
        chain.append(earlier)
        seen.add(before)
    return chain


def successor_of(session: Session, area_id: int) -> DevelopmentArea | None:
    """The later area that carries this one over, if a link was confirmed."""
    query = select(DevelopmentArea).where(DevelopmentArea.carried_from_id == area_id)
    return session.exec(query).first()


def lineage_history(session: Session, area_id: int) -> list[dict[str, Any]]:
    """The history of the area and of every area it carries over, oldest first.

    Progress, status changes, evidence, due-date changes, reminders and escalations; each
    entry names the area and inspection it belongs to.
    """
    chain = lineage(session, area_id)
    reminders = sent_reminders(session, [a.id for a in chain if a.id is not None])
    entries: list[dict[str, Any]] = []
    for area in reversed(chain):
        assert area.id is not None
        where = {"area_id": area.id, "inspection_id": area.inspection_id}
        entries += [{**where, **entry} for entry in history_of(session, area.id)]
        entries += [
            {
                **where,
                "at": r.at.isoformat() if r.at else None,
                "type": "escalation" if r.escalation else "reminder",
                "by": None,
                "to": r.recipient,
                "note": r.reason or r.kind,
                "state": r.state,
            }
            for r in reminders.get(area.id, [])
        ]
    entries.sort(key=lambda e: datetime.fromisoformat(e["at"]).timestamp() if e["at"] else 0.0)
    return entries


@dataclass(frozen=True)
class CarryOverReview:
    """What an inspection decided about the areas left open before it, beside its statement."""

    inspection: Inspection
    statement: str | None
    decisions: list[dict[str, Any]]
    undecided: list[DevelopmentArea]


def decisions_of(
    session: Session, *, authority_id: int, inspection_id: int | None = None
) -> list[dict[str, Any]]:
    """Carry-over decisions of an authority (or one inspection), in the order they were made."""
    query = select(CarryOverDecision).where(CarryOverDecision.authority_id == authority_id)
    if inspection_id is not None:
        query = query.where(CarryOverDecision.inspection_id == inspection_id)
    rows = list(
        session.exec(query.order_by(col(CarryOverDecision.decided_at), col(CarryOverDecision.id)))
    )
    people = {d.decided_by_id for d in rows}
    emails = dict(
        session.exec(select(Person.id, Person.email).where(col(Person.id).in_(people))).all()
    )
    areas = {d.earlier_area_id for d in rows} | {d.area_id for d in rows if d.area_id}
    titles = dict(
        session.exec(
            select(DevelopmentArea.id, DevelopmentArea.title).where(
                col(DevelopmentArea.id).in_(areas)
            )
        ).all()
    )
    return [
        {
            "id": d.id,
            "inspection_id": d.inspection_id,
            "earlier_area_id": d.earlier_area_id,
            "earlier_title": titles.get(d.earlier_area_id),
            "area_id": d.area_id,
            "title": titles.get(d.area_id) if d.area_id else None,
            "outcome": d.outcome.value,
            "score": d.score,
            "matched_words": d.matched_words.split("; ") if d.matched_words else [],
            "by": emails.get(d.decided_by_id),
            "at": d.decided_at.isoformat(),
            "note": d.note,
        }
        for d in rows
    ]


def review_of(session: Session, inspection_id: int) -> CarryOverReview:
    """The inspection's statement about the previous one, its decisions and what awaits one."""
    inspection = get_inspection(session, inspection_id)
    return CarryOverReview(
        inspection=inspection,
        statement=inspection.previous_areas_statement,
        decisions=decisions_of(
            session, authority_id=inspection.authority_id, inspection_id=inspection_id
        ),
        undecided=earlier_open_areas(session, inspection),
    )
