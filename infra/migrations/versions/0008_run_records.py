"""run records: each scheduled run as it began and ended

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import domain.models.types

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "run_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flow", sa.String(length=40), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("run_date", sa.Date(), nullable=False),
        sa.Column("started_at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", domain.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("succeeded", sa.Boolean(), nullable=True),
        sa.Column("summary", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id"),
    )
    op.create_index("ix_run_record_flow_date", "run_record", ["flow", "run_date"])


def downgrade() -> None:
    op.drop_index("ix_run_record_flow_date", table_name="run_record")
    op.drop_table("run_record")
