"""What administrators changed, kept for good: inspectors' access, authorities' names and
merges. Rows are only ever added, never changed or removed."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type


class AccessChangeKind(StrEnum):
    """What happened to an inspector's grant of access."""

    GRANTED = "granted"
    SHORTENED = "shortened"
    ENDED = "ended"
    # A newer grant for the same inspector and authority took its place.
    REPLACED = "replaced"


class InspectorAccessChange(SQLModel, table=True):
    """One change to one grant: who made it, when, and its last day before and after.

    `by_id` is None when Closeout itself (the administrator's command line) acted.
    """

    __tablename__ = "inspector_access_change"

    id: int | None = Field(default=None, primary_key=True)
    grant_id: int = Field(foreign_key="inspector_access.id", index=True)
    what: AccessChangeKind = Field(sa_type=enum_type(AccessChangeKind))
    old_ends_on: date | None = None
    new_ends_on: date | None = None
    by_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class AuthorityNameChange(SQLModel, table=True):
    """An authority renamed: its name before and after. A merge moves these rows with the
    rest of the absorbed authority's records."""

    __tablename__ = "authority_name_change"

    id: int | None = Field(default=None, primary_key=True)
    authority_id: int = Field(foreign_key="authority.id", index=True)
    old_name: str = Field(max_length=200)
    new_name: str = Field(max_length=200)
    by_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class AuthorityMerge(SQLModel, table=True):
    """Two authorities made one: the absorbed one's records moved to the kept one and its
    row deleted.

    The ids carry no foreign keys: the absorbed authority is gone, and the kept one may be
    absorbed in its turn. `moved` counts the rows moved, by table; `absorbed_policy` holds the
    absorbed authority's own reminder settings, which stop applying (the kept one's apply).
    """

    __tablename__ = "authority_merge"

    id: int | None = Field(default=None, primary_key=True)
    kept_id: int = Field(index=True)
    kept_name: str = Field(max_length=200)
    absorbed_id: int
    absorbed_name: str = Field(max_length=200)
    absorbed_policy: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    moved: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    by_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
