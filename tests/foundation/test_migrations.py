"""Migrations (acceptance point 5): an older workspace is backed up and upgraded with its data; a
revision that fails leaves the database exactly as it was and says so; the newest revision builds
exactly the tables the models describe."""

import re
import shutil
import sqlite3
import stat
import textwrap
from functools import partial
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from cockpit import cli, workspace
from cockpit.db.engine import make_engine
from cockpit.db.migrate import MIGRATIONS, MigrationFailed, current, heads, upgrade
from cockpit.db.schema import metadata
from cockpit.db.store import Store

GOOD_REVISION = '''
"""test only: a column with a back-filled value, and a new table"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("code", sa.String(20), nullable=True))
    op.execute("UPDATE project SET code = 'HOL'")
    op.create_table("sticker", sa.Column("id", sa.Integer, primary_key=True), sa.Column("text", sa.String(50)))
'''

FAILING_REVISION = '''
"""test only: creates a table, changes rows, then fails half-way"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE item SET title = 'overwritten'")
    with op.batch_alter_table("item") as batch:
        batch.add_column(sa.Column("doomed", sa.Integer, nullable=True))
    raise RuntimeError("the disk is full (simulated)")
'''


def migrations_with(tmp_path: Path, source: str) -> Path:
    """A copy of the real migrations with one test revision on top of the real head."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    [head] = heads()
    (folder / "versions" / "9001_test.py").write_text(textwrap.dedent(source.format(down=head)), encoding="utf-8")
    return folder


def dump(path: Path) -> list[str]:
    """The whole content of a database as SQL: schema, every row, the Alembic revision."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def old_workspace(tmp_path):
    """A workspace file at the real head (one revision behind the test head), with cards."""
    path = tmp_path / "work.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    store = Store(engine, actor="ann")
    store.workspace.setup_defaults("Holiday campaign")
    stage = store.workspace.stages()[0].id
    for title in ("Write PRD", "Pick vendor", "Book venue"):
        store.items.create(title=title, stage_id=stage, estimate=1.5)
    return path, engine, store


def test_upgrade_backs_up_then_keeps_the_data(tmp_path, old_workspace):
    path, engine, store = old_workspace
    before = current(engine)
    titles = [item.title for item in store.items.all()]
    changes = len(store.changes())
    folder = migrations_with(tmp_path, GOOD_REVISION)

    result = upgrade(engine, script_location=folder)

    assert result.before == before and result.after == ("9001",) == current(engine)
    assert [item.title for item in store.items.all()] == titles
    assert len(store.changes()) == changes
    with engine.connect() as conn:
        assert conn.execute(text("SELECT code FROM project")).scalar_one() == "HOL"
    backup = result.backup
    assert backup is not None and backup.parent == path.parent
    assert re.fullmatch(rf"work\.backup-\d{{8}}T\d{{12}}Z-{before[0]}\.db", backup.name), backup.name
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(before[0],)]
        assert sorted(row[0] for row in conn.execute("SELECT title FROM item")) == sorted(titles)
        assert "code" not in [row[1] for row in conn.execute("PRAGMA table_info(project)")]
    finally:
        conn.close()
    # At head there is nothing to do: no second backup.
    assert upgrade(engine, script_location=folder).backup is None
    engine.dispose()


def test_a_failing_revision_leaves_the_database_as_it_was(tmp_path, old_workspace):
    path, engine, store = old_workspace
    before = dump(path)
    folder = migrations_with(tmp_path, FAILING_REVISION)

    with pytest.raises(MigrationFailed) as error:
        upgrade(engine, script_location=folder)

    message = str(error.value)
    assert "disk is full" in message and "left as it was" in message and "backup" in message
    assert "\n" not in message
    engine.dispose()
    assert dump(path) == before  # same tables, same rows, same alembic_version
    assert "half_done" not in "\n".join(dump(path))
    # The workspace still works afterwards.
    again = Store(make_engine(f"sqlite:///{path}"))
    assert [item.title for item in again.items.all()] == ["Write PRD", "Pick vendor", "Book venue"]
    again.engine.dispose()


