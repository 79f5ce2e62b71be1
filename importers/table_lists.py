"""Lists printed as two-column tables: the responsible body on the left, the action on the right."""

from __future__ import annotations

import re
from collections.abc import Sequence

from importers.items import ListItem, StopRule
from importers.lines import Line
from importers.list_headings import list_heading_kind
from importers.markers import split_marker
from importers.prose import join_wrapped

_HEADER_ROW = re.compile(r"(?i)^responsible bod(?:y|ies)\s+(.+)$")
# The action column starts well to the right of the header row's first cell; in area SEND
# reports the gap is about 160 points, and no paragraph indent comes near this.
_COLUMN_GAP = 60.0
_SHOULD = re.compile(r"\bshould\b")
# Where an action starts inside a line that opens with the body's name: who should act.
_ACTION_OPENER = re.compile(
    r"\s((?:(?:Area|Health|Local authority|Senior|Strategic) l|L)eaders\b|The local area\b)"
    r"(?=[^.]*\b(?:should|must|need to)\b)"
)
_SENTENCE_END = (".", "!", "?")
_ORGANISATION = re.compile(r"\b(?:Council|ICB|NHS|Board|Trust|Partnership|[Aa]uthority)\b")


def table_heading(text: str) -> str | None:
    """The list heading in a table's header row ("Responsible body | Areas for priority
    action"), or None when the line is not such a row."""
    match = _HEADER_ROW.match(text)
    if match and list_heading_kind(match.group(1)) is not None:
        return match.group(1)
    return None


def read_table(
    lines: Sequence[Line], start: int, header: Line, is_stop: StopRule
) -> tuple[list[ListItem], int]:
    """Read the action cells below a header row; the responsible body's cells are left out."""
    end = start
    while end < len(lines) and not is_stop(lines, end):
        end += 1
    rows = lines[start:end]
    if header.left is not None and all(line.left is not None for line in rows):
        texts = _action_column(rows, header.left)
    else:
        texts = _action_blocks(rows)
    return [ListItem(text) for text in texts], end


def _action_column(rows: Sequence[Line], header_left: float) -> list[str]:
    items: list[list[str]] = []
    new_row = True
    for line in rows:
        text = _without_marker(line.text)
        if line.left is None or line.left <= header_left + _COLUMN_GAP:
            new_row = True  # the responsible body's cell: the next action is another row's
            opener = _ACTION_OPENER.search(text)
            if opener is None:
                continue
            # pdfium joins a one-line cell with the action's first line on the same baseline.
            text = text[opener.start(1) :]
        # A body's cell may fall mid-action at a page break: an unfinished sentence runs on.
        if items and not (new_row and _ends_sentence(items[-1][-1])):
            items[-1].append(text)
        else:
            items.append([text])
        new_row = False
    return [join_wrapped(parts) for parts in items]


def _without_marker(text: str) -> str:
    # Sub-points of an action stay in it, without their bullet glyphs.
    marker, rest = split_marker(text)
    return rest if marker is not None and rest else text


def _action_blocks(rows: Sequence[Line]) -> list[str]:
    # Without positions the cells come as blocks of lines: an action says who "should" act,
    # a body's cell names organisations, and any other block carries on an unfinished action.
    items: list[str] = []
    for block in _blocks(rows):
        text = join_wrapped([_without_marker(line.text) for line in block])
        if _SHOULD.search(text):
            items.append(text)
        elif items and not _ends_sentence(items[-1]) and not _is_body_cell(text):
            items[-1] = join_wrapped([items[-1], text])
    return items


def _is_body_cell(text: str) -> bool:
    # A body's cell names organisations and ends no sentence.
    return bool(_ORGANISATION.search(text)) and not _ends_sentence(text)


def _blocks(rows: Sequence[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    for line in rows:
        if blocks and not line.break_before:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)
