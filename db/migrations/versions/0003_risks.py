"""risk register: risks and per-project risk settings (severity thresholds, review interval)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 09:41:06.549125
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cockpit.db.types


revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('risk_settings',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('low_max', sa.Integer(), nullable=False),
    sa.Column('medium_max', sa.Integer(), nullable=False),
    sa.Column('high_max', sa.Integer(), nullable=False),
    sa.Column('review_days', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id'),
    sqlite_autoincrement=True
    )
    op.create_table('risk',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('probability', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('mitigation', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
    sa.Column('contingency', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
    sa.Column('residual_probability', sa.Integer(), nullable=True),
    sa.Column('residual_impact', sa.Integer(), nullable=True),
    sa.Column('next_review', sa.Date(), nullable=True),
    sa.Column('last_reviewed', sa.Date(), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('response', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created', cockpit.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated', cockpit.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_project_id'))

    op.drop_table('risk')
    op.drop_table('risk_settings')
