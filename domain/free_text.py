"""Free text that people type: one limit for each kind of field, and no control characters.

Every way in (the command line, the pages, the API, plan import, import corrections) reaches
the use cases that call these checks, so a note refused on one is refused on all with the
same line, and nothing is cut short on the way. Line breaks and tabs are kept; a carriage
return is read as a line break (browsers send one before every line break of a text area).
Any other control character (escape, bell, NUL and the like) is refused: on a terminal it
would change what is shown, and a spreadsheet cannot hold it.

Text recorded before these checks may still hold control characters: `without_controls` takes
them out wherever text is shown on a terminal or written to a file.
"""

from __future__ import annotations

import re

from domain.errors import InvalidInput

NOTE_LIMIT = 10_000  # progress and sign-off notes, due-date reasons, an area's wording
REASON_LIMIT = 1_000  # the reason for a RAG override, the note on a due-date decision
TITLE_LIMIT = 200  # an area's short title
LINK_LIMIT = 2_000  # an evidence link

_LINE_ENDS = re.compile(r"\r\n?")
# Every control character (Unicode category Cc) except the tab (\x09) and line feed (\x0a).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """`text` with its line breaks as \\n and every other control character but the tab taken
    out: for showing or exporting text recorded before such characters were refused."""
    return _CONTROL.sub("", _LINE_ENDS.sub("\n", text))


def refuse_controls(value: str, what: str, *, field: str | None = None) -> str:
    """`value` with its line breaks as \\n; InvalidInput naming `what` (and `field`, the form
    field it came from) when it holds any other control character but the tab."""
    text = _LINE_ENDS.sub("\n", value)
    found = _CONTROL.search(text)
    if found:
        raise InvalidInput(
            f"{what} contains the control character U+{ord(found.group()):04X} at character "
            f"{found.start() + 1}; remove it (line breaks and tabs are the only ones allowed)",
            field=field,
        )
    return text


def checked_text(value: str, what: str, *, limit: int, field: str | None = None) -> str:
    """`value` trimmed, with its line breaks as \\n; InvalidInput naming `what` when it holds a
    control character (see refuse_controls) or is longer than `limit` characters. It is
    refused whole, never cut."""
    text = refuse_controls(value, what, field=field).strip()
    if len(text) > limit:
        raise InvalidInput(
            f"{what} is {len(text):,} characters long; shorten it to at most {limit:,}",
            field=field,
        )
    return text


def checked_optional(
    value: str | None, what: str, *, limit: int, field: str | None = None
) -> str | None:
    """checked_text for a field that may be left out: None (or only spaces) gives None."""
    if value is None:
        return None
    return checked_text(value, what, limit=limit, field=field) or None
