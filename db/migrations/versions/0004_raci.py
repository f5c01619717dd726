"""RACI: activities of the delivery process and their role letters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:41:43.133791
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op



revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('raci_activity',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('criteria', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('deliverable', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('gate', sa.Boolean(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('stage_id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('raci_activity', schema=None) as batch_op:
        batch_op.create_index('ix_raci_activity_position', ['position'], unique=False)

    op.create_table('raci_assignment',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('letter', sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['raci_activity.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['role.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('activity_id', 'role_id'),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('raci_assignment')
    with op.batch_alter_table('raci_activity', schema=None) as batch_op:
        batch_op.drop_index('ix_raci_activity_position')

    op.drop_table('raci_activity')
