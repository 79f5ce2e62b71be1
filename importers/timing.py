"""When the inspection took place and when the report or letter is dated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from domain.vocabulary import InspectionKind
from importers.dates import is_date_line, parse_date, parse_date_span
from importers.lines import Line
from importers.prose import Paragraph, paragraphs
from importers.titles import Title

_DATES_LABEL = re.compile(r"(?i)^(?:inspection dates?|dates? of (?:the )?inspection)\s*:?\s*(.*)$")
_PUBLISHED_LABEL = re.compile(r"(?i)^(?:(?:report\s+)?published|publication date)\s*:?\s*(.*)$")
_ON_DATES = re.compile(r"(?i)\b(?:on|between|from)\s+(?=\d)")
# A report whose cover gives no dates says in its body when the inspection took place.
_TOOK_PLACE = re.compile(
    r"(?i)\b(?:this|the) (?:inspection|visit)\b[^.]{0,60}?\b(?:took place|was carried out"
    r"|was undertaken|was conducted|was held|ran)\b"
)
_PREVIOUS = re.compile(r"(?i)\b(?:previous|last|earlier|prior|next)\b")
_CONTINUES_DATES = re.compile(r"(?i)^(?:and\b|\d|\(?(?:part|first|second|phase)\b)")
_SENTENCE_END = re.compile(r"(?<=[a-z)])\.(?:\s|$)")
_DATE_LINES = 3
_LONGEST_DATES = 120
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
    """The first day of the inspection or visit and the last day of its last part, from its
    label, the letter's opening prose, or a sentence in the body saying when it took place."""
    found = _labelled_dates(lines)
    start = title.end if title else 0
    if found is None:
        found = _prose_dates(paragraphs(lines[start:])[:_PROSE_PARAGRAPHS], _ON_DATES)
    if found is None:
        found = _prose_dates(paragraphs(lines[start:]), _TOOK_PLACE)
    return found if found else (None, None)


def _labelled_dates(lines: Sequence[Line]) -> tuple[date, date] | None:
    for index, line in enumerate(lines):
        match = _DATES_LABEL.match(line.text)
        if not match:
            continue
        parts = [match.group(1)]
        # The dates may sit on the next line, and a second visit on the line after them.
        for following in lines[index + 1 : index + 1 + _DATE_LINES]:
            if parse_date(" ".join(parts)) and not _CONTINUES_DATES.match(following.text):
                break
            parts.append(following.text)
        found = parse_date_span(" ".join(parts))
        if found:
            return found
    return None


def _prose_dates(found: Sequence[Paragraph], cue: re.Pattern[str]) -> tuple[date, date] | None:
    for paragraph in found:
        for match in cue.finditer(paragraph.text):
            rest = paragraph.text[match.end() :]
            sentence = _SENTENCE_END.split(rest, maxsplit=1)[0][:_LONGEST_DATES]
            if _PREVIOUS.search(paragraph.text[max(0, match.start() - 40) : match.end()]):
                continue
            span = parse_date_span(sentence)
            if span:
                return span
    return None


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
