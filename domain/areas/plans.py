"""The improvement plan as councils keep it: rows out for a spreadsheet, rows back in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from domain.accounts.people import get_person
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.areas.queries import list_areas
from domain.areas.services import add_area
from domain.dates import parse_date
from domain.errors import DomainError, InvalidInput, InvalidPlanRows, NotPermitted
from domain.inspections.models import Inspection
from domain.permissions import Actor
from domain.vocabulary import Status, parse_choice

PLAN_COLUMNS = [
    "id",
    "inspection_id",
    "inspection_date",
    "title",
    "text",
    "lead",
    "lead_name",
    "original_due_date",
    "due_date",
    "status",
    "rag",
    "last_update",
    "latest_note",
]
REQUIRED = ("inspection_id", "text")


def plan_rows(session: Session, *, authority_id: int, today: date) -> list[dict[str, Any]]:
    """One row per development area of the authority, with its latest progress note."""
    views = list_areas(session, today=today, authority_id=authority_id)
    inspections = {
        i.id: i
        for i in session.exec(select(Inspection).where(Inspection.authority_id == authority_id))
    }
    notes: dict[int, str] = {}
    ids = [v.id for v in views]
    for area_id, note in session.exec(
        select(ProgressUpdate.area_id, ProgressUpdate.note)
        .where(col(ProgressUpdate.area_id).in_(ids))
        .where(ProgressUpdate.note != "")
        .order_by(col(ProgressUpdate.created_at), col(ProgressUpdate.id))
    ):
        notes[area_id] = note
    return [
        {
            "id": v.id,
            "inspection_id": v.inspection_id,
            "inspection_date": inspections[v.inspection_id].end_date.isoformat(),
            "title": v.title,
            "text": v.text,
            "lead": v.owner or "",
            "lead_name": v.owner_name or "",
            "original_due_date": v.original_due_date or "",
            "due_date": v.due_date or "",
            "status": v.status,
            "rag": v.rag,
            "last_update": v.last_update or "",
            "latest_note": notes.get(v.id, ""),
        }
        for v in views
    ]


@dataclass(frozen=True)
class PlanImport:
    created: list[int]
    skipped: list[int]  # rows naming an area that is recorded already


def import_plan(
    session: Session,
    *,
    source: str,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    now: datetime,
    by: Actor,
) -> PlanImport:
    """Record the plan's new areas, all or none: every bad row is listed with its line, and
    a row `by` may not add (see add_area) stops the import with NotPermitted."""
    problems: list[str] = []
    created: list[int] = []
    skipped: list[int] = []
    for line, row in rows:
        cells = {k.strip().lower(): ("" if v is None else str(v).strip()) for k, v in row.items()}
        missing = [c for c in REQUIRED if not cells.get(c)]
        if missing:
            problems.append(f"line {line}: missing {', '.join(missing)}")
            continue
        if _is_recorded(session, cells.get("id", "")):
            skipped.append(int(cells["id"]))
            continue
        try:
            area = _record_row(session, cells, now, by)
        except NotPermitted:
            session.rollback()
            raise
        except DomainError as error:
            problems.append(f"line {line}: {error.message}")
            session.rollback()
            continue
        created.append(area)
    if problems:
        session.rollback()
        raise InvalidPlanRows(source, problems)
    session.commit()
    return PlanImport(created, skipped)


def _is_recorded(session: Session, area_id: str) -> bool:
    return area_id.isdigit() and session.get(DevelopmentArea, int(area_id)) is not None


def _record_row(session: Session, cells: dict[str, str], now: datetime, by: Actor) -> int:
    if not cells["inspection_id"].isdigit():
        raise InvalidInput(f"inspection_id {cells['inspection_id']!r} is not a number")
    due = parse_date(cells["due_date"], "due_date") if cells.get("due_date") else None
    if cells.get("status"):
        status = parse_choice(Status, cells["status"], "status")
        if status != Status.OPEN:
            raise InvalidInput(f"status {status.value!r} cannot be imported; new areas start open")
    if cells.get("lead"):
        get_person(session, cells["lead"])
    area = add_area(
        session,
        inspection_id=int(cells["inspection_id"]),
        text=cells["text"],
        title=cells.get("title") or None,
        owner_email=cells.get("lead") or None,
        due=due,
        now=now,
        by=by,
        commit=False,
    )
    assert area.id is not None
    return area.id
