"""Reading page forms into service arguments, and domain errors back onto form fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from starlette.datastructures import FormData, UploadFile

from domain.dates import written_date
from domain.errors import (
    DomainError,
    InvalidChoice,
    InvalidEvidenceFile,
    InvalidInput,
    InvalidTransition,
    MissingReason,
    StaleVersion,
)
from domain.vocabulary import Rag, Status, parse_choice


def text(form: FormData, name: str, limit: int = 10_000) -> str:
    """A short field (a choice, an id, an email), trimmed and cut to `limit` characters. Free
    text that people write is read with `whole`, never cut."""
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def whole(form: FormData, name: str) -> str:
    """A free-text field (a note, a reason), trimmed but never cut: the use case refuses text
    longer than its limit (domain/free_text.py), and the form shows it again to shorten."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def upload(form: FormData, name: str) -> UploadFile | None:
    """The file chosen in a file field, if any."""
    value = form.get(name)
    return value if isinstance(value, UploadFile) and value.filename else None


def date_parts(form: FormData, name: str) -> dict[str, str]:
    return {part: text(form, f"{name}-{part}", 4) for part in ("day", "month", "year")}


def date_from_parts(parts: dict[str, str], what: str) -> date | None:
    """The date typed into a GOV.UK date input; None when all three boxes are empty."""
    if not any(parts.values()):
        return None
    try:
        return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        raise InvalidInput(
            f"{what} must be a real date, for example 27 3 2026 (day, month, year)"
        ) from None


@dataclass(frozen=True)
class DateQuery:
    """A GOV.UK date input sent with a GET request: what was typed, the date, any error."""

    name: str
    parts: dict[str, str]
    value: date | None
    errors: dict[str, str]

    @classmethod
    def read(cls, params: Mapping[str, str], name: str, what: str) -> DateQuery:
        parts = {p: params.get(f"{name}-{p}", "").strip()[:4] for p in ("day", "month", "year")}
        try:
            return cls(name, parts, date_from_parts(parts, what), {})
        except InvalidInput as error:
            message = error.message[:1].upper() + error.message[1:]
            return cls(name, parts, None, {f"{name}-day": message})

    @property
    def shown(self) -> dict[str, str]:
        """The boxes to fill in again: what was typed if it was a date or an error."""
        return self.parts if self.value or self.errors else {}

    @property
    def query(self) -> str:
        """The date as query parameters for links that keep it; empty without a date."""
        if self.value is None:
            return ""
        return "&".join(f"{self.name}-{k}={v}" for k, v in self.parts.items() if v)


@dataclass(frozen=True)
class ProgressFields:
    """What a person typed into the progress form, kept to show again after an error."""

    note: str = ""
    status: str = ""
    rag: str = "keep"
    rag_reason: str = ""
    evidence_url: str = ""
    version: str = ""

    @classmethod
    def read(cls, form: FormData) -> ProgressFields:
        return cls(
            note=whole(form, "note"),
            status=text(form, "status", 32),
            rag=text(form, "rag", 16) or "keep",
            rag_reason=whole(form, "rag_reason"),
            evidence_url=whole(form, "evidence_url"),
            version=text(form, "version", 12),
        )

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for progress.record_progress, or InvalidInput naming the field."""
        return {
            "note": self.note or None,
            "status": parse_choice(Status, self.status, "status") if self.status else None,
            "rag": parse_choice(Rag, self.rag, "RAG") if self.rag not in ("keep", "auto") else None,
            "rag_reason": self.rag_reason or None,
            "clear_rag": self.rag == "auto",
            "evidence": [self.evidence_url] if self.evidence_url else [],
            "expected_version": int(self.version) if self.version.isdigit() else None,
        }

    def values(self) -> dict[str, str]:
        return asdict(self)


# Which field of the progress form a domain error belongs to ("" = the summary only).
PROGRESS_FIELDS: tuple[tuple[type[DomainError], str], ...] = (
    (StaleVersion, ""),
    (MissingReason, "rag_reason"),
    (InvalidTransition, "status"),
    (InvalidEvidenceFile, "evidence_file"),
)
DUE_DATE_FIELDS: tuple[tuple[type[DomainError], str], ...] = ((MissingReason, "reason"),)


@dataclass(frozen=True)
class Shown:
    """What a form page shows: each field's error, the values typed, and the status to send.
    The default is a form shown for the first time."""

    errors: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    status: int = 200


def field_error(
    error: DomainError, fields: tuple[tuple[type[DomainError], str], ...], default: str
) -> dict[str, str]:
    """{field id: message} for the error summary and the field it belongs to: the one the
    error names, else the first in `fields` of the error's kind, else `default`."""
    target = error.field or next((n for kind, n in fields if isinstance(error, kind)), default)
    if isinstance(error, InvalidChoice) and not error.field:
        target = "rag" if error.message.startswith("RAG") else error.message.split()[0]
    if (
        isinstance(error, InvalidInput)
        and error.message.startswith("evidence ")
        and target == default
    ):
        target = "evidence_url"
    return {target: error.message[:1].upper() + error.message[1:]}


PLAUSIBLE_YEARS = 10


def check_plausible_date(value: date, today: date, what: str) -> date:
    """Refuse a date more than ten years from today: a typing slip, and costly to reason about."""
    if abs(value.year - today.year) > PLAUSIBLE_YEARS:
        raise InvalidInput(
            f"{what} {written_date(value)} is more than {PLAUSIBLE_YEARS} years from today; "
            "check the year"
        )
    return value
