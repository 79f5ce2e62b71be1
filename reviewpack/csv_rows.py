"""The review pack as CSV: a row per development area, each followed by those it carries over."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from domain.carryover.review_pack import PackArea, ReviewPack
from domain.spreadsheet_cells import safe_cell

COLUMNS = [
    "area_id",
    "inspection_id",
    "inspection_start",
    "title",
    "status",
    "rag",
    "rag_reasons",
    "lead",
    "priority",
    "original_due_date",
    "due_date",
    "due_date_changes",
    "progress_updates",
    "last_update",
    "evidence",
    "reminders",
    "escalations",
    "carried_from",
    "closed_by",
    "carried_to",
    "carry_count",
    "repeat",
    "new_since",
]


def pack_rows(pack: ReviewPack) -> Iterator[dict[str, Any]]:
    """Every area of the pack, each followed by the areas it carries over."""
    for area in pack.areas:
        yield from _rows(area, carried_to=None)


def _rows(area: PackArea, carried_to: int | None) -> Iterator[dict[str, Any]]:
    v = area.view
    reminders = [line.reminder for line in area.reminders]
    yield {
        "area_id": v.id,
        "inspection_id": area.inspection.id,
        "inspection_start": area.inspection.start.isoformat(),
        "title": v.title,
        "status": v.status,
        "rag": "" if area.closed_at_carry_over else v.rag,
        "rag_reasons": area.closing.note
        if area.closing and area.closed_at_carry_over
        else "; ".join(v.rag_reasons),
        "lead": v.owner or "",
        "priority": v.priority,
        "original_due_date": v.original_due_date or "",
        "due_date": v.due_date or "",
        "due_date_changes": "; ".join(
            f"{c.from_date} to {c.to_date} {c.state}"
            + (f" by {c.decided_by}" if c.decided_by else "")
            + f": {c.reason}"
            for c in area.due_date_changes
        ),
        "progress_updates": len(area.updates),
        "last_update": area.updates[-1].at.isoformat() if area.updates else "",
        "evidence": "; ".join(e.link for e in area.evidence),
        "reminders": sum(not r.escalation for r in reminders),
        "escalations": sum(r.escalation for r in reminders),
        "carried_from": v.carried_from or "",
        "closed_by": v.closed_by or "",
        "carried_to": carried_to or v.carried_to or "",
        "carry_count": v.carry_count,
        "repeat": "yes" if area.repeat else "no",
        "new_since": area.recent_here,
    }
    for earlier in area.predecessors:
        yield from _rows(earlier, carried_to=v.id)


def render_pack_csv(pack: ReviewPack) -> str:
    """The pack's areas as CSV text with a header row; every cell through safe_cell, so no
    note or title runs as a formula or carries a control character."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in pack_rows(pack))
    return buffer.getvalue()
