"""Running text: lines joined into paragraphs, and a paragraph cut into sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from importers.lines import Line

# A full stop ends a sentence unless it follows a lone initial or a common abbreviation.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\betc)"
    r"[.!?](?=\s+[A-Z‘“(]|\s*$)"
)


_SHORT_LINE_SHARE = 0.75
_FULL_LINE_RANK = 0.9


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines without a break between them, joined with single spaces."""

    start: int
    end: int
    text: str


def join_wrapped(parts: Sequence[str]) -> str:
    """Join wrapped lines: a line ending in a hyphen joins without a space, keeping the hyphen."""
    pieces: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if pieces and not _hyphen_ends(pieces[-1]):
            pieces.append(" ")
        pieces.append(part)
    # One join at the end keeps a long paragraph linear in its length.
    return " ".join("".join(pieces).split())


def _hyphen_ends(text: str) -> bool:
    return len(text) > 1 and text.endswith("-") and not text.endswith((" -", "--"))


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Group lines into paragraphs at each break (in plain text, also after a short line)."""
    found: list[Paragraph] = []
    widest = typical_width(lines)
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or _breaks(lines[index - 1], lines[index], widest):
            if start < index:
                text = join_wrapped([line.text for line in lines[start:index]])
                found.append(Paragraph(start, index, text))
            start = index
    return found


def typical_width(lines: Sequence[Line]) -> int:
    """The length of a full line of body text: long, but not an odd merged table row."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * _FULL_LINE_RANK)] if lengths else 0


def _breaks(previous: Line, line: Line, widest: int) -> bool:
    if line.break_before:
        return True
    # Plain text has no paragraph spacing: a line well short of the measure ends a block.
    return previous.size is None and len(previous.text) < _SHORT_LINE_SHARE * widest


def first_sentence(text: str) -> str:
    """The text up to and including its first full stop."""
    match = _SENTENCE_END.search(text)
    return text[: match.end()].strip() if match else text.strip()


def sentences(text: str) -> list[str]:
    """The text cut after each full stop that ends a sentence, each piece stripped."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    return [*found, rest] if rest else found
