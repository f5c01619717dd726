"""history: each change row names the project of the row written; an index for the History screen's
"changes by one person", newest first

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | Sequence[str] | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('change', sa.Column('project_id', sa.Integer(), nullable=True))
    # The rows so far: the project the written row named (cards, stages, iterations, meetings...).
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("UPDATE change SET project_id = CAST(json_extract(coalesce(\"after\", \"before\"), '$.project_id') "
                   "AS INTEGER)")
    else:
        op.execute("UPDATE change SET project_id = (coalesce(\"after\", \"before\")::json ->> 'project_id')::integer")
    op.create_index('ix_change_actor', 'change', ['actor', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_change_actor', table_name='change')
    op.drop_column('change', 'project_id')
