"""The values the importer returns: a parsed document and its findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

AREA_FOR_DEVELOPMENT: Final = "area_for_development"
PRIORITY_ACTION: Final = "priority_action"
STRENGTH: Final = "strength"
REQUIREMENT_MET: Final = "requirement_met"

FINDING_KINDS: Final = (AREA_FOR_DEVELOPMENT, PRIORITY_ACTION, STRENGTH, REQUIREMENT_MET)

DOCUMENT_KINDS: Final = (
    "ucra-letter",
    "lac-inspection",
    "sif-inspection",
    "ilacs-inspection",
    "focused-visit",
    "monitoring-visit",
    "jtai",
    "area-send-inspection",
    "other",
)


@dataclass(frozen=True)
class ParsedFinding:
    """One item of a list in the document, with the heading it was printed under."""

    kind: str
    heading: str
    text: str
    timescale: str | None = None
    topic: str | None = None  # the sub-heading printed above the item within its list


@dataclass(frozen=True)
class ParsedDocument:
    """Everything the importer read from one inspection document."""

    source: str
    fingerprint: str
    authority: str | None
    kind: str
    framework: str | None
    inspection_start: date | None
    inspection_end: date | None
    published: date | None
    inspectors: list[str]
    judgement: str | None
    previous_areas_statement: str | None
    findings: list[ParsedFinding]
    warnings: list[str]
