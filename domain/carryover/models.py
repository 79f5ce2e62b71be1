"""Carry-over decisions: which suggested links people confirmed or rejected, and why."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type


class CarryOverOutcome(StrEnum):
    """What was decided about an earlier development area at the next inspection.

    `confirmed` and `rejected` judge a suggested link to a new area; `addressed` closes the
    earlier area on the statement given; `carried_as_is` copies it onto the new inspection.
    """

    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    ADDRESSED = "addressed"
    CARRIED_AS_IS = "carried_as_is"

    @property
    def settles_earlier_area(self) -> bool:
        """Whether the decision closes the earlier area (a rejection leaves it open)."""
        return self != CarryOverOutcome.REJECTED


class CarryOverDecision(SQLModel, table=True):
    """One person's decision on an earlier area, with the new area it concerns if any.

    Rows are only ever added: a decision is never edited or withdrawn, so the pair it judges
    is never suggested again.
    """

    __tablename__ = "carry_over_decision"
    __table_args__ = (
        UniqueConstraint("earlier_area_id", "area_id", name="uq_carry_over_pair"),
        Index("ix_carry_over_authority", "authority_id", "decided_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    authority_id: int = Field(foreign_key="authority.id")
    earlier_area_id: int = Field(foreign_key="development_area.id", index=True)
    # The new area: the one linked or rejected, or the copy made by carrying as is;
    # None when the earlier area was closed as addressed.
    area_id: int | None = Field(default=None, foreign_key="development_area.id", index=True)
    inspection_id: int = Field(foreign_key="inspection.id")
    outcome: CarryOverOutcome = Field(sa_type=enum_type(CarryOverOutcome))
    score: float | None = None
    matched_words: str | None = Field(default=None, max_length=1000)
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
