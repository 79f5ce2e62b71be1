"""When the inspection took place and when the report or letter is dated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from domain.vocabulary import InspectionKind
from importers.dates import is_date_line, parse_date, parse_date_range
from importers.lines import Line
from importers.prose import paragraphs
from importers.titles import Title

_DATES_LABEL = re.compile(r"(?i)^(?:inspection dates?|dates? of (?:the )?inspection)\s*:?\s*(.*)$")
_PUBLISHED_LABEL = re.compile(r"(?i)^(?:(?:report\s+)?published|publication date)\s*:?\s*(.*)$")
_ON_DATES = re.compile(r"(?i)\b(?:on|between|from)\s+(?=\d)")
_LETTER_KINDS = frozenset(
    {
        InspectionKind.UCRA_LETTER,
        InspectionKind.FOCUSED_VISIT,
        InspectionKind.MONITORING_VISIT,
        InspectionKind.JTAI,
    }
)
_PROSE_PARAGRAPHS = 40


def find_inspection_dates(
    lines: Sequence[Line], title: Title | None
) -> tuple[date | None, date | None]:
    """The first and last day of the inspection or visit, from its label or the letter's prose."""
    for index, line in enumerate(lines):
        match = _DATES_LABEL.match(line.text)
        if not match:
            continue
        text = match.group(1)
        if index + 1 < len(lines):
            text = f"{text} {lines[index + 1].text}"
        found = parse_date_range(text)
        if found:
            return found
    start = title.end if title else 0
    for paragraph in paragraphs(lines[start:])[:_PROSE_PARAGRAPHS]:
        for match in _ON_DATES.finditer(paragraph.text):
            found = parse_date_range(paragraph.text[match.end() : match.end() + 60])
            if found:
                return found
    return None, None


def find_published(lines: Sequence[Line], title: Title | None) -> date | None:
    """The "Report published" date, or for a letter the date printed at its head."""
    for line in lines:
        match = _PUBLISHED_LABEL.match(line.text)
        if match and (found := parse_date(match.group(1))):
            return found
    if title is None or title.kind not in _LETTER_KINDS:
        return None
    for line in lines[: title.start]:
        if is_date_line(line.text):
            return parse_date(line.text)
    return None
