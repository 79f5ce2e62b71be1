"""Reading the items of one list: markers, wrapped lines, sub-bullets, topics and timescales."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from importers.headings import is_section_heading, is_topic_line, looks_like_heading
from importers.lines import Line
from importers.list_headings import list_heading_kind
from importers.markers import Marker, split_marker, strip_private_glyphs
from importers.prose import join_wrapped

_TIMESCALE = re.compile(
    r"(?i)^(immediately|within (?:one|two|three|four|six|nine|twelve|\d{1,2}) (?:weeks?|months?))"
    r"\s*(:?)\s*(.*)$"
)

_SHORT_LINE_SHARE = 0.75
_RESPONSIBLE = re.compile(
    r"^(?:(?:(?:the|local|area|authority|partnership|health|senior|strategic|system)\s+){0,4}"
    r"leaders|The local area(?: partnership)?|NHS)\b[^.]{0,80}?\b(?:should|must|need to)\b",
    re.IGNORECASE,
)
# The sentence that opens a list grouped by timescale ("In order to improve ... the local
# authority should take the following action."), numbered like a paragraph but not an item.
_LEAD_IN = re.compile(r"(?i)^in order to improve\b.*\b(?:following actions?|should)\s*[.:]?$")

StopRule = Callable[[Sequence[Line], int], bool]


def stops_at_heading(lines: Sequence[Line], index: int) -> bool:
    """The usual end of a list: any heading, a known section title, or another list's heading."""
    line = lines[index]
    return (
        looks_like_heading(line)
        or is_section_heading(line.text)
        or (list_heading_kind(line.text) is not None and not _ends_a_sentence(line.text))
    )


def _ends_a_sentence(text: str) -> bool:
    # A wrapped item can end on a line that reads like a heading ("recommendations."); a
    # heading opens with a capital and ends with no full stop.
    return text[:1].islower() or text.endswith(".")


@dataclass(frozen=True)
class ListStyle:
    """How a family prints its lists."""

    paragraph_items: bool = False  # unmarked paragraphs are items (area SEND, older letters)
    bullet_items: bool = True  # False: bullets are sub-points inside a paragraph item
    is_stop: StopRule = stops_at_heading


@dataclass(frozen=True)
class ListItem:
    """One item's text with the timescale and topic sub-heading it was printed under."""

    text: str
    timescale: str | None = None
    topic: str | None = None


@dataclass
class _Draft:
    parts: list[str]
    timescale: str | None
    topic: str | None
    ended_sub_point: bool = False


@dataclass
class _Reader:
    lines: Sequence[Line]
    style: ListStyle
    drafts: list[_Draft] = field(default_factory=list)
    current: _Draft | None = None
    skipping_lead_in: bool = False
    primary: tuple[str, str] | None = None
    timescale: str | None = None
    topic: str | None = None
    widest: int = 0

    def start(self, text: str) -> None:
        self.current = _Draft([text], self.timescale, self.topic)
        self.drafts.append(self.current)
        self.skipping_lead_in = False

    def add_marked(self, marker: Marker, text: str) -> None:
        signature = (marker.kind, marker.glyph if marker.kind == "bullet" else "")
        if self.primary is None and (self.style.bullet_items or marker.kind != "bullet"):
            self.primary = signature
        if signature == self.primary or self.current is None:
            self.start(text)
        else:
            self.current.parts.append(text)
            self.current.ended_sub_point = True

    def add_unmarked(self, index: int) -> bool:
        """Take an unmarked line; return False when it ends the list."""
        line = self.lines[index]
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if (
            self.current is not None
            and not line.break_before
            and not self._leaves_sub_points(line)
            and not self._ends_short_paragraph(line)
            and not self._opens_recommendation(line)
            and not self._is_topic_after_item(index)
        ):
            self.current.parts.append(line.text)
            return True
        if self.skipping_lead_in and not line.break_before:
            return True
        # Under a timescale, unmarked lines are the items: each paragraph is one.
        unmarked_group = self.timescale is not None and self.primary is None
        if unmarked_group and (self.current is None or line.break_before):
            self.start(line.text)
            return True
        if self.style.paragraph_items:
            self.start(line.text)
            return True
        if is_topic_line(line, following):
            self.topic = line.text
            self.current = None
            return True
        if self.current is None:
            self.skipping_lead_in = True  # an introductory sentence before the first item
            return True
        if line.bold is not None:
            self.current.parts.append(line.text)  # a further paragraph of the same item
            return True
        return False

    def _is_topic_after_item(self, index: int) -> bool:
        # Without blank lines, a topic line still shows itself: it follows a finished item
        # and the next item follows it.
        current = self.current
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return bool(
            current
            and not self.style.paragraph_items
            and current.parts[-1][-1:] in ".;:!?"
            and following is not None
            and split_marker(following.text)[0] is not None
            and is_topic_line(self.lines[index], following)
        )

    def _ends_short_paragraph(self, line: Line) -> bool:
        # Plain text gives no paragraph spacing; a sentence ending on a short line closes one.
        current = self.current
        if line.size is not None or current is None or not self.style.paragraph_items:
            return False
        last = current.parts[-1]
        return (
            last.endswith(".")
            and line.text[:1].isupper()
            and len(last) < _SHORT_LINE_SHARE * self.widest
        )

    def _opens_recommendation(self, line: Line) -> bool:
        # Plain text, and some PDFs, give no paragraph spacing; an area SEND paragraph still
        # shows where it starts, naming who should act ("Leaders across the partnership ...").
        current = self.current
        return bool(
            current is not None
            and self.style.paragraph_items
            and current.parts[-1].endswith(".")
            and _RESPONSIBLE.match(line.text)
        )

    def _leaves_sub_points(self, line: Line) -> bool:
        # After sub-bullets, a capitalised line following a full stop opens a new paragraph.
        current = self.current
        return bool(
            current
            and current.ended_sub_point
            and self.style.paragraph_items
            and current.parts[-1].endswith(".")
            and line.text[:1].isupper()
        )


