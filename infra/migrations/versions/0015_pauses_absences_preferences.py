"""areas whose chase is paused, people away with who acts for them (and the reminders that
went to that delegate), and each person's reminder channels and rhythm

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.columns import UTCDateTime

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def stored_enum(name: str, *values: str) -> sa.Enum:
    """An enum kept by its value in a plain VARCHAR, as domain.columns.enum_type stores it."""
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table("reminder") as batch_op:
        batch_op.add_column(sa.Column("delegate_id", sa.Integer(), nullable=True))
    op.create_table(
        "area_pause",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("area_id", sa.Integer(), sa.ForeignKey("development_area.id"), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("planned_until", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column(
            "set_by_role",
            stored_enum("role", "lead", "manager", "director", "inspector", "admin"),
            nullable=False,
        ),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("ended_by_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_area_pause_area_id", "area_pause", ["area_id"])
    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("planned_ends_on", sa.Date(), nullable=False),
        sa.Column("delegate_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("set_by_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("ended_by_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_absence_person_id", "absence", ["person_id"])
    op.create_table(
        "reminder_preference",
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), primary_key=True),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("rhythm", stored_enum("rhythm", "daily", "weekly"), nullable=False),
        sa.Column("weekly_day", sa.Integer(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminder_preference")
    op.drop_index("ix_absence_person_id", table_name="absence")
    op.drop_table("absence")
    op.drop_index("ix_area_pause_area_id", table_name="area_pause")
    op.drop_table("area_pause")
    with op.batch_alter_table("reminder") as batch_op:
        batch_op.drop_column("delegate_id")
