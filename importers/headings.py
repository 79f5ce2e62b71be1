"""Recognising headings: footnote markers, the words Ofsted uses, and what a heading looks like."""

from __future__ import annotations

import re
from functools import lru_cache

from importers.lines import Line
from importers.markers import split_marker

_FOOTNOTE_MARKER = re.compile(r"(?<=[A-Za-z?)’'.:])\d{1,2}$")
_TRAILING = re.compile(r"[\s:?.]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_BOARD_TITLE = re.compile(
    r"^(section \d+:\s*)?(the\s+)?(review of\s+)?(the\s+)?(effectiveness(\s+of)?\s+)?(the\s+)?"
    r"(local safeguarding children(?:'s)? board|lscb)(\s*\(lscb\))?$"
)
_MAX_HEADING_WORDS = 20
_MAX_TOPIC_WORDS = 8
_LONGEST_SECTION_HEADING = 110

# Section headings that end whatever list runs into them.
_SECTION_HEADINGS = frozenset(
    {
        "findings",
        "main findings",
        "headline findings",
        "summary of findings",
        "summary of key findings",
        "summary for children and young people",
        "information about this inspection",
        "information about this local authority area",
        "inspection findings",
        "the local authority's strengths",
        "the local authority has the following strengths",
        "local area partnership details",
        "inspection team",
        "the inspection team",
        "next steps",
        "yours sincerely",
        "overview",
        "contents",
        "executive summary",
        "inspection outcome",
        "progress since the last inspection",
        "key strengths and weaknesses of the lscb",
        "inspection judgement about the lscb",
        "about this inspection",
        "service information",
        "evaluation of progress",
        "what the inspection judgements mean",
        "other findings",
        "the lscb's strengths",
        "areas of strength",
        "quality of provision",
        "leadership and management",
        "capacity to improve",
    }
)
_SECTION_PREFIXES = (
    "the experiences and progress of ",
    "the impact of leaders on ",
    "inspection judgement",
    "inspection judgment",
    "inspection findings",
    "information about this",
    "summary for children",
    "what the inspection judg",
    "key strengths and weaknesses",
    "overall effectiveness",
    "section 1",
    "section 2",
    "section 3",
    "what is the area partnership doing well",
    "what does the area partnership need to do better",
    "the inspection outcomes",
    "inspection outcome",
    "the service meets the requirements",
    "outcomes for looked after children",
)


def clean_heading(text: str) -> str:
    """The heading as printed, without a footnote number glued to its end ("improve?1")."""
    return _FOOTNOTE_MARKER.sub("", text.strip()).strip()


@lru_cache(maxsize=4096)
def heading_key(text: str) -> str:
    """A comparison key: footnote marker, case, quotes and trailing punctuation removed."""
    key = clean_heading(text).translate(_QUOTES).lower()
    return _TRAILING.sub("", " ".join(key.split()))


def is_section_heading(text: str) -> bool:
    """Whether the words are a heading Ofsted uses for a section that is not a list."""
    if len(text) > _LONGEST_SECTION_HEADING:
        return False
    key = heading_key(text)
    return (
        key in _SECTION_HEADINGS
        or key.startswith(_SECTION_PREFIXES)
        or bool(_BOARD_TITLE.match(key))
    )


def is_board_title(text: str) -> bool:
    """Whether a line titles the section on the Local Safeguarding Children Board."""
    return len(text) <= _LONGEST_SECTION_HEADING and bool(_BOARD_TITLE.match(heading_key(text)))


def looks_like_heading(line: Line) -> bool:
    """Whether a line is set as a heading: bold where the PDF says so, never a list item."""
    marker, _ = split_marker(line.text)
    if marker is not None or len(line.text.split()) > _MAX_HEADING_WORDS:
        return False
    if line.bold is not None:
        return line.bold and bool(line.break_before)
    return is_section_heading(line.text)


def is_topic_line(line: Line, following: Line | None) -> bool:
    """A short unmarked line between items that names their topic, not part of any item."""
    text = line.text
    if split_marker(text)[0] is not None or len(text.split()) > _MAX_TOPIC_WORDS:
        return False
    if text[-1] in ".;,:" or not text[:1].isupper():
        return False
    if following is None:
        return False
    return split_marker(following.text)[0] is not None or bool(following.break_before)
