"""2009–2012 letters on contact, referral and assessment: paragraph or bulleted lists."""

from __future__ import annotations

import re
from collections.abc import Sequence

from importers.findings import FamilyRules
from importers.items import ListStyle, stops_at_heading
from importers.lines import Line

# The letter closes each list with a sentence about it, not another item.
_CLOSING = re.compile(
    r"(?i)^(the|these) (areas? (for|of) (development|improvement)|recommendations)\b.*\b"
    r"(identified|listed|set out|outlined) above|^yours (sincerely|faithfully)"
)


def _stops(lines: Sequence[Line], index: int) -> bool:
    return bool(_CLOSING.match(lines[index].text)) or stops_at_heading(lines, index)


def _framework(title: str) -> str:
    # The letter's subject names the authority after "within"; the framework is the rest.
    return re.split(r"\s+within\s+", title, maxsplit=1)[0]


RULES = FamilyRules(
    style=ListStyle(paragraph_items=True, bullet_items=True, is_stop=_stops),
    framework_from_title=_framework,
)
