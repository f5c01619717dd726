"""check-in values: an index on (kr_id, day, value) that holds everything the OKR board reads of a
check-in, so its read of 30 days for every KR is answered from the index alone (no table row looked
up per check-in)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 19:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0014'
down_revision: str | Sequence[str] | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_checkin_kr_day_value', 'checkin', ['kr_id', 'day', 'value'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_checkin_kr_day_value', table_name='checkin')
