"""The local authority a document is about, from its title, cover or partnership table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from domain.vocabulary import InspectionKind
from importers.headings import heading_key
from importers.lines import Line
from importers.titles import AUTHORITY_LINE, Title

# Older letters say "within local authority children's services in X".
_SERVICES_PREFIX = re.compile(r"(?i)^local authority children[’']s services (?:in|of) (?:the )?")
_SERVICES_SUFFIX = re.compile(
    r"(?i)\s+(local authority\s+)?children[’']s\s+(social care\s+)?services(\s+council)?$"
)
_FROM_TITLE = {
    InspectionKind.UCRA_LETTER: re.compile(r"(?i)\bwithin\s+(?:the\s+)?(?P<name>.+)$"),
    InspectionKind.FOCUSED_VISIT: re.compile(r"(?i)^focused visit to\s+(?:the\s+)?(?P<name>.+)$"),
    InspectionKind.MONITORING_VISIT: re.compile(
        r"(?i)^monitoring visit (?:to|of)\s+(?:the\s+)?(?P<name>.+)$"
    ),
    InspectionKind.ILACS_INSPECTION: re.compile(r"(?i)^inspection of\s+(?:the\s+)?(?P<name>.+)$"),
    InspectionKind.JTAI: re.compile(r"\b(?:in|of)\s+(?:the\s+)?(?P<name>[A-Z].+)$"),
}
_PARTNERSHIP = re.compile(
    r"(?i)^(?:joint local )?area send (?:inspection|revisit) (?:of|in)\s+(?:the\s+)?"
    r"(?P<name>.+?)(?: local area partnership|$)"
)
_COUNCIL_TAIL = r"(?:\s+(?:Metropolitan\s+)?(?:Borough|County|City|District)?\s*Council)?"
_NAMED_AUTHORITY = re.compile(
    r"\b((?:London|Royal) Borough of [A-Z][\w\-]+"
    r"(?: (?:upon|on) [A-Z][\w\-]+| and [A-Z][\w\-]++(?! [A-Z])| (?!NHS\b)[A-Z][\w\-]+)*"
    r"|City of London"
    r"|[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,3}"
    r" (?:Metropolitan Borough|Borough|County|City|District) Council)"
)
_COVER_LINES = 3
_COVER_WORDS = 8


def find_authority(lines: Sequence[Line], title: Title | None) -> str | None:
    """The authority named by the title, the cover line above it, or the partnership table."""
    if title is None:
        return _first_named_authority(lines)
    if title.kind == InspectionKind.AREA_SEND_INSPECTION:
        return _partnership_authority(lines, title)
    pattern = _FROM_TITLE.get(title.kind)
    if pattern and (match := pattern.search(title.text)):
        named = match["name"].strip(" ,.")
        name = _SERVICES_SUFFIX.sub("", _SERVICES_PREFIX.sub("", named)).strip(" ,.")
        # "Inspection of local authority children's services" names no authority: the cover does.
        if name and not name.lower().startswith(("children", "services", "local authority")):
            return name
    return _cover_authority(lines, title) or _first_named_authority(lines)


def _cover_authority(lines: Sequence[Line], title: Title) -> str | None:
    # Reports print the authority as a cover line just above the title, in one type size.
    cover: list[Line] = []
    index = title.start - 1
    while index >= 0 and len(cover) < _COVER_LINES:
        line = lines[index]
        if line.page != lines[title.start].page or len(line.text.split()) > _COVER_WORDS:
            break
        if cover and (line.size != cover[0].size or (line.size is None and cover[0].break_before)):
            break
        cover.insert(0, line)
        index -= 1
    name = " ".join(" ".join(line.text for line in cover).split())
    if not name and title.end < len(lines) and AUTHORITY_LINE.match(lines[title.end].text):
        # Older reports print the authority just below the title instead.
        name = lines[title.end].text.strip()
    return name or None


def _partnership_authority(lines: Sequence[Line], title: Title) -> str | None:
    match = _PARTNERSHIP.match(title.text)
    place = match["name"].strip() if match else None
    for index, line in enumerate(lines):
        if heading_key(line.text) != "local area partnership details":
            continue
        for row in lines[index + 1 : index + 6]:
            found = _named_in(row.text, place)
            if found and found != place:
                return found
    if place:
        named = _first_named_authority(lines, place)
        return named or place
    return None


def _named_in(text: str, place: str | None) -> str | None:
    if place:
        match = re.search(
            rf"^(?:(?:London |Royal )?Borough of |City of )?{re.escape(place)}{_COUNCIL_TAIL}", text
        )
        if match:
            return match.group(0).strip()
    return None


def _first_named_authority(lines: Sequence[Line], place: str | None = None) -> str | None:
    for line in lines:
        for match in _NAMED_AUTHORITY.finditer(line.text):
            if place is None or place in match.group(0):
                return match.group(0)
    return None
