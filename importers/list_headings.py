"""The headings that introduce lists of findings, and the kind of finding each list holds."""

from __future__ import annotations

from domain.vocabulary import FindingKind
from importers.headings import heading_key

IMPROVEMENT_HEADINGS = frozenset(
    {
        "areas for development",
        "area for development",
        "areas for improvement",
        "what needs to improve",
        "what needs to improve in this area of social work practice",
        "what needs to improve in this area of practice",
        "recommendations",
        "recommendations for improvement",
        "areas for further development",
        "areas requiring improvement",
        "what the local authority needs to improve",
    }
)
PRIORITY_HEADINGS = frozenset(
    {
        "areas for priority action",
        "area for priority action",
        "priority and immediate action",
        "priority actions",
        "areas requiring priority action",
    }
)
# Headings above an improvement list that hold its sub-lists (early single inspection reports).
CONTAINER_HEADINGS = frozenset(
    {
        "what does the local authority need to improve",
        "what does the lscb need to improve",
        "what does the local safeguarding children board need to improve",
    }
)
_LONGEST_HEADING = 100
_OTHER_HEADINGS = {
    "strengths": FindingKind.STRENGTH,
    "the local authority's strengths": FindingKind.STRENGTH,
    "the local authority has the following strengths": FindingKind.STRENGTH,
    "the service meets the requirements of statutory guidance in the following areas": (
        FindingKind.REQUIREMENT_MET
    ),
}


def list_heading_kind(text: str) -> FindingKind | None:
    """The finding kind a heading introduces, or None when it is not a list heading."""
    if len(text) > _LONGEST_HEADING:
        return None
    key = heading_key(text)
    if key in IMPROVEMENT_HEADINGS or key in CONTAINER_HEADINGS:
        return FindingKind.AREA_FOR_DEVELOPMENT
    if key in PRIORITY_HEADINGS:
        return FindingKind.PRIORITY_ACTION
    return _OTHER_HEADINGS.get(key)


def is_container_heading(text: str) -> bool:
    """Whether the heading sits above sub-lists rather than items."""
    return heading_key(text) in CONTAINER_HEADINGS
