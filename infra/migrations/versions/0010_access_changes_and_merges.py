"""changes to inspectors' access, authorities' names and merges are recorded

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 10:00:00.000000

Three append-only tables: inspector_access_change (each grant, shortening and ending),
authority_name_change and authority_merge. Grants already recorded get their "granted" row,
and an "ended" row (by no one recorded) when they were revoked, so each history starts
there. Grants are now listed per authority, so inspector_access.authority_id is indexed.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import domain.models.types

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("granted", "shortened", "ended", "replaced")


def upgrade() -> None:
    op.create_table(
        "inspector_access_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column(
            "what",
            sa.Enum(*KINDS, name="accesschangekind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("old_ends_on", sa.Date(), nullable=True),
        sa.Column("new_ends_on", sa.Date(), nullable=True),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["grant_id"], ["inspector_access.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_inspector_access_change_grant_id", "inspector_access_change", ["grant_id"])
    op.create_table(
        "authority_name_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=False),
        sa.Column("old_name", sa.String(length=200), nullable=False),
        sa.Column("new_name", sa.String(length=200), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["authority_id"], ["authority.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_authority_name_change_authority_id", "authority_name_change", ["authority_id"]
    )
    op.create_table(
        "authority_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("kept_name", sa.String(length=200), nullable=False),
        sa.Column("absorbed_id", sa.Integer(), nullable=False),
        sa.Column("absorbed_name", sa.String(length=200), nullable=False),
        sa.Column("absorbed_policy", sa.JSON(), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", domain.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_authority_merge_kept_id", "authority_merge", ["kept_id"])
    with op.batch_alter_table("inspector_access") as batch_op:
        batch_op.create_index("ix_inspector_access_authority_id", ["authority_id"])
    op.execute(
        "INSERT INTO inspector_access_change (grant_id, what, new_ends_on, by_id, at) "
        "SELECT id, 'granted', ends_on, granted_by_id, granted_at FROM inspector_access"
    )
    op.execute(
        "INSERT INTO inspector_access_change (grant_id, what, old_ends_on, at) "
        "SELECT id, 'ended', ends_on, revoked_at FROM inspector_access "
        "WHERE revoked_at IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("inspector_access") as batch_op:
        batch_op.drop_index("ix_inspector_access_authority_id")
    op.drop_index("ix_authority_merge_kept_id", table_name="authority_merge")
    op.drop_table("authority_merge")
    op.drop_index("ix_authority_name_change_authority_id", table_name="authority_name_change")
    op.drop_table("authority_name_change")
    op.drop_index("ix_inspector_access_change_grant_id", table_name="inspector_access_change")
    op.drop_table("inspector_access_change")
