"""The import check form: the reading as form fields, and the person's edits back as
corrections (kind, text, split, join, leave out, authority, dates)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from domain.accounts.models import Authority
from domain.errors import InvalidDate, InvalidInput
from domain.free_text import without_controls
from domain.ids import whole_number_in
from domain.inspections.corrections import MAX_FINDINGS, Corrections, checked_findings
from domain.inspections.documents import FindingInput
from web.forms import text, whole

NEW_AUTHORITY = "new"
_PARAGRAPHS = re.compile(r"\n\s*\n")


def finding_fields(findings: Sequence[FindingInput]) -> list[dict[str, Any]]:
    """Each finding as the form shows it, without control characters (which a correction
    may not hold, and which nobody could see to take out)."""
    return [
        {
            "kind": f.kind.value,
            "heading": without_controls(f.heading),
            "topic": without_controls(f.topic or ""),
            "timescale": without_controls(f.timescale or ""),
            "text": without_controls(f.text),
        }
        for f in findings
    ]


def posted_findings(form: FormData) -> list[dict[str, Any]]:
    """The findings as the form sent them, to show again beside an error."""
    count = text(form, "findings", 5)
    rows = []
    for number in range(min(whole_number_in(count) or 0, MAX_FINDINGS)):
        row: dict[str, Any] = {
            key: whole(form, f"{key}-{number}")
            for key in ("kind", "heading", "topic", "timescale", "text")
        }
        row["omit"] = bool(form.get(f"omit-{number}"))
        row["join"] = bool(form.get(f"join-{number}"))
        rows.append(row)
    return rows


def corrections_from_form(
    form: FormData, *, choices: Sequence[Authority], anywhere: bool
) -> Corrections:
    """The corrections a check form sends; one InvalidInput naming the first bad field."""
    count = text(form, "findings", 5)
    shown = whole_number_in(count, MAX_FINDINGS)
    if shown is None:
        raise InvalidInput("the form was not complete; open the document's check page again")
    items: list[dict[str, Any]] = []
    for number in range(shown):
        if form.get(f"omit-{number}"):
            continue
        item = {
            key: whole(form, f"{key}-{number}")
            for key in ("kind", "heading", "topic", "timescale", "text")
        }
        parts = [p for p in _PARAGRAPHS.split(item["text"]) if p.strip()]
        if form.get(f"join-{number}") and items:
            items[-1]["text"] += " " + " ".join(parts)
            continue
        items += [{**item, "text": part} for part in parts or [""]]
    return Corrections(
        authority=_authority(form, choices, anywhere),
        inspection_start=_day(form, "inspection_start", "the first day of the inspection"),
        inspection_end=_day(form, "inspection_end", "the last day of the inspection"),
        findings=checked_findings(list(items)),
    )


def _authority(form: FormData, choices: Sequence[Authority], anywhere: bool) -> str:
    chosen = text(form, "authority", 20)
    if chosen == NEW_AUTHORITY and anywhere:
        name = " ".join(text(form, "new_authority", 300).split())
        if not name or len(name) > 200:
            raise InvalidInput(
                "give the new authority's name, up to 200 characters", field="new_authority"
            )
        return name
    for authority in choices:
        if str(authority.id) == chosen:
            return authority.name
    raise InvalidInput("choose the authority the document is about", field="authority")


def _day(form: FormData, name: str, what: str) -> date | None:
    value = text(form, name, 20)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidDate(
            f"{what} {value!r} is not a date; give it as day, month and year", field=name
        ) from None
