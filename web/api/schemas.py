"""What the API reads and writes: request bodies are checked here, responses documented."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_type_hints

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from domain.areas.views import AreaView
from domain.free_text import LINK_LIMIT, NOTE_LIMIT, REASON_LIMIT
from domain.reminders.policy import SETTINGS, Policy
from domain.vocabulary import Role, Status

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


def text(limit: int) -> Any:
    """A text field of at most `limit` characters."""
    return Annotated[str, Field(max_length=limit), AfterValidator(_no_nul)]


class Problem(BaseModel):
    """Every error: a stable code for scripts and a one-line message for people."""

    code: str = Field(examples=["stale_version"])
    message: str


def _area_fields() -> dict[str, Any]:
    hints = get_type_hints(AreaView)
    return {f.name: (hints[f.name], ...) for f in fields(AreaView) if f.name != "extra"}


# The fields of the read model itself, so the API and `area list --format json` cannot drift.
Area = create_model(
    "Area",
    __config__=ConfigDict(extra="allow"),
    __doc__="A development area as seen on a given day (as `area list --format json`).",
    **_area_fields(),
)


class Finding(BaseModel):
    kind: str
    heading: str
    text: str
    timescale: str | None
    topic: str | None = None  # the sub-heading it was printed under within its list


class AreaDetail(Area):
    """One area with the finding it came from and its history, oldest first."""

    finding: Finding
    history: list[dict[str, Any]]


class UpdateIn(BaseModel):
    """A progress update: at least one of note, status, rag or evidence."""

    model_config = ConfigDict(extra="forbid")

    note: text(NOTE_LIMIT) | None = None  # type: ignore[valid-type]
    status: Status | None = None
    rag: Literal["red", "amber", "green", "auto"] | None = Field(
        default=None, description="'auto' clears a person's rating and uses the rules' own"
    )
    rag_reason: text(REASON_LIMIT) | None = None  # type: ignore[valid-type]
    evidence: list[text(LINK_LIMIT)] = Field(default_factory=list, max_length=20)  # type: ignore[valid-type]
    version: Id | None = Field(
        default=None, description="the version you read; a newer one makes this a 409"
    )


class UpdateOut(BaseModel):
    id: int
    area_id: int
    kind: str
    created_at: datetime
    note: str
    status_from: str | None
    status_to: str | None
    rag: str | None
    rag_reason: str | None = None  # why `rag` differs from the rules' own rating
    area_version: int


class DueDateRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: date
    reason: text(NOTE_LIMIT)  # type: ignore[valid-type]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approve: bool
    note: text(REASON_LIMIT) | None = Field(  # type: ignore[valid-type]
        default=None, description="why; needed to reject, and the person who asked reads it"
    )


class SignOffIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: text(NOTE_LIMIT) | None = None  # type: ignore[valid-type]


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    owner: text(320)  # type: ignore[valid-type]
    due: date | None = None


class DueDateChangeOut(BaseModel):
    id: int
    area_id: int
    from_date: date | None
    to_date: date
    reason: str
    state: str
    requested_at: datetime
    decided_at: datetime | None
    decision_note: str | None


class Me(BaseModel):
    id: int
    name: str
    email: str
    role: str
    authority_id: int | None


class PersonIn(BaseModel):
    """A new person; leads, managers and directors work for an authority."""

    model_config = ConfigDict(extra="forbid")

    name: text(200)  # type: ignore[valid-type]
    email: text(320)  # type: ignore[valid-type]
    role: Role
    authority: text(200) | None = Field(  # type: ignore[valid-type]
        default=None, description="the authority's name or id"
    )
    manager_email: text(320) | None = Field(  # type: ignore[valid-type]
        default=None, description="their line manager, in the same authority"
    )


class PersonChangeIn(BaseModel):
    """Fields left out stay as they are; `manager_email: null` removes the line manager."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    manager_email: text(320) | None = None  # type: ignore[valid-type]
    active: bool | None = Field(default=None, description="false: no sign-in, tokens or reminders")


class PersonOut(BaseModel):
    id: int
    name: str
    email: str
    role: Role
    authority_id: int | None
    manager_id: int | None
    active: bool


def _policy_fields(*, optional: bool) -> dict[str, Any]:
    hints = get_type_hints(Policy)
    return {
        s.name: (
            hints[s.name] | None if optional else hints[s.name],
            Field(default=None if optional else ..., description=s.label),
        )
        for s in SETTINGS
    }


# The fields of the policy itself, so the API and `authority policy` cannot drift.
PolicyOut = create_model(
    "Policy",
    __doc__="An authority's reminder policy in force: its own settings, defaults for the rest.",
    **_policy_fields(optional=False),
)
PolicyChangeIn = create_model(
    "PolicyChange",
    __config__=ConfigDict(extra="forbid"),
    __doc__="Settings to change; those left out stay as they are, and null restores a default.",
    **_policy_fields(optional=True),
)
