"""carry-over decisions

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-27 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import domain.models.types

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('carry_over_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('earlier_area_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('confirmed', 'rejected', 'addressed', 'carried_as_is', name='carryoveroutcome', native_enum=False, length=32), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('matched_words', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['decided_by_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['earlier_area_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('earlier_area_id', 'area_id', name='uq_carry_over_pair')
    )
    with op.batch_alter_table('carry_over_decision', schema=None) as batch_op:
        batch_op.create_index('ix_carry_over_authority', ['authority_id', 'decided_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_carry_over_decision_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_carry_over_decision_earlier_area_id'), ['earlier_area_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('carry_over_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_carry_over_decision_earlier_area_id'))
        batch_op.drop_index(batch_op.f('ix_carry_over_decision_area_id'))
        batch_op.drop_index('ix_carry_over_authority')

    op.drop_table('carry_over_decision')
