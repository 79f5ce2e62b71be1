"""Authorities and the people who lead, manage, direct, inspect or administer their work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type
from domain.vocabulary import Role


class AuthorityBase(SQLModel):
    name: str = Field(index=True, unique=True, max_length=200)


class Authority(AuthorityBase, table=True):
    """A local authority whose children's services are inspected."""

    id: int | None = Field(default=None, primary_key=True)
    # Per-authority overrides of the reminder policy (see domain.reminders.policy.Policy).
    policy: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class PersonBase(SQLModel):
    name: str = Field(max_length=200)
    email: str = Field(index=True, unique=True, max_length=320)
    role: Role = Field(default=Role.LEAD, sa_type=enum_type(Role))


class Person(PersonBase, table=True):
    """Someone who uses Closeout; the line manager is who hears about their escalations."""

    id: int | None = Field(default=None, primary_key=True)
    authority_id: int | None = Field(default=None, foreign_key="authority.id", index=True)
    manager_id: int | None = Field(default=None, foreign_key="person.id")
    # Extra Apprise targets (Teams, Slack, webhooks); they may hold secrets, so never log them.
    extra_addresses: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = Field(default=True)
    password_hash: str | None = Field(default=None, max_length=255)
    # Moved on when the person signs out: sessions signed in before then stop working.
    session_generation: int = Field(default=0)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class PersonUpdate(SQLModel):
    """What an administrator may change about a person; fields left unset stay as they are."""

    role: Role | None = None
    # A line manager's email; set to None (or empty) to leave the person without one.
    manager_email: str | None = Field(default=None, max_length=320)
    active: bool | None = None
