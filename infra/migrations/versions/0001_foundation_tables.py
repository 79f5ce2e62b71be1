"""foundation tables

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 10:17:23.053553
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import domain.models.types

revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('authority',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy', sa.JSON(), nullable=False),
    sa.Column('created_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('authority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authority_name'), ['name'], unique=True)

    op.create_table('inspection',
    sa.Column('kind', sa.Enum('ucra-letter', 'lac-inspection', 'sif-inspection', 'ilacs-inspection', 'focused-visit', 'monitoring-visit', 'jtai', 'area-send-inspection', 'other', name='inspectionkind', native_enum=False, length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('inspectors', sa.JSON(), nullable=False),
    sa.Column('judgement', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('framework', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('source_name', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('source_fingerprint', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('previous_areas_statement', sa.Text(), nullable=True),
    sa.Column('next_window_start', sa.Date(), nullable=True),
    sa.Column('next_window_end', sa.Date(), nullable=True),
    sa.Column('created_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_fingerprint')
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_authority_id'), ['authority_id'], unique=False)

    op.create_table('person',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('role', sa.Enum('lead', 'manager', 'director', 'inspector', 'admin', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.Column('manager_id', sa.Integer(), nullable=True),
    sa.Column('extra_addresses', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('created_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['manager_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_email'), ['email'], unique=True)

    op.create_table('finding',
    sa.Column('kind', sa.Enum('strength', 'requirement_met', 'area_for_development', 'priority_action', name='findingkind', native_enum=False, length=32), nullable=False),
    sa.Column('heading', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('timescale', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('development_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('original_due_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('priority', sa.Enum('normal', 'high', name='priority', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('open', 'in_progress', 'blocked', 'completed', 'closed', name='status', native_enum=False, length=32), nullable=False),
    sa.Column('rag_override', sa.Enum('red', 'amber', 'green', name='rag', native_enum=False, length=32), nullable=True),
    sa.Column('rag_override_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('carry_count', sa.Integer(), nullable=False),
    sa.Column('last_progress_at', domain.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['carried_from_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('development_area', schema=None) as batch_op:
        batch_op.create_index('ix_area_authority_status', ['authority_id', 'status'], unique=False)
        batch_op.create_index('ix_area_owner_status', ['owner_id', 'status'], unique=False)
        batch_op.create_index('ix_area_status_due', ['status', 'due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_area_finding_id'), ['finding_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_area_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('due_date_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('to_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.Enum('pending', 'approved', 'rejected', name='changestate', native_enum=False, length=32), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', domain.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['decided_by_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['requested_by_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('due_date_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_due_date_change_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_due_date_change_state'), ['state'], unique=False)

    op.create_table('progress_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('progress', 'assignment', 'sign_off', 'carry_over', 'system', name='updatekind', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status_from', sa.Enum('open', 'in_progress', 'blocked', 'completed', 'closed', name='status', native_enum=False, length=32), nullable=True),
    sa.Column('status_to', sa.Enum('open', 'in_progress', 'blocked', 'completed', 'closed', name='status', native_enum=False, length=32), nullable=True),
    sa.Column('rag', sa.Enum('red', 'amber', 'green', name='rag', native_enum=False, length=32), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_update_area_id'), ['area_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', domain.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('file_path', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('size_bytes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['area_id'], ['development_area.id'], ),
    sa.ForeignKeyConstraint(['update_id'], ['progress_update.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_area_id'), ['area_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_area_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_update_area_id'))

    op.drop_table('progress_update')
    with op.batch_alter_table('due_date_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_due_date_change_state'))
        batch_op.drop_index(batch_op.f('ix_due_date_change_area_id'))

    op.drop_table('due_date_change')
    with op.batch_alter_table('development_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_development_area_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_development_area_finding_id'))
        batch_op.drop_index('ix_area_status_due')
        batch_op.drop_index('ix_area_owner_status')
        batch_op.drop_index('ix_area_authority_status')

    op.drop_table('development_area')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_inspection_id'))

    op.drop_table('finding')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_email'))
        batch_op.drop_index(batch_op.f('ix_person_authority_id'))

    op.drop_table('person')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_authority_id'))

    op.drop_table('inspection')
    with op.batch_alter_table('authority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authority_name'))

    op.drop_table('authority')
