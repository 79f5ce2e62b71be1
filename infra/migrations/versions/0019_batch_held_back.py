"""daily check batches count the reminders each let go to wait for a weekly reader's day, so
the run that split the day reports them

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 16:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("daily_check_batch") as batch_op:
        batch_op.add_column(
            sa.Column("held_back", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("daily_check_batch") as batch_op:
        batch_op.drop_column("held_back")
