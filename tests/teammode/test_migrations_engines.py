"""Migrations run the same Alembic revisions on both engines, all in one transaction."""

import shutil

import pytest
from sqlalchemy import inspect

from cockpit.db.engine import make_engine, to_url
from cockpit.db.migrate import MIGRATIONS, MigrationFailed, current, heads, upgrade

BROKEN = '''
"""a revision that fails half-way"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    raise RuntimeError("disk on fire")


def downgrade() -> None:
    pass
'''


def table_names(engine) -> set[str]:  # noqa: ANN001
    with engine.connect() as conn:
        return set(inspect(conn).get_table_names())


@pytest.fixture
def broken_scripts(tmp_path):
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    down = heads()
    (scripts / "versions" / "9999_broken.py").write_text(BROKEN.format(down=down if len(down) > 1 else down[0]))
    return scripts


def test_a_failing_revision_leaves_a_new_database_empty(db_url, broken_scripts):
    engine = make_engine(to_url(db_url))
    try:
        with pytest.raises(MigrationFailed, match="disk on fire.*left as it was"):
            upgrade(engine, script_location=broken_scripts)
        assert table_names(engine) == set()  # not even alembic_version: all or nothing
        assert upgrade(engine).after == heads()
    finally:
        engine.dispose()


def test_a_failing_revision_leaves_a_workspace_at_its_revision(db_url, broken_scripts):
    engine = make_engine(to_url(db_url))
    try:
        upgrade(engine)
        before = table_names(engine)
        with pytest.raises(MigrationFailed):
            upgrade(engine, script_location=broken_scripts)
        assert current(engine) == heads() and table_names(engine) == before
    finally:
        engine.dispose()


NOOP = BROKEN.replace('revision = "9999"', 'revision = "9998"').replace(
    '    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))\n'
    '    op.execute("INSERT INTO half_done (id) VALUES (1)")\n'
    '    raise RuntimeError("disk on fire")\n', '    op.create_table("later_feature", sa.Column("id", sa.Integer(), primary_key=True))\n')


@pytest.fixture
def newer_scripts(tmp_path):
    scripts = tmp_path / "newer"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    down = heads()
    (scripts / "versions" / "9998_later.py").write_text(NOOP.format(down=down if len(down) > 1 else down[0]))
    return scripts


@pytest.mark.sqlite_only("the automatic VACUUM INTO backup before an upgrade is made of SQLite files; "
                         "on PostgreSQL the README asks for pg_dump")
def test_upgrading_a_file_keeps_a_private_backup_at_the_old_revision(db_url, newer_scripts):
    import sqlite3

    from cockpit.db.engine import sqlite_path

    engine = make_engine(to_url(db_url))
    try:
        upgrade(engine)
        result = upgrade(engine, script_location=newer_scripts)
        assert result.after == ("9998",) and "later_feature" in table_names(engine)
        assert result.backup is not None and result.backup.parent == sqlite_path(db_url).parent
        assert result.backup.stat().st_mode & 0o777 == 0o600
        with sqlite3.connect(result.backup) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [heads()]
    finally:
        engine.dispose()


def test_a_later_revision_applies_on_every_engine(db_url, newer_scripts):
    engine = make_engine(to_url(db_url))
    try:
        upgrade(engine)
        result = upgrade(engine, script_location=newer_scripts)
        assert result.before == heads() and result.after == ("9998",)
        assert "later_feature" in table_names(engine)
    finally:
        engine.dispose()
