"""dashboard indexes: an authority's counts, overdue list, chart and sign-offs from indexes

Revision ID: 0005
Revises: 0002, 0003, 0004
Create Date: 2026-11-27 11:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = ("0002", "0003", "0004")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RAG_COLUMNS = [
    "authority_id",
    "status",
    "due_date",
    "owner_id",
    "rag_override",
    "last_progress_at",
    "created_at",
]


def upgrade() -> None:
    with op.batch_alter_table("development_area", schema=None) as batch_op:
        # The RAG index starts with the same two columns, so it serves every query this did.
        batch_op.drop_index("ix_area_authority_status")
        batch_op.create_index("ix_area_authority_rag", RAG_COLUMNS, unique=False)
        batch_op.create_index("ix_area_authority_due", ["authority_id", "due_date"], unique=False)
        batch_op.create_index(
            "ix_area_authority_created", ["authority_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_area_authority_status_updated",
            ["authority_id", "status", "updated_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("development_area", schema=None) as batch_op:
        batch_op.drop_index("ix_area_authority_status_updated")
        batch_op.drop_index("ix_area_authority_created")
        batch_op.drop_index("ix_area_authority_due")
        batch_op.drop_index("ix_area_authority_rag")
        batch_op.create_index("ix_area_authority_status", ["authority_id", "status"], unique=False)
