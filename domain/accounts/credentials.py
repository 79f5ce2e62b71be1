"""Ways in: bearer and calendar tokens, inspectors' access windows, failed sign-ins."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type


class TokenPurpose(StrEnum):
    """What a token opens: the REST API, or one person's calendar feed of due dates."""

    API = "api"
    CALENDAR = "calendar"


class AccessToken(SQLModel, table=True):
    """A secret handed to a person once; only its SHA-256 digest is kept."""

    __tablename__ = "access_token"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    purpose: TokenPurpose = Field(sa_type=enum_type(TokenPurpose))
    digest: str = Field(unique=True, max_length=64)
    # The first characters of the token, so people can tell their tokens apart.
    prefix: str = Field(max_length=12)
    label: str = Field(default="", max_length=200)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    last_used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class InspectorAccess(SQLModel, table=True):
    """An inspector's read-only access to one authority between two dates, inclusive."""

    __tablename__ = "inspector_access"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    authority_id: int = Field(foreign_key="authority.id", index=True)
    starts_on: date
    ends_on: date
    granted_by_id: int | None = Field(default=None, foreign_key="person.id")
    granted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class LoginFailure(SQLModel, table=True):
    """One wrong password: the email tried and the client network it came from; the recent
    ones, counted per email and per network, decide whether sign-in waits.

    A successful sign-in forgets the email of its own failures (sets it to NULL) but keeps
    them counting against their network.
    """

    __tablename__ = "login_failure"
    __table_args__ = (
        Index("ix_login_failure_email_at", "email", "at"),
        Index("ix_login_failure_client_at", "client", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str | None = Field(default=None, max_length=320)  # lower case, as typed
    client: str | None = Field(default=None, max_length=100)  # an IPv4 address or IPv6 /64
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