def test_opening_an_old_workspace_upgrades_it_and_reports_the_backup(tmp_path, old_workspace, monkeypatch):
    path, engine, _store = old_workspace
    engine.dispose()
    monkeypatch.setattr(workspace, "upgrade", partial(upgrade, script_location=migrations_with(tmp_path, GOOD_REVISION)))
    seen = []
    store = workspace.open_workspace(path, create=False, on_upgrade=seen.append)
    assert [result.after for result in seen] == [("9001",)]
    assert seen[0].backup.exists()
    assert store.items.count() == 3
    store.engine.dispose()


def test_the_command_line_says_when_an_upgrade_failed(tmp_path, old_workspace, monkeypatch, capsys, headless_run):
    path, engine, _store = old_workspace
    engine.dispose()
    before = dump(path)
    monkeypatch.setattr(workspace, "upgrade",
                        partial(upgrade, script_location=migrations_with(tmp_path, FAILING_REVISION)))
    assert cli.main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cockpit: the database upgrade failed") and err.count("\n") == 1
    assert dump(path) == before


def test_a_database_made_at_the_first_revision_upgrades_to_head_with_its_data(tmp_path):
    """The real revisions: stays meaningful as feature revisions land on top of 0001."""
    path = tmp_path / "first.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, target="0001")
    assert current(engine) == ("0001",)
    with engine.begin() as conn:  # rows as revision 0001 shaped them (raw SQL: the models move on)
        conn.execute(text("INSERT INTO project (id, name, description, version, created) VALUES (1, 'Campaign', '', 1, '2026-10-01 09:00:00.000000')"))
        conn.execute(text("INSERT INTO stage (id, project_id, name, position, wip_limit, criteria, version) "
                          "VALUES (1, 1, 'Pending review', 0, NULL, '[]', 1)"))
        conn.execute(text(
            "INSERT INTO item (id, project_id, title, description, kind, priority, estimate, stage_id, position,"
            " blocked, blocked_reason, created, updated, stage_entered, version) VALUES (1, 1, 'Old card', '',"
            " 'task', 'medium', 1.5, 1, 0, 0, '', '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000',"
            " '2026-10-01 09:00:00.000000', 1)"))
        conn.execute(text(
            "INSERT INTO change (at, actor, txn, label, entity, entity_id, action, before, after) VALUES"
            " ('2026-10-01 09:00:00.000000', 'ann', 't1', 'create card Old card', 'item', 1, 'create', NULL, '{}')"))
    result = upgrade(engine)
    assert result.after == heads() == current(engine)
    store = Store(engine)
    [card] = store.items.all()
    assert (card.title, card.estimate, card.stage_id) == ("Old card", 1.5, 1)
    assert [change.label for change in store.changes()] == ["create card Old card"]
    assert store.workspace.project().name == "Campaign"
    if result.before != result.after:
        assert result.backup is not None and result.backup.exists()
    # The upgraded workspace takes writes through the store.
    moved = store.items.update(card.id, card.version, title="Old card, renamed")
    assert moved.version == 2
    engine.dispose()


def test_the_newest_revision_builds_exactly_the_models(tmp_path):
    """A feature that adds or changes a table without its revision fails here."""
    engine = make_engine(f"sqlite:///{tmp_path / 'head.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []
    engine.dispose()


def test_a_workspace_from_a_newer_cockpit_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "newer.db"
    workspace.open_workspace(path).engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = dump(path)
    assert cli.main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "newer Cockpit" in err and err.count("\n") == 1
    assert dump(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]  # and no backup made for nothing


def test_head_names_the_newest_revision():
    """cockpit.db.migrate.HEAD lets an up-to-date workspace open without importing Alembic: it must be the
    migrations' real head (add a revision, update HEAD)."""
    from cockpit.db.migrate import HEAD

    assert HEAD == heads()


def test_opening_an_up_to_date_workspace_does_not_import_alembic(tmp_path):
    import os
    import subprocess
    import sys

    from cockpit.workspace import open_workspace

    target = tmp_path / "work.db"
    open_workspace(target, new=True).engine.dispose()
    probe = ("import sys; from cockpit.workspace import open_workspace; "
             f"open_workspace({str(target)!r}, create=False); print('alembic' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
