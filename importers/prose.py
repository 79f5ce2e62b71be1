"""Running text: lines joined into paragraphs, and the first sentence of a paragraph."""

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


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines without a break between them, joined with single spaces."""

    start: int
    end: int
    text: str


def join_wrapped(parts: Sequence[str]) -> str:
    """Join wrapped lines: a line ending in a hyphen joins without a space, keeping the hyphen."""
    joined = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if joined.endswith("-") and not joined.endswith((" -", "--")):
            joined += part
        else:
            joined = f"{joined} {part}" if joined else part
    return " ".join(joined.split())


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Group lines into paragraphs at each break."""
    found: list[Paragraph] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or lines[index].break_before:
            if start < index:
                text = join_wrapped([line.text for line in lines[start:index]])
                found.append(Paragraph(start, index, text))
            start = index
    return found


def first_sentence(text: str) -> str:
    """The text up to and including its first full stop."""
    match = _SENTENCE_END.search(text)
    return text[: match.end()].strip() if match else text.strip()