def read_list(lines: Sequence[Line], start: int, style: ListStyle) -> tuple[list[ListItem], int]:
    """Read items from lines[start] until the style's stop rule fires; return them and the end."""
    reader = _Reader(lines, style)
    pending: Marker | None = None
    index = start
    while index < len(lines):
        line = lines[index]
        timescale = _TIMESCALE.match(line.text)
        if timescale and (timescale.group(2) or not timescale.group(3)):
            # "Within three months:" heads the items below it; "Immediately: ensure ..." is
            # a heading and the first item on one line.
            reader.timescale = _timescale_label(timescale.group(1))
            reader.current = None
            reader.primary = None  # each timescale's group sets its own markers
            _drop_lead_in(reader)
            if timescale.group(3):
                reader.start(timescale.group(3))
            index += 1
            continue
        if style.is_stop(lines, index):
            break
        reader.widest = max(reader.widest, len(line.text))
        marker, text = split_marker(line.text)
        if marker is None and pending is not None and not _is_continuation(lines, index):
            marker, text = pending, line.text  # the glyph or number was set on a line of its own
        pending = None
        if marker is not None:
            if text:
                reader.add_marked(marker, text)
            else:
                pending = marker
        elif not reader.add_unmarked(index):
            break
        index += 1
    items = [
        ListItem(_join(draft.parts), draft.timescale, draft.topic)
        for draft in reader.drafts
        if _join(draft.parts)
    ]
    return items or _glyphless_paragraphs(lines[start:index]), index


def _glyphless_paragraphs(lines: Sequence[Line]) -> list[ListItem]:
    # Plain text copied from a PDF may have lost its bullet glyphs, leaving items told apart
    # only by blank lines: each paragraph is one, a lead-in ending in a colon aside. One
    # paragraph alone is more likely a sentence about the list ("There are none.").
    if any(line.size is not None or split_marker(line.text)[0] for line in lines):
        return []
    blocks: list[list[str]] = []
    for line in lines:
        if line.break_before or not blocks:
            blocks.append([line.text])
        else:
            blocks[-1].append(line.text)
    texts = [_join(block) for block in blocks]
    if texts and texts[0].endswith(":"):
        texts = texts[1:]
    return [ListItem(text) for text in texts] if len(texts) >= 2 else []


def _drop_lead_in(reader: _Reader) -> None:
    drafts = reader.drafts
    if len(drafts) == 1 and drafts[0].timescale is None and _LEAD_IN.match(_join(drafts[0].parts)):
        drafts.clear()


def _is_continuation(lines: Sequence[Line], index: int) -> bool:
    # After a lone glyph, a lower-case line without a gap still belongs to the item before it.
    line = lines[index]
    return not line.break_before and line.text[:1].islower()


def _timescale_label(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _join(parts: Sequence[str]) -> str:
    return join_wrapped([strip_private_glyphs(part) for part in parts])
