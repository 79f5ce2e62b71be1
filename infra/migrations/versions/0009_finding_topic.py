"""findings keep the topic sub-heading they were printed under

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 15:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("finding") as batch_op:
        batch_op.add_column(sa.Column("topic", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("finding") as batch_op:
        batch_op.drop_column("topic")
