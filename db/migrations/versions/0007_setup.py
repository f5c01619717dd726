"""setup: people's team, availability and status; roles per project; stage categories

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The category of each standard stage name; any other stage gets one from its place in the workflow.
CATEGORY_OF_NAME = {
    "pending review": "backlog",
    "pending development": "in_progress",
    "pending test": "in_progress",
    "pending release": "awaiting_release",
    "released": "done",
    "retro done": "after_release",
}


def _category(name: str, index: int, count: int, done_index: int | None) -> str:
    known = CATEGORY_OF_NAME.get(name.strip().lower())
    if known:
        return known
    if index == 0 and count > 1:
        return "backlog"
    if done_index is not None:
        return "in_progress" if index < done_index else "after_release"
    return "done" if index == count - 1 else "in_progress"


def upgrade() -> None:
    # Plain ADD COLUMNs (a table copy would drop SQLite's AUTOINCREMENT and let ids be reused).
    op.add_column('person', sa.Column('team', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False,
                                      server_default=''))
    op.add_column('person', sa.Column('availability', sa.Integer(), nullable=False, server_default='100'))
    op.add_column('person', sa.Column('days_off', sa.JSON(), nullable=False, server_default='[]'))
    op.add_column('person', sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column('stage', sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                     server_default='in_progress'))
    conn = op.get_bind()
    stage = sa.table('stage', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer),
                     sa.column('name', sa.String), sa.column('position', sa.Integer),
                     sa.column('category', sa.String))
    rows = conn.execute(sa.select(stage.c.id, stage.c.project_id, stage.c.name)
                        .order_by(stage.c.project_id, stage.c.position, stage.c.id)).all()
    by_project: dict[int, list[tuple[int, str]]] = {}
    for stage_id, project_id, name in rows:
        by_project.setdefault(project_id, []).append((stage_id, name))
    for stages in by_project.values():
        names = [name.strip().lower() for _id, name in stages]
        done_index = names.index("released") if "released" in names else None
        for index, (stage_id, name) in enumerate(stages):
            conn.execute(stage.update().where(stage.c.id == stage_id)
                         .values(category=_category(name, index, len(stages), done_index)))

    # Roles are held per project: person_role gains project_id (the workspace's first project for the
    # roles held so far) and its unique key becomes (person, role, project).  The table is rebuilt by
    # hand, keeping AUTOINCREMENT and every id.
    op.create_table('person_role_new',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('role_id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['role.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'role_id', 'project_id'),
        sqlite_autoincrement=True,
    )
    first_project = conn.execute(sa.text("SELECT min(id) FROM project")).scalar()
    if first_project is not None:
        conn.execute(sa.text("INSERT INTO person_role_new (version, id, person_id, role_id, project_id) "
                             "SELECT version, id, person_id, role_id, :project FROM person_role"),
                     {"project": first_project})
    op.drop_table('person_role')
    op.rename_table('person_role_new', 'person_role')


def downgrade() -> None:
    op.create_table('person_role_old',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('role_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['role.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'role_id'),
        sqlite_autoincrement=True,
    )
    op.execute("INSERT INTO person_role_old (version, id, person_id, role_id) SELECT min(version), min(id), "
               "person_id, role_id FROM person_role GROUP BY person_id, role_id")
    op.drop_table('person_role')
    op.rename_table('person_role_old', 'person_role')
    op.drop_column('stage', 'category')
    for column in ('active', 'days_off', 'availability', 'team'):
        op.drop_column('person', column)
