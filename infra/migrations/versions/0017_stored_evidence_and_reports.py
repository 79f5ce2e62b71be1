"""evidence files, readiness reports and the session key are kept in the database

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 07:20:00.000000

Three tables, so that no web instance or worker keeps state on its own disk:
evidence_content (the bytes of each uploaded evidence file, beside its evidence row),
readiness_report (each authority's readiness report as a run rendered it, one per day) and
session_key (the one key every web instance signs session cookies with). Files recorded
before under var/evidence keep their path until `closeout evidence move-to-database` moves
them in; until then they are served from the folder.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import domain.models.types

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_content",
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"]),
        sa.PrimaryKeyConstraint("evidence_id"),
    )
    op.create_table(
        "readiness_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=False),
        sa.Column("run_date", sa.Date(), nullable=False),
        sa.Column("window_opens", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["authority_id"], ["authority.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_readiness_report_authority_id", "readiness_report", ["authority_id"])
    op.create_table(
        "session_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("created_at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("session_key")
    op.drop_table("readiness_report")
    op.drop_table("evidence_content")
