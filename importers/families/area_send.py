"""2023 onwards: area SEND reports, where each unbulleted paragraph is one item."""

from __future__ import annotations

from importers.findings import FamilyRules
from importers.items import ListStyle

# Bullets here are sub-points of the paragraph above them; the bulleted "What does the area
# partnership need to do better?" section holds findings, not improvement items.
RULES = FamilyRules(style=ListStyle(paragraph_items=True, bullet_items=False))
