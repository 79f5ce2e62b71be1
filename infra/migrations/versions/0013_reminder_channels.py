"""each reminder records the channels that accepted it, so a retry sends only the others;
run records tell a replay of a day still to come from a real run

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminder") as batch_op:
        batch_op.add_column(
            sa.Column("delivered_on", sa.String(length=500), nullable=False, server_default="")
        )
    with op.batch_alter_table("run_record") as batch_op:
        batch_op.add_column(
            sa.Column("replay", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("run_record") as batch_op:
        batch_op.drop_column("replay")
    with op.batch_alter_table("reminder") as batch_op:
        batch_op.drop_column("delivered_on")
