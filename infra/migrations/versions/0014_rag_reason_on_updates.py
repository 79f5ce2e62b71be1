"""each progress update keeps the reason for a RAG rating set against the rules' own, so
the history and the inspector's view show that reason, never the update's note

Revision ID: 0014
Revises: 0013
Create Date: 2027-01-11 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# An area's override in force was set by its latest update with a rating (a later "use the
# rules' rating" would have cleared it), so that update is given the area's recorded reason.
BACKFILL = """
UPDATE progress_update
SET rag_reason = (
    SELECT development_area.rag_override_reason FROM development_area
    WHERE development_area.id = progress_update.area_id
)
WHERE progress_update.id IN (
    SELECT max(latest.id) FROM progress_update AS latest
    JOIN development_area AS area ON area.id = latest.area_id
    WHERE latest.rag IS NOT NULL AND area.rag_override IS NOT NULL
    GROUP BY latest.area_id
)
"""


def upgrade() -> None:
    with op.batch_alter_table("progress_update") as batch_op:
        batch_op.add_column(sa.Column("rag_reason", sa.String(length=1000), nullable=True))
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table("progress_update") as batch_op:
        batch_op.drop_column("rag_reason")
