"""Replies to digests: each digest a token was issued for, every reply kept, each area used."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.columns import UTCDateTime, enum_type


class ReplyOutcome(StrEnum):
    RECORDED = "recorded"  # something was recorded (some lines may have been refused)
    REFUSED = "refused"  # nothing was recorded; `reason` says why


class ReplyDigest(SQLModel, table=True):
    """A digest sent with a reply token: to whom, on which day, and its areas in the order
    the digest numbers them, so "2: ..." in a reply names the second.

    `basis` names the ledger rows the digest carried, so the same digest sent again (a retry
    on another channel) carries the same token.
    """

    __tablename__ = "reply_digest"

    id: int | None = Field(default=None, primary_key=True)
    basis: str = Field(max_length=64, unique=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    issued_on: date
    area_ids: str = Field(sa_column=Column(Text, nullable=False))  # "12,7,31" in digest order
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))

    @property
    def areas(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.area_ids.split(",") if part)


class InboundReply(SQLModel, table=True):
    """One email that reached Closeout's reply address, accepted or not, as it was read.

    `message_key` names the message however often it arrives (its Message-ID, else its
    bytes), so the IMAP flow and the API record a message once. The token itself is never
    kept, only the digest it named (`digest_id`). `summary` holds the lines of the answer
    (what was recorded, or why nothing was); `answered_at` is set once that answer went, so
    a message handled again after a failed answer is answered then.
    """

    __tablename__ = "inbound_reply"

    id: int | None = Field(default=None, primary_key=True)
    message_key: str = Field(max_length=64, unique=True)
    message_id: str | None = Field(default=None, max_length=998)
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    sender: str = Field(max_length=320)
    sender_id: int | None = Field(default=None, foreign_key="person.id")
    digest_id: int | None = Field(default=None, foreign_key="reply_digest.id", index=True)
    subject: str = Field(default="", max_length=300)
    outcome: ReplyOutcome = Field(sa_type=enum_type(ReplyOutcome))
    reason: str | None = Field(default=None, max_length=1000)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))  # the new text read
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    answer_to: str | None = Field(default=None, max_length=320)  # None: not answered
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class ReplyTokenUse(SQLModel, table=True):
    """An area a reply token recorded progress on: a token is used once per area."""

    __tablename__ = "reply_token_use"
    __table_args__ = (UniqueConstraint("digest_id", "area_id", name="uq_reply_token_area"),)

    id: int | None = Field(default=None, primary_key=True)
    digest_id: int = Field(foreign_key="reply_digest.id")
    area_id: int = Field(foreign_key="development_area.id", index=True)
    reply_id: int = Field(foreign_key="inbound_reply.id", index=True)
    update_id: int = Field(foreign_key="progress_update.id", unique=True)
