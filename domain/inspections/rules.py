"""When the next inspection is expected, and short titles for development areas."""

from __future__ import annotations

import re
from datetime import date

from domain.calendar import add_months
from domain.vocabulary import InspectionKind

# Months after an inspection ends when the next one is expected to open and close.
_CADENCE: dict[InspectionKind, tuple[int, int]] = {
    InspectionKind.UCRA_LETTER: (10, 14),
    InspectionKind.LAC_INSPECTION: (30, 40),
    InspectionKind.SIF_INSPECTION: (30, 40),
    InspectionKind.ILACS_INSPECTION: (30, 40),
    InspectionKind.FOCUSED_VISIT: (9, 18),
    InspectionKind.MONITORING_VISIT: (3, 4),
    InspectionKind.JTAI: (12, 24),
    InspectionKind.AREA_SEND_INSPECTION: (54, 66),
    InspectionKind.OTHER: (12, 24),
}


def expected_next_window(
    kind: InspectionKind, judgement: str | None, end: date
) -> tuple[date, date]:
    """The window in which the next inspection is expected; sooner after 'inadequate'."""
    if judgement and "inadequate" in judgement.lower():
        opens, closes = _CADENCE[InspectionKind.MONITORING_VISIT]
    else:
        opens, closes = _CADENCE[kind]
    return add_months(end, opens), add_months(end, closes)


def short_title(text: str, limit: int = 80) -> str:
    """A title for an area: its first sentence, cut at a word boundary under `limit`."""
    flat = " ".join(text.split())
    first = re.split(r"(?<=[.;:])\s", flat, maxsplit=1)[0].rstrip(".;:")
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def heading_title(title: str, text: str | None) -> str:
    """An area's title for a heading: where its short title was cut ("…"), the whole first
    sentence of its text. Lists may show the short title; a heading shows all of it."""
    if not title.endswith("…") or not text:
        return title
    return short_title(text, limit=len(text) + 1)
