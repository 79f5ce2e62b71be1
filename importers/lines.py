"""Lines of a document with the layout cues the parsers use: page, paragraph gap, weight."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from importers.pdf_text import PdfLine

# A gap this much wider than the neighbouring line pitch reads as a new paragraph; the
# smallest real paragraph spacing in the corpus is about 0.8 pt over a 14.5 pt pitch.
_GAP_TOLERANCE = 0.6
# Any gap beyond this many font sizes is a paragraph break whatever the neighbours do.
_WIDE_GAP = 1.6
# A line ending within this many points of the page's text edge runs on to the next line.
_FULL_WIDTH_SLACK = 45.0
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Line:
    """One line of text and what the layout says about it (None where the input cannot tell)."""

    text: str
    page: int
    break_before: bool | None = None
    bold: bool | None = None
    full_width: bool | None = None
    size: float | None = None
    page_top: bool = False
    left: float | None = None  # where the line starts on the page, which tells table columns apart


def normalise_spacing(text: str) -> str:
    """One plain space between words; invisible and soft characters removed."""
    if text.isascii():
        return " ".join(text.split())
    return _SPACES.sub(" ", _INVISIBLE.sub("", text.translate(_LIGATURES))).strip()


def lines_from_text(text: str) -> list[Line]:
    """Split plain text into lines; form feeds separate pages and blank lines paragraphs."""
    lines: list[Line] = []
    for page_number, page in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f")):
        pending_break = False
        page_top = True
        for raw in page.split("\n"):
            stripped = normalise_spacing(raw)
            if not stripped:
                pending_break = True
                continue
            lines.append(
                Line(
                    text=stripped,
                    page=page_number,
                    break_before=True if pending_break else (None if page_top else False),
                    page_top=page_top,
                )
            )
            pending_break = False
            page_top = False
    return lines


def lines_from_pdf(pages: Sequence[Sequence[PdfLine]]) -> list[Line]:
    """Turn positioned PDF lines into Lines, reading paragraph gaps from the baselines."""
    edge = _text_edge(line for page in pages for line in page)
    # Weight is a cue only where the PDF marks some text bold; otherwise it is unknown.
    weight_known = any(line.bold for page in pages for line in page)
    lines: list[Line] = []
    for page_number, page in enumerate(pages):
        gaps = [None, *(_gap(a, b) for a, b in itertools.pairwise(page))]
        for index, line in enumerate(page):
            lines.append(
                Line(
                    text=normalise_spacing(line.text),
                    page=page_number,
                    break_before=_is_break(gaps, index, line.size),
                    bold=line.bold if weight_known else None,
                    full_width=line.right >= edge - _FULL_WIDTH_SLACK,
                    size=round(line.size, 1),
                    page_top=index == 0,
                    left=round(line.left, 1),
                )
            )
    return lines


def _gap(above: PdfLine, below: PdfLine) -> float:
    return above.baseline - below.baseline


def _is_break(gaps: Sequence[float | None], index: int, size: float) -> bool | None:
    gap = gaps[index]
    if gap is None:
        return None
    size = size or 10.0
    if gap < -size * 0.5:
        return True  # moved up the page: a new column or table cell
    if gap < size * 0.5:
        return False  # same visual line (table cells, superscripts)
    if gap > size * _WIDE_GAP:
        return True
    neighbours = [
        g
        for g in (
            gaps[index - 1] if index > 0 else None,
            gaps[index + 1] if index + 1 < len(gaps) else None,
        )
        if g is not None and size * 0.5 <= g <= size * _WIDE_GAP
    ]
    if not neighbours:
        return False
    return gap > min(neighbours) + _GAP_TOLERANCE


def _text_edge(lines: Iterable[PdfLine]) -> float:
    rights = sorted(line.right for line in lines if line.right > 0)
    if not rights:
        return 0.0
    # The right edge of body text: high, but not the odd line running into the margin.
    return statistics.quantiles(rights, n=20)[-1] if len(rights) >= 20 else rights[-1]
