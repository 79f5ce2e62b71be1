"""The one entry: bytes or text in, a ParsedDocument out, whatever family the document is."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from domain.inspections.documents import ParsedDocument
from domain.vocabulary import InspectionKind
from importers.authority import find_authority
from importers.cleaning import clean_lines
from importers.errors import CorruptDocument, NotAnInspectionDocument
from importers.families import rules_for
from importers.findings import NOT_INSPECTION_WARNING, read_findings
from importers.inspectors import find_inspectors
from importers.lines import Line, lines_from_pdf, lines_from_text
from importers.pdf_text import extract_pdf_lines, is_pdf
from importers.statements import find_judgement, find_previous_areas_statement
from importers.timing import find_inspection_dates, find_published
from importers.titles import find_title

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WEB_PAGE = re.compile(r"(?i)^\s*(?:<!doctype html|<html)")
_MAX_CONTROL_SHARE = 0.01


def read_document(path: str | os.PathLike[str]) -> ParsedDocument:
    """Read a PDF or a text file (told apart by content) and parse it."""
    source = os.fspath(path)
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise CorruptDocument(source, f"cannot be read ({error.strerror or error})") from None
    return read_bytes(data, source=source)


def read_bytes(data: bytes, *, source: str) -> ParsedDocument:
    """Parse a document given as its bytes (an upload, say); `source` names it in messages."""
    fingerprint = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        lines = lines_from_pdf(extract_pdf_lines(data, source))
    else:
        text = _decode(data, source)
        if _WEB_PAGE.match(text):
            # A saved web page, such as the "report not found" page a broken download leaves.
            raise NotAnInspectionDocument(
                source,
                f"{NOT_INSPECTION_WARNING}: a web page (HTML), not a report or letter; "
                "expected the report's PDF",
            )
        lines = lines_from_text(text)
    return _parse(lines, source, fingerprint)


def parse_text(text: str, *, source: str = "<text>", fingerprint: str = "") -> ParsedDocument:
    """Parse a document already extracted to text; form feeds, if any, separate pages."""
    return _parse(lines_from_text(text), source, fingerprint)


def _decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorruptDocument(source, "neither a PDF nor UTF-8 text") from None
    if len(_CONTROL.findall(text)) > max(1, len(text) * _MAX_CONTROL_SHARE):
        raise CorruptDocument(source, "binary content: neither a PDF nor plain text")
    # The few stray control characters left would be refused in corrections and print as
    # terminal escapes: a reading holds none.
    return _CONTROL.sub("", text)


def _parse(raw_lines: Sequence[Line], source: str, fingerprint: str) -> ParsedDocument:
    lines = clean_lines(raw_lines)
    title = find_title(lines)
    kind = title.kind if title else InspectionKind.OTHER
    rules = rules_for(kind)
    findings, warnings = read_findings(lines, rules)
    start, end = find_inspection_dates(lines, title)
    if title is None and not findings and start is None:
        raise NotAnInspectionDocument(
            source,
            f"{NOT_INSPECTION_WARNING}: no inspection title, dates or findings found; "
            "expected an Ofsted report or letter",
        )
    authority = find_authority(lines, title)
    if title is None and not any(finding.kind.is_tracked for finding in findings):
        warnings = [NOT_INSPECTION_WARNING]  # no list is expected of what is not a report
    warnings += _missing(title=title is not None, dates=start is not None, authority=authority)
    return ParsedDocument(
        source=source,
        fingerprint=fingerprint,
        authority=authority,
        kind=kind,
        framework=rules.framework_from_title(title.text) if title else None,
        inspection_start=start,
        inspection_end=end,
        published=find_published(lines, title),
        inspectors=find_inspectors(lines),
        judgement=find_judgement(lines, title),
        previous_areas_statement=find_previous_areas_statement(lines),
        findings=findings,
        warnings=warnings,
    )


def _missing(*, title: bool, dates: bool, authority: str | None) -> list[str]:
    found = {
        "no inspection title found; kind set to other": title,
        "no inspection dates found": dates,
        "no authority name found": authority is not None,
    }
    return [warning for warning, present in found.items() if not present]
