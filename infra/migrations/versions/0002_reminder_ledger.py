"""reminder ledger and working-day calendar

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import domain.models.types

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REASONS = (
    'overdue', 'due_today', 'due_soon', 'stale', 'at_risk', 'escalate_manager',
    'escalate_director', 'readiness',
)
STATES = ('pending', 'sent', 'failed', 'cancelled')


def upgrade() -> None:
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Enum(*REASONS, name='reminderreason', native_enum=False, length=32), nullable=False),
    sa.Column('window_key', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('due_date_version', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('state', sa.Enum(*STATES, name='reminderstate', native_enum=False, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('created_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', domain.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('claim_token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('sent_at', domain.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['recipient_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('area_id', 'reason', 'window_key', 'recipient_id', 'due_date_version', name='uq_reminder_key')
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index('ix_reminder_run', ['run_id'], unique=False)
        batch_op.create_index(
            'ix_reminder_pending_claim',
            ['claim_token'],
            unique=False,
            sqlite_where=sa.text("state = 'pending'"),
            postgresql_where=sa.text("state = 'pending'"),
        )
        batch_op.create_index(
            'uq_reminder_authority_key',
            ['authority_id', 'reason', 'window_key', 'recipient_id', 'due_date_version'],
            unique=True,
            sqlite_where=sa.text('area_id IS NULL'),
            postgresql_where=sa.text('area_id IS NULL'),
        )

    op.create_table('working_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('is_working', sa.Boolean(), nullable=False),
    sa.Column('starts_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    with op.batch_alter_table('working_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_day_starts_at'), ['starts_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('working_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_day_starts_at'))

    op.drop_table('working_day')
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_index('uq_reminder_authority_key')
        batch_op.drop_index('ix_reminder_pending_claim')
        batch_op.drop_index('ix_reminder_run')

    op.drop_table('reminder')
