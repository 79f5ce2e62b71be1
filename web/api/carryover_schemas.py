"""What the carry-over API reads and writes: request bodies checked, responses documented."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from web.api.schemas import Id, text


class LinkIn(BaseModel):
    """A suggested link to confirm or reject: the new area and the earlier one."""

    model_config = ConfigDict(extra="forbid")

    area_id: Id
    earlier_area_id: Id
    note: text(2000) | None = None  # type: ignore[valid-type]


class DecideIn(BaseModel):
    """An earlier open area the new letter does not repeat: addressed, or carried as is."""

    model_config = ConfigDict(extra="forbid")

    earlier_area_id: Id
    outcome: Literal["addressed", "carry"]
    note: text(10_000) | None = Field(  # type: ignore[valid-type]
        default=None,
        description="for 'addressed', the statement (default: the new letter's own)",
    )
    inspection_id: Id | None = Field(
        default=None, description="the new inspection (default: the authority's latest)"
    )


class SuggestionOut(BaseModel):
    """A suggested link, as `carryover suggest --format json` gives it."""

    area_id: int
    earlier_area_id: int
    score: float
    matched_words: list[str] = Field(
        description=(
            "the words, terms and themes both texts hold, then pairs of related words, one "
            "from each text, written 'oversight ~ supervision'"
        )
    )
    title: str
    earlier_title: str
    earlier_inspection_id: int
    carry_count: int
    repeat: bool


class UnrepeatedOut(BaseModel):
    """An earlier area still open that no new area is suggested to repeat."""

    earlier_area_id: int
    title: str
    inspection_id: int
    carry_count: int
    repeat: bool
    status: str
    due_date: str | None
    owner: str | None


class CarryOverOut(BaseModel):
    """An inspection's carry-over: the letter's statement, suggestions, what awaits a
    decision and the decisions made (as `carryover` commands read them)."""

    inspection_id: int
    statement: str | None
    suggestions: list[SuggestionOut]
    unrepeated: list[UnrepeatedOut]
    decisions: list[dict[str, Any]]


class DecisionOut(BaseModel):
    """What was decided, and where it left the areas concerned."""

    id: int
    outcome: str
    inspection_id: int
    earlier_area_id: int
    area_id: int | None = Field(description="the new area linked, rejected or made as a copy")
    note: str | None
    decided_at: datetime
    decided_by: str | None
    earlier_status: str
    closed_by: str | None = Field(description="how the earlier area was closed, if it was")
    carried_to: int | None = Field(description="the later area the earlier one continues as")
    carry_count: int | None = Field(description="the new area's carry count, if there is one")
