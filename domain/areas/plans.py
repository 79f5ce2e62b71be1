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
from domain.ids import record_id_in
from domain.inspections.models import Inspection
from domain.permissions import Actor
from domain.spreadsheet_cells import unquote_cell
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
    skipped: list[int]  # areas that rows name, recorded already and left as they are


Cells = dict[str, str]


def import_plan(
    session: Session,
    *,
    source: str,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    now: datetime,
    by: Actor,
) -> PlanImport:
    """Record the plan's new areas, all or none: every bad row is listed with its line, and
    a row `by` may not add (see add_area) stops the import with NotPermitted.

    Importing the same plan again changes nothing: a row whose `id` names a recorded area is
    left alone, and so is a row whose inspection has an area of the same wording (compared
    without regard to spacing or case), its natural key being (inspection_id, text). Rows
    repeating an earlier row's id or natural key are refused, naming both lines.
    """
    if not rows:
        raise InvalidInput(
            f"plan file {source!r} has no rows under its header; add a row per development area"
        )
    new, skipped, problems = _sorted_rows(session, [(line, _cells(row)) for line, row in rows])
    created: list[int] = []
    for line, cells in new:
        try:
            created.append(_record_row(session, cells, now, by))
        except NotPermitted:
            session.rollback()
            raise
        except DomainError as error:
            problems.append((line, error.message))
            session.rollback()
    if problems:
        session.rollback()
        raise InvalidPlanRows(source, [f"line {line}: {what}" for line, what in sorted(problems)])
    session.commit()
    return PlanImport(created, skipped)


def _sorted_rows(
    session: Session, table: Sequence[tuple[int, Cells]]
) -> tuple[list[tuple[int, Cells]], list[int], list[tuple[int, str]]]:
    """The rows to record, the areas recorded already that rows name, and the problems:
    rows missing a required cell, and rows repeating an earlier one."""
    new: list[tuple[int, Cells]] = []
    skipped: list[int] = []
    problems: list[tuple[int, str]] = []
    ids: dict[str, int] = {}
    keys: dict[tuple[str, str], int] = {}
    for line, cells in table:
        missing = [c for c in REQUIRED if not cells.get(c)]
        area_id = cells.get("id", "")
        key = (cells.get("inspection_id", ""), _wording(cells.get("text", "")))
        if missing:
            problems.append((line, f"missing {', '.join(missing)}"))
        elif area_id in ids:
            problems.append((line, f"same id as line {ids[area_id]}; keep one of them"))
        elif (recorded := _recorded(session, area_id, key)) is not None:
            skipped.append(recorded)
        elif key in keys:
            problems.append(
                (line, f"same inspection_id and text as line {keys[key]}; keep one of them")
            )
        else:
            new.append((line, cells))
            keys[key] = line
        if area_id:
            ids.setdefault(area_id, line)
    return new, skipped, problems


def _cells(row: Mapping[str, Any]) -> Cells:
    """A row's cells by lower-case column name, trimmed, with any apostrophe that an export
    put before a formula character taken off again (see spreadsheet_cells)."""
    return {
        str(k).strip().lower(): unquote_cell("" if v is None else str(v).strip())
        for k, v in row.items()
        if k is not None
    }


def _wording(text: str) -> str:
    """An area's wording as rows and areas are compared: spacing and case do not count."""
    return " ".join(text.split()).casefold()


def _recorded(session: Session, area_id: str, key: tuple[str, str]) -> int | None:
    """The recorded area a row names: by its id, else by (inspection_id, wording)."""
    known = record_id_in(area_id)
    if known is not None and session.get(DevelopmentArea, known) is not None:
        return known
    inspection_id = record_id_in(key[0])
    if inspection_id is None:
        return None
    query = select(DevelopmentArea.id, DevelopmentArea.text).where(
        DevelopmentArea.inspection_id == inspection_id
    )
    return next((i for i, text in session.exec(query) if _wording(text) == key[1]), None)


def _record_row(session: Session, cells: Cells, now: datetime, by: Actor) -> int:
    inspection_id = record_id_in(cells["inspection_id"])
    if inspection_id is None:
        raise InvalidInput(
            f"inspection_id {cells['inspection_id']!r} is not a number; give a recorded "
            "inspection's id"
        )
    due = parse_date(cells["due_date"], "due_date") if cells.get("due_date") else None
    if cells.get("status"):
        status = parse_choice(Status, cells["status"], "status")
        if status != Status.OPEN:
            raise InvalidInput(f"status {status.value!r} cannot be imported; new areas start open")
    if cells.get("lead"):
        get_person(session, cells["lead"])
    area = add_area(
        session,
        inspection_id=inspection_id,
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
