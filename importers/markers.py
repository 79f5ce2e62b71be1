"""List markers at the start of a line: bullet glyphs (including private-use ones) and numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Private-use code points are Symbol/Wingdings bullets that lost their font on extraction.
BULLET_GLYPHS = (
    "\u25fc\u25aa\u25a0\u25fe\u2022\u25cf\u2023\u2043\u2219\u00b7\u25e6\u25cb\u25a1\u25ab\u27a2\u2713"
    "\uf06e\uf0a7\uf02d\uf0b7\uf0a8\uf0d8\uf076\uf0fc\uf0d9\uf0e0\uf097\uf020\uf06c"
)
_DASHES = "-\u2013\u2014"
_BULLET = re.compile(rf"^([{BULLET_GLYPHS}])\s*(.*)$")
_DASH_BULLET = re.compile(rf"^([{_DASHES}])\s+(.*)$")
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
    if match := _DASH_BULLET.match(text):
        return Marker("bullet", match.group(1)), match.group(2).strip()
    if match := _LETTER.match(text):
        return Marker("letter", ")"), match.group(2).strip()
    return None, text


def strip_private_glyphs(text: str) -> str:
    """Remove private-use glyphs left inside a line, which never carry meaning in plain text."""
    return _PRIVATE_USE.sub("", text)
