"""replies to digests: the digests a reply token names, every reply kept, each area used

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 07:20:00.000000

Three tables: reply_digest (a digest sent with a reply token: to whom, when, its areas in
the order it numbers them), inbound_reply (every message that reached the reply address,
accepted or not, with what was recorded or why nothing was; never the token itself) and
reply_token_use (the areas each token recorded progress on, once each).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import domain.models.types

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reply_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("area_ids", sa.Text(), nullable=False),
        sa.Column("created_at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("basis"),
    )
    op.create_index("ix_reply_digest_person_id", "reply_digest", ["person_id"])
    op.create_table(
        "inbound_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_key", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("received_at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum("recorded", "refused", name="replyoutcome", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("answer_to", sa.String(length=320), nullable=True),
        sa.Column("answered_at", domain.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["digest_id"], ["reply_digest.id"]),
        sa.ForeignKeyConstraint(["sender_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_key"),
    )
    op.create_index("ix_inbound_reply_received_at", "inbound_reply", ["received_at"])
    op.create_index("ix_inbound_reply_digest_id", "inbound_reply", ["digest_id"])
    op.create_table(
        "reply_token_use",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["development_area.id"]),
        sa.ForeignKeyConstraint(["digest_id"], ["reply_digest.id"]),
        sa.ForeignKeyConstraint(["reply_id"], ["inbound_reply.id"]),
        sa.ForeignKeyConstraint(["update_id"], ["progress_update.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest_id", "area_id", name="uq_reply_token_area"),
        sa.UniqueConstraint("update_id"),
    )
    op.create_index("ix_reply_token_use_area_id", "reply_token_use", ["area_id"])
    op.create_index("ix_reply_token_use_reply_id", "reply_token_use", ["reply_id"])


def downgrade() -> None:
    op.drop_table("reply_token_use")
    op.drop_table("inbound_reply")
    op.drop_table("reply_digest")
