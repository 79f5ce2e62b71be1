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


def document_data(document: ParsedDocument) -> dict[str, object]:
    """The reading as plain data that `document_from_data` turns back into the document."""
    return {**preview(document), "fingerprint": document.fingerprint}


def document_from_data(data: dict[str, object]) -> ParsedDocument:
    """The document `document_data` wrote; the data is Closeout's own, so it is trusted."""
    findings = data["findings"]
    assert isinstance(findings, list)
    return ParsedDocument(
        source=str(data["source"]),
        fingerprint=str(data["fingerprint"]),
        authority=_text(data["authority"]),
        kind=InspectionKind(str(data["kind"])),
        framework=_text(data["framework"]),
        inspection_start=_day(data["inspection_start"]),
        inspection_end=_day(data["inspection_end"]),
        published=_day(data["published"]),
        inspectors=[str(name) for name in data["inspectors"]],  # type: ignore[attr-defined]
        judgement=_text(data["judgement"]),
        previous_areas_statement=_text(data["previous_areas_statement"]),
        findings=[
            FindingInput(
                kind=FindingKind(item["kind"]),
                heading=item["heading"],
                text=item["text"],
                timescale=item.get("timescale"),
                topic=item.get("topic"),
            )
            for item in findings
        ],
        warnings=[str(w) for w in data["warnings"]],  # type: ignore[attr-defined]
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))
