"""change window: an index of the iteration a card's change row put it in, so the retro metrics read
only the rows of the iteration's cards (the minutes read their meeting's rows through
ix_change_meeting_id, which exists since 0001)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 16:00:00

``ix_change_item_iteration`` is an expression index (partial: card rows only), written per engine
because the JSON operators differ; it lives in the migration alone, as SQLAlchemy cannot reflect
expression indexes on SQLite (so the models do not declare it; see ``Change`` in db/models.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0012'
down_revision: str | Sequence[str] | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The expression the store's ``iteration_changes`` query names, per engine (they must match).
EXPRESSION = {
    'sqlite': "json_extract(\"after\", '$.iteration_id')",
    'postgresql': "(\"after\" ->> 'iteration_id')",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    expression = EXPRESSION.get(dialect, EXPRESSION['postgresql'])
    op.execute(f"CREATE INDEX ix_change_item_iteration ON change ({expression}) WHERE entity = 'item'")


def downgrade() -> None:
    op.execute('DROP INDEX ix_change_item_iteration')
