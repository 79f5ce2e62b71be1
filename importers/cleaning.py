"""Removal of print furniture: running headers, page numbers, Ofsted address blocks, footnotes."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from importers.lines import Line
from importers.markers import split_marker

_EDGE_LINES = 3
_RUNNING_SHARE = 0.4
_REPEATS = 3
_DIGITS = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_PAGE_NUMBER = re.compile(r"(?i)^(page\s+)?\d{1,3}(\s*(of|/)\s*\d{1,3})?$")
_CONTACT = re.compile(
    r"(?i)@ofsted\.gov\.uk|www\.(gov\.uk/)?ofsted|^(direct\s+)?[tf]:?\s*0\d{3}\s?\d{2,3}\s?\d{3,4}"
    r"|^textphone\b|^[ewt]:\s|^(t|tel|telephone)\s+0\d{3}"
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_ADDRESS_WORD = re.compile(
    r"^(\d+\s+)?([A-Z][a-z’']+\s+){0,3}(Gate|Street|House|Place|Square|Way|Buildings|Kingsway"
    r"|Lane|Road|Floor|Agora)\b[\s,]*$"
)
_PLACE = re.compile(r"^[A-Z][a-z’'\-]+( [A-Z][a-z’'\-]+){0,2}$")
_ADDRESS_LINES = 8
_LONGEST_ADDRESS_LINE = 60
_TERMINAL = ".?!:;"
_SMALLER_BY = 1.5


def clean_lines(lines: Sequence[Line]) -> list[Line]:
    """Normalise spacing and drop headers, footers, page numbers, address blocks and footnotes."""
    # A bare number is a page number or a footnote marker set on its own line, never text.
    lines = [line for line in lines if line.text and not _BARE_NUMBER.match(line.text)]
    lines = _drop_running_heads(lines)
    lines = _drop_address_blocks(lines)
    lines = _drop_footnotes(lines)
    return _resolve_page_breaks(lines)


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def _drop_running_heads(lines: list[Line]) -> list[Line]:
    pages: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        pages[line.page].append(index)
    drop: set[int] = set()
    first_page = min(pages, default=0)
    if len(pages) > 1:
        # The first page's top holds the title, which running heads often repeat.
        edges = {
            page: (
                indices[:_EDGE_LINES] + indices[-_EDGE_LINES:]
                if page != first_page
                else indices[_EDGE_LINES:][-_EDGE_LINES:]
            )
            for page, indices in pages.items()
        }
        seen: dict[str, set[int]] = defaultdict(set)
        for page, indices in edges.items():
            for index in indices:
                seen[_key(lines[index].text)].add(page)
        # A running head repeats on most pages; a heading that merely opens two pages does not.
        needed = max(2, round(_RUNNING_SHARE * (len(pages) - 1)))
        for indices in edges.values():
            for index in indices:
                text = lines[index].text
                if _PAGE_NUMBER.match(text) or len(seen[_key(text)]) >= needed:
                    drop.add(index)
    else:
        # No page boundaries: a running head shows itself by repeating with its page number,
        # alone or as one of two lines that repeat together.
        counts = Counter(_key(line.text) for line in lines)
        numbered = [
            counts[_key(line.text)] >= _REPEATS and "#" in _key(line.text) for line in lines
        ]
        for index, line in enumerate(lines):
            repeated = counts[_key(line.text)] >= _REPEATS and not line.text.endswith(".")
            beside_numbered = any(numbered[max(0, index - 1) : index + 2])
            if _PAGE_NUMBER.match(line.text) or (repeated and beside_numbered):
                drop.add(index)
    return [line for index, line in enumerate(lines) if index not in drop]


def _is_address_line(text: str) -> bool:
    if len(text) > _LONGEST_ADDRESS_LINE:
        return False
    return bool(_POSTCODE.search(text) or _ADDRESS_WORD.match(text) or _PLACE.match(text))


def _drop_address_blocks(lines: list[Line]) -> list[Line]:
    contact = [bool(_CONTACT.search(line.text)) for line in lines]
    drop: set[int] = set()
    for index, is_contact in enumerate(contact):
        if not is_contact:
            continue
        drop.add(index)
        # Address lines sit beside the contact lines; each contact line looks only at its own
        # few neighbours, so a long run of them stays linear.
        for step in (-1, 1):
            for probe in range(index + step, index + step * (_ADDRESS_LINES + 1), step):
                if not 0 <= probe < len(lines) or lines[probe].page != lines[index].page:
                    break
                if contact[probe] or not _is_address_line(lines[probe].text):
                    break
                drop.add(probe)
    return [line for index, line in enumerate(lines) if index not in drop]


def _drop_footnotes(lines: list[Line]) -> list[Line]:
    sizes = [line.size for line in lines if line.size]
    if not sizes:
        return lines
    body = statistics.mode(sizes)
    drop: set[int] = set()
    index = len(lines) - 1
    while index >= 0:
        page = lines[index].page
        run: list[int] = []
        while index >= 0 and lines[index].page == page:
            size = lines[index].size
            if size and size <= body - _SMALLER_BY and not lines[index].bold:
                run.append(index)
                index -= 1
                continue
            break
        # Small type below the body text at the foot of a page is a footnote (its number may
        # already be gone as a bare-number line) or a footer; neither belongs to a list.
        if run:
            drop.update(run)
        while index >= 0 and lines[index].page == page:
            index -= 1
    return [line for index, line in enumerate(lines) if index not in drop]


def continues_paragraph(previous: Line, line: Line) -> bool:
    """Tell whether a line carries on the previous line's sentence across a break."""
    if previous.text.endswith("-") or previous.text[-1] in ",(":
        return True
    if line.text[:1].islower():
        return previous.text[-1] not in _TERMINAL
    if previous.text[-1] in _TERMINAL:
        return False
    return bool(previous.full_width)


def _resolve_page_breaks(lines: list[Line]) -> list[Line]:
    resolved: list[Line] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        if previous is None:
            resolved.append(replace(line, break_before=True))
        elif line.page != previous.page or line.break_before is None:
            if line.page_top or line.page != previous.page:
                line = replace(line, page_top=True)
            resolved.append(replace(line, break_before=not continues_paragraph(previous, line)))
        elif (
            line.break_before and previous.page == line.page and _is_text_page_break(previous, line)
        ):
            resolved.append(replace(line, break_before=False))
        else:
            resolved.append(line)
    return resolved


def _is_text_page_break(previous: Line, line: Line) -> bool:
    # Plain text marks a page break by blank lines; a sentence running on across them wins.
    # A bullet glyph alone on its line is no sentence: the item after it starts afresh.
    return (
        previous.size is None
        and line.text[:1].islower()
        and previous.text[-1] not in _TERMINAL
        and not _is_lone_marker(previous.text)
    )


def _is_lone_marker(text: str) -> bool:
    marker, rest = split_marker(text)
    return marker is not None and not rest
