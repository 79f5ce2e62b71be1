"""List markers at the start of a line: bullet glyphs (including private-use ones) and numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Private-use code points are Symbol/Wingdings bullets that lost their font on extraction;
# geometric shapes, dingbats and the usual typographic bullets complete the set.
_BULLET_CLASS = "\ue000-\uf8ff\u25a0-\u25ff\u2700-\u27bf\u2022\u2023\u2043\u2219\u00b7\u2713\u2714"
_DASHES = "-\u2013\u2014"
_BULLET = re.compile(rf"^([{_BULLET_CLASS}])\s*(.*)$")
# Dashes, Word's "o" and a section sign stand for bullets only when a space follows them.
_SPACED_BULLET = re.compile(rf"^([{_DASHES}o\u00a7])\s+(.*)$")
_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LETTER = re.compile(r"^\(?([a-h]|i{1,3}|iv|v|vi{1,3})\)\s+(.*)$")


@dataclass(frozen=True)
class Marker:
    """How a list item was introduced: kind is "bullet", "number" or "letter"."""

    kind: str
    glyph: str
    number: int | None = None


def split_marker(text: str) -> tuple[Marker | None, str]:
    """Separate a leading bullet glyph or item number from the rest of the line."""
    if match := _BULLET.match(text):
        return Marker("bullet", match.group(1)), match.group(2).strip()
    if match := _NUMBER.match(text):
        return Marker("number", ".", int(match.group(1))), match.group(2).strip()
    if match := _SPACED_BULLET.match(text):
        return Marker("bullet", match.group(1)), match.group(2).strip()
    if match := _LETTER.match(text):
        return Marker("letter", ")"), match.group(2).strip()
    return None, text


def strip_private_glyphs(text: str) -> str:
    """Remove private-use glyphs left inside a line, which never carry meaning in plain text."""
    return _PRIVATE_USE.sub("", text)
