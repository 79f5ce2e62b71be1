"""ledger tuned for planning a day's reminders in bulk

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 14:00:00.000000

The daily check inserts a day's new reminders in one statement. Two costs per row go:
- the foreign keys, which PostgreSQL checks row by row with a trigger (it tripled the cost of
  planning); the rows the ledger refers to are never deleted (areas close, people become
  inactive), so nothing is lost;
- the index on every row's run, replaced by two partial ones holding only the rows a run is
  read back by (delivered, or with an error); rows being planned are in neither.
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
RUN_INDEXES = {
    "ix_reminder_run_sent": "state = 'sent'",
    "ix_reminder_run_errors": "last_error IS NOT NULL",
}


def upgrade() -> None:
    if _is_sqlite():
        _drop_indexes("ix_reminder_run")
        with op.batch_alter_table(
            "reminder", recreate="always", naming_convention=NAMING
        ) as batch_op:
            for column, _ in REFERENCES:
                batch_op.drop_constraint(f"fk_reminder_{column}", type_="foreignkey")
        _create_indexes(run_indexes=RUN_INDEXES)
        return
    for key in sa.inspect(op.get_bind()).get_foreign_keys("reminder"):
        op.drop_constraint(key["name"], "reminder", type_="foreignkey")
    op.drop_index("ix_reminder_run", table_name="reminder")
    for name, condition in RUN_INDEXES.items():
        op.create_index(name, "reminder", ["run_id"], postgresql_where=sa.text(condition))


def downgrade() -> None:
    if _is_sqlite():
        _drop_indexes(*RUN_INDEXES)
        with op.batch_alter_table("reminder", recreate="always") as batch_op:
            for column, table in REFERENCES:
                batch_op.create_foreign_key(f"fk_reminder_{column}", table, [column], ["id"])
        _create_indexes(run_indexes={"ix_reminder_run": None})
        return
    for name in RUN_INDEXES:
        op.drop_index(name, table_name="reminder")
    op.create_index("ix_reminder_run", "reminder", ["run_id"])
    for column, table in REFERENCES:
        op.create_foreign_key(f"reminder_{column}_fkey", "reminder", table, [column], ["id"])


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _drop_indexes(*run_indexes: str) -> None:
    # Recreating the table in batch mode would lose the partial indexes' conditions.
    for name in (*run_indexes, "ix_reminder_pending_claim", "uq_reminder_authority_key"):
        op.drop_index(name, table_name="reminder")


def _create_indexes(*, run_indexes: dict[str, str | None]) -> None:
    for name, condition in run_indexes.items():
        where = sa.text(condition) if condition else None
        op.create_index(name, "reminder", ["run_id"], sqlite_where=where)
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
