"""bugs: a card's severity, found-in-production flag (an incident) and resolution

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | Sequence[str] | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs (a table copy would drop SQLite's AUTOINCREMENT and let ids be reused).
    op.add_column('item', sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
    op.add_column('item', sa.Column('in_production', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('item', sa.Column('resolution', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False,
                                    server_default='valid'))


def downgrade() -> None:
    with op.batch_alter_table('item') as batch:
        batch.drop_column('resolution')
        batch.drop_column('in_production')
        batch.drop_column('severity')
