"""A person's corrections to a document's reading, checked before anything is recorded.

A correction replaces what was read: the authority, the dates, and the whole list of
findings in order. Changing a finding's kind or text, splitting or merging items and leaving
a decoy out are all edits of that list, so one shape serves the web form and the API alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from domain.errors import InvalidChoice, InvalidDate, InvalidInput
from domain.free_text import NOTE_LIMIT, refuse_controls
from domain.inspections.documents import FindingInput, ParsedDocument
from domain.vocabulary import FindingKind

MAX_FINDINGS = 200
MAX_TEXT = NOTE_LIMIT
MAX_TIMESCALE = 200
MAX_HEADING = 500
MAX_TOPIC = 300
_KNOWN = ("authority", "inspection_start", "inspection_end", "findings")


@dataclass(frozen=True)
class Corrections:
    """What to record instead of what was read; None leaves the reading as it is."""

    authority: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    findings: list[FindingInput] | None = None


def corrected(document: ParsedDocument, corrections: Corrections) -> ParsedDocument:
    """The document with the corrections applied."""
    return replace(
        document,
        authority=corrections.authority or document.authority,
        inspection_start=corrections.inspection_start or document.inspection_start,
        inspection_end=corrections.inspection_end or document.inspection_end,
        findings=(
            document.findings if corrections.findings is None else list(corrections.findings)
        ),
    )


def corrections_from_data(data: object) -> Corrections:
    """Corrections given as JSON; one line naming the first value that is not valid."""
    if data is None:
        return Corrections()
    if not isinstance(data, Mapping):
        raise InvalidInput("corrections must be a JSON object with " + ", ".join(_KNOWN))
    unknown = sorted(set(data) - set(_KNOWN))
    if unknown:
        raise InvalidInput(
            f"corrections: {unknown[0]!r} is not known; give only " + ", ".join(_KNOWN)
        )
    findings = data.get("findings")
    if findings is not None and not isinstance(findings, list):
        raise InvalidInput("corrections: findings must be a list of findings, in order")
    return Corrections(
        authority=_name(data.get("authority")),
        inspection_start=_day(data.get("inspection_start"), "inspection_start"),
        inspection_end=_day(data.get("inspection_end"), "inspection_end"),
        findings=None if findings is None else checked_findings(findings),
    )


def checked_findings(items: list[object]) -> list[FindingInput]:
    """The findings given, each with a known kind, a heading and some text."""
    if len(items) > MAX_FINDINGS:
        raise InvalidInput(f"{len(items)} findings is more than {MAX_FINDINGS}; split the letter")
    return [_finding(item, number) for number, item in enumerate(items, start=1)]


def _finding(item: object, number: int) -> FindingInput:
    where = f"finding {number}"
    if not isinstance(item, Mapping):
        raise InvalidInput(f"{where} must be an object with kind, heading and text")
    kind = str(item.get("kind") or "")
    if kind not in {k.value for k in FindingKind}:
        raise InvalidChoice(f"{where}: kind", kind, [k.value for k in FindingKind])
    for label in ("text", "heading", "topic", "timescale"):
        refuse_controls(str(item.get(label) or ""), f"{where}: its {label}", field=label)
    text = " ".join(str(item.get("text") or "").split())
    if not text:
        raise InvalidInput(f"{where} has no text; give its text or leave it out", field="text")
    heading = " ".join(str(item.get("heading") or "").split()) or FindingKind(kind).value
    for label, value, longest in (
        ("text", text, MAX_TEXT),
        ("heading", heading, MAX_HEADING),
        ("topic", str(item.get("topic") or ""), MAX_TOPIC),
        ("timescale", " ".join(str(item.get("timescale") or "").split()), MAX_TIMESCALE),
    ):
        if len(value) > longest:
            raise InvalidInput(f"{where}: its {label} is longer than {longest} characters")
    return FindingInput(
        kind=FindingKind(kind),
        heading=heading,
        text=text,
        timescale=_optional(item.get("timescale"), MAX_TIMESCALE),
        topic=_optional(item.get("topic"), MAX_TOPIC),
    )


def _optional(value: object, longest: int) -> str | None:
    cleaned = " ".join(str(value or "").split())
    return cleaned[:longest] or None


def _name(value: object) -> str | None:
    if value is None:
        return None
    name = " ".join(refuse_controls(str(value), "corrections: authority").split())
    if not name or len(name) > 200:
        raise InvalidInput("corrections: authority must be a name of 1 to 200 characters")
    return name


def _day(value: object, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidDate(
            f"corrections: {field} {value!r} is not a date; give YYYY-MM-DD", field=field
        ) from None
