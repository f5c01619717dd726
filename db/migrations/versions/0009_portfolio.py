"""portfolio: campaigns; projects under a campaign with PM, PMO, closed; iterations closed;
RACI activities, meetings and calendar events belong to a project

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from cockpit.db.types import UTCDateTime

revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables that gain the project they belong to (the workspace's one project, for the rows so far).
PER_PROJECT = ('raci_activity', 'meeting', 'calendar_event')


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable column referring to ``target``'s id.  SQLite adds it with its REFERENCES clause in
    place (Alembic would ask for a table copy, which drops AUTOINCREMENT).  No ON DELETE: projects and
    people are closed or deactivated, not deleted, and SQLite does not reflect it on such a column."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)')
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), sa.ForeignKey(f'{target}.id'), nullable=True))


def upgrade() -> None:
    op.create_table('campaign',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column('parent_id', sa.Integer(), nullable=True),
        sa.Column('lead_id', sa.Integer(), nullable=True),
        sa.Column('pmo_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created', UTCDateTime(timezone=True), nullable=False),
        sa.Column('closed', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['lead_id'], ['person.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['parent_id'], ['campaign.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['pmo_id'], ['person.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sqlite_autoincrement=True,
    )
    # Plain ADD COLUMNs (a table copy would drop SQLite's AUTOINCREMENT and let ids be reused).
    _add_reference('project', 'campaign_id', 'campaign')
    _add_reference('project', 'pm_id', 'person')
    _add_reference('project', 'pmo_id', 'person')
    op.add_column('project', sa.Column('closed', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('project', sa.Column('opened', UTCDateTime(timezone=True), nullable=True))
    op.create_index(op.f('ix_project_campaign_id'), 'project', ['campaign_id'], unique=False)
    op.add_column('iteration', sa.Column('closed', sa.Boolean(), nullable=False, server_default=sa.false()))
    for table in PER_PROJECT:
        _add_reference(table, 'project_id', 'project')
        op.create_index(op.f(f'ix_{table}_project_id'), table, ['project_id'], unique=False)

    # A workspace of the previous revision held one project: it becomes the one project of one campaign.
    conn = op.get_bind()
    projects = conn.execute(sa.text("SELECT id, name, created FROM project ORDER BY id")).all()
    if projects:
        first, name, created = projects[0]
        conn.execute(sa.text("INSERT INTO campaign (name, description, version, created, closed) "
                             "VALUES (:name, '', 1, :created, :closed)"),
                     {"name": name, "created": created, "closed": False})
        campaign = conn.execute(sa.text("SELECT max(id) FROM campaign")).scalar()
        conn.execute(sa.text("UPDATE project SET campaign_id = :campaign"), {"campaign": campaign})
        for table in PER_PROJECT:
            conn.execute(sa.text(f"UPDATE {table} SET project_id = :project"), {"project": first})


def downgrade() -> None:
    for table in PER_PROJECT:
        op.drop_index(op.f(f'ix_{table}_project_id'), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('project_id')
    op.drop_column('iteration', 'closed')
    op.drop_index(op.f('ix_project_campaign_id'), table_name='project')
    with op.batch_alter_table('project') as batch:
        for column in ('opened', 'closed', 'pmo_id', 'pm_id', 'campaign_id'):
            batch.drop_column(column)
    op.drop_table('campaign')
