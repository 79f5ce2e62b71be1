"""Inspection documents and findings as described from outside: read from a file, or by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.vocabulary import FindingKind, InspectionKind


@dataclass(frozen=True)
class FindingInput:
    """One item of a finding list, with the heading it was printed under, as a document gives
    it or a person enters it."""

    kind: FindingKind
    heading: str
    text: str
    timescale: str | None = None
    topic: str | None = None  # the sub-heading printed above the item within its list


@dataclass(frozen=True)
class ParsedDocument:
    """Everything read from one inspection document; `fingerprint` tells copies apart."""

    source: str
    fingerprint: str
    authority: str | None
    kind: InspectionKind
    framework: str | None
    inspection_start: date | None
    inspection_end: date | None
    published: date | None
    inspectors: list[str]
    judgement: str | None
    previous_areas_statement: str | None
    findings: list[FindingInput]
    warnings: list[str]


def preview(document: ParsedDocument) -> dict[str, object]:
    """What would be recorded from the document, as plain data (a dry run shows it)."""
    return {
        "source": document.source,
        "authority": document.authority,
        "kind": document.kind.value,
        "framework": document.framework,
        "inspection_start": _iso(document.inspection_start),
        "inspection_end": _iso(document.inspection_end),
        "published": _iso(document.published),
        "inspectors": list(document.inspectors),
        "judgement": document.judgement,
        "previous_areas_statement": document.previous_areas_statement,
        "findings": [
            {
                "kind": f.kind.value,
                "heading": f.heading,
                "topic": f.topic,
                "text": f.text,
                "timescale": f.timescale,
            }
            for f in document.findings
        ],
        "warnings": list(document.warnings),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
