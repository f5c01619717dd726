"""calendar: iteration templates (with the default one), key dates of iterations, calendar events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:41:31.668223
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op



revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A copy (migrations never import the live code): db/repos/calendar.py DEFAULT_NODES at this revision.
DEFAULT_TEMPLATE = "Default iteration"
DEFAULT_NODES = [
    ("Requirement focus meeting", 0, "meeting"),
    ("Requirement review", 2, "review"),
    ("Design review", 5, "review"),
    ("Technical review and scheduling", 7, "review"),
    ("Iteration end", 25, "milestone"),
    ("Release", 27, "release"),
]


def upgrade() -> None:
    op.create_table('iteration_template',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('length_days', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sqlite_autoincrement=True
    )
    op.create_table('template_node',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('offset_days', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['template_id'], ['iteration_template.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('template_node', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_node_template_id'), ['template_id'], unique=False)

    op.create_table('calendar_event',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('start_day', sa.Date(), nullable=False),
    sa.Column('end_day', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('rrule', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('iteration_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('original_day', sa.Date(), nullable=True),
    sa.Column('exdates', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['iteration_id'], ['iteration.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['series_id'], ['calendar_event.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('calendar_event', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_event_days', ['start_day', 'end_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_event_series_id'), ['series_id'], unique=False)

    op.create_table('key_date',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('iteration_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('template_node_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['iteration_id'], ['iteration.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['template_node_id'], ['template_node.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('key_date', schema=None) as batch_op:
        batch_op.create_index('ix_key_date_day', ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_date_iteration_id'), ['iteration_id'], unique=False)


    # Every workspace starts with the default iteration template (design.md §2), editable.
    template = sa.table("iteration_template", sa.column("id", sa.Integer), sa.column("version", sa.Integer),
                        sa.column("name", sa.String), sa.column("length_days", sa.Integer))
    node = sa.table("template_node", sa.column("version", sa.Integer), sa.column("template_id", sa.Integer),
                    sa.column("name", sa.String), sa.column("offset_days", sa.Integer),
                    sa.column("kind", sa.String), sa.column("position", sa.Integer))
    op.bulk_insert(template, [{"version": 1, "name": DEFAULT_TEMPLATE, "length_days": 28}])
    template_id = op.get_bind().execute(
        sa.select(template.c.id).where(template.c.name == DEFAULT_TEMPLATE)).scalar_one()
    op.bulk_insert(node, [
        {"version": 1, "template_id": template_id, "name": name, "offset_days": offset, "kind": kind, "position": position}
        for position, (name, offset, kind) in enumerate(DEFAULT_NODES)
    ])


def downgrade() -> None:
    with op.batch_alter_table('key_date', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_date_iteration_id'))
        batch_op.drop_index('ix_key_date_day')

    op.drop_table('key_date')
    with op.batch_alter_table('calendar_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_event_series_id'))
        batch_op.drop_index('ix_calendar_event_days')

    op.drop_table('calendar_event')
    with op.batch_alter_table('template_node', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_node_template_id'))

    op.drop_table('template_node')
    op.drop_table('iteration_template')
