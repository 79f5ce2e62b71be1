"""login failures record the client network in a column of its own

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 14:30:00.000000

Counts per client network were kept as rows whose email read 'CLIENT <network>'. Each
failure is now one row with the email tried and the network it came from; the old network
rows move to the new column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFIX = "CLIENT "


def upgrade() -> None:
    with op.batch_alter_table("login_failure") as batch_op:
        batch_op.add_column(sa.Column("client", sa.String(length=100), nullable=True))
        batch_op.alter_column("email", existing_type=sa.String(length=320), nullable=True)
        batch_op.create_index("ix_login_failure_client_at", ["client", "at"])
    op.execute(
        sa.text(
            "UPDATE login_failure SET client = substr(email, :start), email = NULL "
            "WHERE substr(email, 1, :length) = :prefix"
        ).bindparams(start=len(PREFIX) + 1, length=len(PREFIX), prefix=PREFIX)
    )


def downgrade() -> None:
    op.execute(
        sa.text(
            "INSERT INTO login_failure (email, at) SELECT :prefix || client, at "
            "FROM login_failure WHERE client IS NOT NULL"
        ).bindparams(prefix=PREFIX)
    )
    op.execute(sa.text("DELETE FROM login_failure WHERE email IS NULL"))
    with op.batch_alter_table("login_failure") as batch_op:
        batch_op.drop_index("ix_login_failure_client_at")
        batch_op.alter_column("email", existing_type=sa.String(length=320), nullable=False)
        batch_op.drop_column("client")
