"""Carrying unresolved development areas over to the next inspection, only on confirmation.

When an authority's next inspection is recorded, every development area of its earlier
inspections that is not closed is a candidate; suggestions are computed on demand from what is
stored, leaving out pairs already decided. Nothing is linked, closed or reopened until a
person with the right to carry over decides, and a closed area stays closed.
"""

from domain.carryover.decisions import (
    CARRIED_AS_IS_HEADING,
    carry_as_is,
    close_as_addressed,
    confirm_link,
    decide_link,
    decide_unrepeated,
    reject_link,
)
from domain.carryover.records import (
    CarryOverReview,
    decisions_of,
    lineage,
    lineage_history,
    review_of,
    successor_of,
)
from domain.carryover.suggestions import (
    REPEAT_AFTER,
    LinkSuggestion,
    earlier_open_areas,
    is_repeat,
    suggest_carry_over,
)

__all__ = [
    "CARRIED_AS_IS_HEADING",
    "REPEAT_AFTER",
    "CarryOverReview",
    "LinkSuggestion",
    "carry_as_is",
    "close_as_addressed",
    "confirm_link",
    "decide_link",
    "decide_unrepeated",
    "decisions_of",
    "earlier_open_areas",
    "is_repeat",
    "lineage",
    "lineage_history",
    "reject_link",
    "review_of",
    "successor_of",
    "suggest_carry_over",
]
