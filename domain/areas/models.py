"""Development areas, the tracked items, and their append-only history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Integer, Text
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type
from domain.vocabulary import ChangeState, Priority, Rag, Status, UpdateKind

# The version column doubles as SQLAlchemy's optimistic lock: a flush that finds another
# writer got there first raises instead of silently overwriting their change.
_version = Column("version", Integer, nullable=False, default=1)


class DevelopmentArea(SQLModel, table=True):
    """A finding tracked to closure: lead, due dates, status, RAG and a version."""

    __tablename__ = "development_area"
    __table_args__ = (
        Index("ix_area_status_due", "status", "due_date"),
        Index("ix_area_owner_status", "owner_id", "status"),
        # An authority's dashboard reads only indexes: counts by status and RAG (this one
        # holds every column the rating needs; the chart by due month and the lists' counts
        # read it too), overdue work in due order, sign-off and closures by when they last
        # changed. (ix_area_authority_created served an earlier chart by when areas were
        # recorded.)
        Index(
            "ix_area_authority_rag",
            "authority_id",
            "status",
            "due_date",
            "owner_id",
            "rag_override",
            "last_progress_at",
            "created_at",
        ),
        Index("ix_area_authority_due", "authority_id", "due_date"),
        Index("ix_area_authority_created", "authority_id", "created_at"),
        Index("ix_area_authority_status_updated", "authority_id", "status", "updated_at"),
    )
    __mapper_args__ = {"version_id_col": _version}

    id: int | None = Field(default=None, primary_key=True)
    finding_id: int = Field(foreign_key="finding.id", index=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    authority_id: int = Field(foreign_key="authority.id")
    title: str = Field(max_length=200)
    text: str = Field(sa_column=Column(Text, nullable=False))
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    original_due_date: date | None = None
    due_date: date | None = None
    priority: Priority = Field(default=Priority.NORMAL, sa_type=enum_type(Priority))
    status: Status = Field(default=Status.OPEN, sa_type=enum_type(Status))
    rag_override: Rag | None = Field(default=None, sa_type=enum_type(Rag))
    rag_override_reason: str | None = Field(default=None, max_length=1000)
    carried_from_id: int | None = Field(default=None, foreign_key="development_area.id")
    carry_count: int = 0
    last_progress_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    version: int = Field(default=1, sa_column=_version)


class ProgressUpdate(SQLModel, table=True):
    """One entry in an area's history; rows are only ever added, never changed."""

    __tablename__ = "progress_update"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="development_area.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="person.id")
    kind: UpdateKind = Field(default=UpdateKind.PROGRESS, sa_type=enum_type(UpdateKind))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    status_from: Status | None = Field(default=None, sa_type=enum_type(Status))
    status_to: Status | None = Field(default=None, sa_type=enum_type(Status))
    rag: Rag | None = Field(default=None, sa_type=enum_type(Rag))
    # Why a person set `rag` against the rules' own rating: its own words, never the note.
    rag_reason: str | None = Field(default=None, max_length=1000)


class DueDateChange(SQLModel, table=True):
    """A revised due date: asked for, approved (then in force) or rejected; never edited."""

    __tablename__ = "due_date_change"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="development_area.id", index=True)
    from_date: date | None = None
    to_date: date
    reason: str = Field(sa_column=Column(Text, nullable=False))
    requested_by_id: int | None = Field(default=None, foreign_key="person.id")
    requested_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    state: ChangeState = Field(
        default=ChangeState.PENDING, index=True, sa_type=enum_type(ChangeState)
    )
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    decision_note: str | None = Field(default=None, max_length=1000)


class Evidence(SQLModel, table=True):
    """A link or stored file that shows progress on an area."""

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="development_area.id", index=True)
    update_id: int | None = Field(default=None, foreign_key="progress_update.id")
    added_by_id: int | None = Field(default=None, foreign_key="person.id")
    added_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    url: str | None = Field(default=None, max_length=2000)
    file_path: str | None = Field(default=None, max_length=500)
    file_name: str | None = Field(default=None, max_length=255)
    content_type: str | None = Field(default=None, max_length=100)
    size_bytes: int | None = None
