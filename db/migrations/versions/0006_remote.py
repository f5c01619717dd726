"""confidential items (masked in presentation mode)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 09:42:04.132597
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (not a batch table copy, which would drop SQLite's AUTOINCREMENT and so
    # let new cards reuse the ids the change log names).  Existing cards are not confidential.
    op.add_column('item', sa.Column('confidential', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('item', 'confidential')  # SQLite 3.35+ drops a column in place
