"""2009–2013 safeguarding and looked-after-children reports: items grouped by timescale."""

from __future__ import annotations

from importers.findings import FamilyRules
from importers.items import ListStyle

# Timescale lines ("Immediately:", "Within three months:") are read by the list reader itself;
# items are bullets, and the sentence introducing the list is not an item.
RULES = FamilyRules(style=ListStyle())
