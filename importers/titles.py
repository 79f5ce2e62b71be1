"""The document's title: which kind of inspection it reports, and the framework words as printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.vocabulary import InspectionKind
from importers.headings import clean_heading
from importers.lines import Line
from importers.prose import join_wrapped

# Title openings, most specific first, and the document kind each announces.
_KINDS: tuple[tuple[re.Pattern[str], InspectionKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (
            r"^annual unannounced inspection of contact,? referral and assessment",
            InspectionKind.UCRA_LETTER,
        ),
        (
            r"^unannounced inspection of contact,? referral and assessment",
            InspectionKind.UCRA_LETTER,
        ),
        (r"^focused visit to ", InspectionKind.FOCUSED_VISIT),
        (r"^monitoring visit (to|of) ", InspectionKind.MONITORING_VISIT),
        (r"^joint targeted area inspection", InspectionKind.JTAI),
        (r"^area send (inspection|revisit)", InspectionKind.AREA_SEND_INSPECTION),
        (r"^joint local area send (inspection|revisit)", InspectionKind.AREA_SEND_INSPECTION),
        (
            r"^(re-)?inspection of services for children in need of help and protection",
            InspectionKind.SIF_INSPECTION,
        ),
        (
            r"^((un)?announced )?inspection of (safeguarding|services for looked after children"
            r"|looked after|local authority arrangements for the protection of children)",
            InspectionKind.LAC_INSPECTION,
        ),
        (
            r"^inspection of .*children[’']s (social care )?services",
            InspectionKind.ILACS_INSPECTION,
        ),
    )
)
_OPENING = re.compile(
    r"(?i)^(annual unannounced|unannounced inspection|focused visit|monitoring visit|joint targeted"
    r"|area send|joint local area send|(re-)?inspection of|announced inspection of)\b"
)
_TITLE_SEARCH_LINES = 80
_MAX_TITLE_LINES = 6
_TITLE_STOP = re.compile(
    r"(?i)^(inspection dates?|dates? of|lead inspector|report published|dear |this letter|"
    r"age group|published|reporting inspector)"
)
_CONNECTOR_END = re.compile(r"(?i)\b(of|and|the|to|for|in|on|local|with|within|authority)$|[,–-]$")
AUTHORITY_LINE = re.compile(
    r"^((London|Royal) Borough of|City of) [A-Z][\w ]*$|^[A-Z][\w ]* (Council|Borough)$"
)
_TITLE_END = re.compile(r"(?i)(services|partnership|board|arrangements|council)$")
# A report's cover title is set large; a line below it in the same large type carries it on,
# even where the PDF leaves a gap between the two ("Inspection of Doncaster Metropolitan" /
# "Borough Council children's services"). Letters set their titles in body type.
_DISPLAY_SIZE = 16.0


@dataclass(frozen=True)
class Title:
    """Where the title sits and what it says."""

    kind: InspectionKind
    text: str
    start: int
    end: int


def find_title(lines: Sequence[Line]) -> Title | None:
    """The first line near the top that opens a known title, joined with its wrapped lines."""
    for index, line in enumerate(lines[:_TITLE_SEARCH_LINES]):
        if not _OPENING.match(line.text):
            continue
        end = _title_end(lines, index)
        text = clean_heading(join_wrapped([clean_heading(x.text) for x in lines[index:end]]))
        for pattern, kind in _KINDS:
            if pattern.match(text):
                return Title(kind, text, index, end)
    return None


def _title_end(lines: Sequence[Line], start: int) -> int:
    end = start + 1
    text = lines[start].text
    while end < len(lines) and end - start < _MAX_TITLE_LINES:
        following = lines[end]
        if _TITLE_STOP.match(following.text) or not _continues_title(
            clean_heading(text), lines[end - 1], following
        ):
            break
        text = f"{text} {following.text}"
        end += 1
    return end


def _continues_title(text: str, last: Line, following: Line) -> bool:
    if AUTHORITY_LINE.match(following.text) and not _CONNECTOR_END.search(text):
        return False  # the authority printed under the title, as on older reports
    first_word = following.text.split()[0]
    if following.text[:1].islower() or first_word in {"and", "Review"}:
        return True
    if _CONNECTOR_END.search(text):
        return True
    if _TITLE_END.search(text):
        return False
    if last.size is not None and last.size >= _DISPLAY_SIZE and following.size == last.size:
        return last.page == following.page
    return following.break_before is False
