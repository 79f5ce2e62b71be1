"""Finding every real list heading in a document and turning its items into findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from domain.inspections.documents import FindingInput
from importers.headings import (
    clean_heading,
    heading_key,
    is_board_title,
    is_section_heading,
    looks_like_heading,
)
from importers.items import ListItem, ListStyle, read_list
from importers.lines import Line
from importers.list_headings import is_container_heading, list_heading_kind
from importers.markers import split_marker
from importers.table_lists import read_table, table_heading

_CONTENTS_ENTRY = re.compile(r"^[A-Z].*[^\W\d_?)]\??\s+\d{1,3}$")
_CONTENTS_MIN_ENTRIES = 4
_MAY_NAME_BOARD = re.compile(r"(?i)board|lscb")
_NAMES_BOARD = re.compile(r"(?i)\blscb\b|safeguarding children(?:’s|'s)? board")
_HEADING_WORDS = 12
_SHORT = 20
_LONGEST_BOARD_TITLE = 90
# Every document without improvement items says why, in exactly one of these words.
NO_AREAS_WARNING = "the letter lists no areas for improvement"
UNREADABLE_LIST_WARNING = "the list could not be read"
NOT_INSPECTION_WARNING = "not an Ofsted inspection document"


def _whole_title(title: str) -> str:
    return title


@dataclass(frozen=True)
class FamilyRules:
    """What a document family does differently when its lists are read."""

    style: ListStyle = field(default_factory=ListStyle)
    board_section: bool = False  # single inspections: lists after the board heading are the board's
    framework_from_title: Callable[[str], str] = _whole_title


def read_findings(
    lines: Sequence[Line], rules: FamilyRules
) -> tuple[list[FindingInput], list[str]]:
    """All findings in document order, and warnings about what could not be found."""
    has_bold = any(line.bold for line in lines)
    contents = _contents_pages(lines)
    findings: list[FindingInput] = []
    container: str | None = None
    board: str | None = None  # the board section's title once the report reaches it
    improvement_heading = False  # whether a real improvement heading was found, items or none
    index = 0
    while index < len(lines):
        line = lines[index]
        if rules.board_section and findings and board is None:
            board = _board_title(lines, index, contents)
            container = None if board else container
        table = table_heading(line.text)
        kind = list_heading_kind(table or line.text)
        if kind is None or not _is_real_heading(lines, index, has_bold, contents):
            if container and (looks_like_heading(line) or is_section_heading(line.text)):
                container = None
            index += 1
            continue
        improvement_heading = improvement_heading or kind.is_tracked
        if not kind.is_tracked:
            container = None  # a strengths list ends the sub-lists of an improvement heading
        heading = clean_heading(table or line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if is_container_heading(line.text) and following and list_heading_kind(following.text):
            container = heading
            index += 1
            continue
        if container and not is_container_heading(line.text):
            heading = f"{container} / {heading}"
        if board and not _NAMES_BOARD.search(heading):
            heading = f"{board} / {heading}"
        items, end = _read_items(lines, index, table is not None, rules)
        findings.extend(
            FindingInput(kind, heading, item.text, item.timescale, item.topic) for item in items
        )
        index = max(end, index + 1)
    if _has_improvement_list(findings):
        return findings, []
    return findings, [UNREADABLE_LIST_WARNING if improvement_heading else NO_AREAS_WARNING]


def _read_items(
    lines: Sequence[Line], index: int, table: bool, rules: FamilyRules
) -> tuple[list[ListItem], int]:
    if table:
        return read_table(lines, index + 1, lines[index], rules.style.is_stop)
    return read_list(lines, index + 1, rules.style)


def _has_improvement_list(findings: Sequence[FindingInput]) -> bool:
    return any(finding.kind.is_tracked for finding in findings)


def _is_real_heading(lines: Sequence[Line], index: int, has_bold: bool, contents: set[int]) -> bool:
    line = lines[index]
    if line.page in contents or line.text.rstrip().endswith("."):
        return False
    if has_bold and not line.bold and not _introduces_marked_list(lines, index):
        return False
    return _is_standalone(lines, index)


def _introduces_marked_list(lines: Sequence[Line], index: int) -> bool:
    # An unemphasised heading still counts when bulleted or numbered items follow at once.
    following = lines[index + 1] if index + 1 < len(lines) else None
    return following is not None and split_marker(following.text)[0] is not None


def _is_standalone(lines: Sequence[Line], index: int) -> bool:
    # A heading is its own paragraph: it does not carry on a sentence, nor does the next line.
    line = lines[index]
    if not line.text[:1].isupper():
        return False
    previous = lines[index - 1] if index else None
    if (
        previous is not None
        and not line.break_before
        and previous.text[-1] not in ".?!:;"
        and len(previous.text.split()) > _HEADING_WORDS
        and not (previous.bold and line.bold is not None)
    ):
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    return not (
        following is not None
        and not following.break_before
        and split_marker(following.text)[0] is None
        and following.text[:1].islower()
    )


def _contents_pages(lines: Sequence[Line]) -> set[int]:
    entries: dict[int, int] = {}
    named: set[int] = set()
    for line in lines:
        if _CONTENTS_ENTRY.search(line.text):
            entries[line.page] = entries.get(line.page, 0) + 1
        if len(line.text) < _SHORT and heading_key(line.text) == "contents":
            named.add(line.page)
    if len({line.page for line in lines}) < 2:
        return set()
    return {page for page, count in entries.items() if count >= _CONTENTS_MIN_ENTRIES} | named


def _board_title(lines: Sequence[Line], index: int, contents: set[int]) -> str | None:
    # The board's section comes after the authority's own list, so the cover and contents,
    # which name the board too, are never taken for it.
    line = lines[index]
    text = _wrapped_title(lines, index)
    if (
        line.page in contents
        or len(text) > _LONGEST_BOARD_TITLE
        or not _MAY_NAME_BOARD.search(text)
    ):
        return None
    return clean_heading(text) if is_board_title(text) else None


def _wrapped_title(lines: Sequence[Line], index: int) -> str:
    # A large title may wrap ("... the Local Safeguarding" / "Children Board"): its second
    # line follows without a gap, in the same size and weight.
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    if (
        following is None
        or line.size is None
        or following.break_before is not False
        or (following.size, following.bold) != (line.size, line.bold)
        or not line.bold
    ):
        return line.text
    return f"{line.text} {following.text}"
