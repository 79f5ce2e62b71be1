"""daily check batches: what each batch of authorities planned and claimed in its own run,
so the run that split the day can report the whole of it

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import domain.models.types

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daily_check_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("parent_run_id", sa.String(length=64), nullable=False),
        sa.Column("run_date", sa.Date(), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("started_at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", domain.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("succeeded", sa.Boolean(), nullable=True),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.Column("claimed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id"),
    )
    op.create_index(
        "ix_daily_check_batch_parent_run_id", "daily_check_batch", ["parent_run_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_daily_check_batch_parent_run_id", table_name="daily_check_batch")
    op.drop_table("daily_check_batch")
