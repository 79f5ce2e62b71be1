"""Inspections and the findings their letters and reports record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type
from domain.vocabulary import FindingKind, InspectionKind


class InspectionBase(SQLModel):
    kind: InspectionKind = Field(sa_type=enum_type(InspectionKind))
    start_date: date
    end_date: date
    published: date | None = None
    inspectors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    judgement: str | None = Field(default=None, max_length=500)
    framework: str | None = Field(default=None, max_length=500)


class Inspection(InspectionBase, table=True):
    """One inspection or visit of an authority, as its letter or report records it."""

    id: int | None = Field(default=None, primary_key=True)
    authority_id: int = Field(foreign_key="authority.id", index=True)
    source_name: str | None = Field(default=None, max_length=500)
    source_fingerprint: str | None = Field(default=None, unique=True, max_length=64)
    previous_areas_statement: str | None = Field(default=None, sa_column=Column(Text))
    next_window_start: date | None = None
    next_window_end: date | None = None
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class FindingBase(SQLModel):
    kind: FindingKind = Field(sa_type=enum_type(FindingKind))
    heading: str = Field(max_length=500)
    text: str = Field(sa_column=Column(Text, nullable=False))
    timescale: str | None = Field(default=None, max_length=200)
    topic: str | None = Field(default=None, max_length=300)  # the sub-heading within its list


class Finding(FindingBase, table=True):
    """Anything the letter says: a strength, a requirement met, an area for development."""

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    position: int = 0


class PendingImport(SQLModel, table=True):
    """An uploaded document as it was read, held until a person checks and records it.

    Nothing about the inspection is recorded until then; whether it has been recorded is told
    by its fingerprint, which the recorded inspection keeps.
    """

    __tablename__ = "pending_import"
    # Ids are never used again (SQLite would reuse a forgotten upload's), so an old link
    # cannot open a newer upload.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    source_name: str = Field(max_length=500)
    fingerprint: str = Field(max_length=64, index=True)
    # The reading, as `documents.document_data` writes it.
    document: dict[str, object] = Field(sa_column=Column(JSON, nullable=False))
    uploaded_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
