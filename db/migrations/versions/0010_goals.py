"""goals: objectives (on a campaign or a project), key results, metric check-ins; cards and risks
name the KR they serve

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | Sequence[str] | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables that gain ``kr_id``: the key result a card or a risk serves.
LINKED = ('item', 'risk')


def _add_kr_reference(table: str) -> None:
    """A nullable ``kr_id``.  SQLite adds it in place with its REFERENCES clause (Alembic would ask
    for a table copy, which drops AUTOINCREMENT).  No ON DELETE (SQLite does not reflect it on an added
    column): the store clears the links of a KR it deletes, in the change log, so undo restores them."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN kr_id INTEGER REFERENCES key_result (id)')
    else:
        op.add_column(table, sa.Column('kr_id', sa.Integer(), sa.ForeignKey('key_result.id'), nullable=True))


def upgrade() -> None:
    op.create_table('objective',
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('interpretation', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column('strategy', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('period_start', sa.Date(), nullable=True),
        sa.Column('period_end', sa.Date(), nullable=True),
        sa.Column('confidential', sa.Boolean(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=True),
        sa.Column('project_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_objective_campaign_id'), 'objective', ['campaign_id'], unique=False)
    op.create_index(op.f('ix_objective_project_id'), 'objective', ['project_id'], unique=False)
    op.create_table('key_result',
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('module', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('metric', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('baseline', sa.Float(), nullable=False),
        sa.Column('target', sa.Float(), nullable=False),
        sa.Column('monthly_targets', sa.JSON(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('objective_id', sa.Integer(), nullable=False),
        sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_key_result_objective_id'), 'key_result', ['objective_id'], unique=False)
    op.create_table('checkin',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kr_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['kr_id'], ['key_result.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kr_id', 'day'),
        sqlite_autoincrement=True,
    )
    for table in LINKED:
        _add_kr_reference(table)


def downgrade() -> None:
    for table in LINKED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('kr_id')
    op.drop_table('checkin')
    op.drop_index(op.f('ix_key_result_objective_id'), table_name='key_result')
    op.drop_table('key_result')
    op.drop_index(op.f('ix_objective_project_id'), table_name='objective')
    op.drop_index(op.f('ix_objective_campaign_id'), table_name='objective')
    op.drop_table('objective')
