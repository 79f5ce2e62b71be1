"""ledger without foreign keys: PostgreSQL checked every key of every planned reminder

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 14:00:00.000000

The daily check inserts tens of thousands of ledger rows in one statement; PostgreSQL checks
each foreign key of each row with a trigger, which tripled the cost of planning. The rows the
ledger refers to are never deleted (areas close, people become inactive), so nothing is lost.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCES = (
    ("authority_id", "authority"),
    ("area_id", "development_area"),
    ("recipient_id", "person"),
)
# SQLite's foreign keys have no names; batch mode names them by this pattern to drop them.
NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s"}
KEY = ["authority_id", "reason", "window_key", "recipient_id", "due_date_version"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_indexes()
        with op.batch_alter_table(
            "reminder", recreate="always", naming_convention=NAMING
        ) as batch_op:
            for column, _ in REFERENCES:
                batch_op.drop_constraint(f"fk_reminder_{column}", type_="foreignkey")
        _create_indexes()
        return
    for key in sa.inspect(op.get_bind()).get_foreign_keys("reminder"):
        op.drop_constraint(key["name"], "reminder", type_="foreignkey")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_indexes()
        with op.batch_alter_table("reminder", recreate="always") as batch_op:
            for column, table in REFERENCES:
                batch_op.create_foreign_key(f"fk_reminder_{column}", table, [column], ["id"])
        _create_indexes()
        return
    for column, table in REFERENCES:
        op.create_foreign_key(f"reminder_{column}_fkey", "reminder", table, [column], ["id"])


def _drop_indexes() -> None:
    # Recreating the table in batch mode would lose the partial indexes' conditions.
    for name in ("ix_reminder_run", "ix_reminder_pending_claim", "uq_reminder_authority_key"):
        op.drop_index(name, table_name="reminder")


def _create_indexes() -> None:
    op.create_index("ix_reminder_run", "reminder", ["run_id"])
    op.create_index(
        "ix_reminder_pending_claim",
        "reminder",
        ["claim_token"],
        sqlite_where=sa.text("state = 'pending'"),
    )
    op.create_index(
        "uq_reminder_authority_key",
        "reminder",
        KEY,
        unique=True,
        sqlite_where=sa.text("area_id IS NULL"),
    )
