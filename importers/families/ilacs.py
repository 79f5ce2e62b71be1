"""2018 onwards: ILACS reports, focused visits and monitoring visits with bulleted lists."""

from __future__ import annotations

from importers.findings import FamilyRules
from importers.items import ListStyle

# "What needs to improve?" and "Areas for priority action" are bulleted; a priority list opens
# with a sentence ending in a colon that is not an item.
RULES = FamilyRules(style=ListStyle())
