"""uploaded documents held, as read, until a person checks and records them

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.columns import UTCDateTime

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_import",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_pending_import_fingerprint", "pending_import", ["fingerprint"])


def downgrade() -> None:
    op.drop_index("ix_pending_import_fingerprint", table_name="pending_import")
    op.drop_table("pending_import")
