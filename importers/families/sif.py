"""2013–2018 single inspection framework reports: numbered lists and a second list for the board."""

from __future__ import annotations

from importers.findings import FamilyRules
from importers.items import ListStyle

# Numbered recommendations, sometimes under "What does the local authority need to improve?"
# with "Priority and immediate action" and "Areas for improvement" sub-lists; lists printed
# after the Local Safeguarding Children Board heading belong to the board.
RULES = FamilyRules(style=ListStyle(), board_section=True)
