"""``cockpit copy``: a workspace moves between a SQLite file and the database of the ``db_url``
fixture (PostgreSQL with COCKPIT_TEST_DB_URL, else another SQLite file) and back, without loss."""

import pytest
from sqlalchemy import select

from cockpit.workspace import open_engine, open_workspace
from cockpit.db.copy import CopyFailed, copy_workspace, id_high_water, row_counts
from cockpit.db.engine import make_engine, to_url
from cockpit.db.schema import metadata
from tests.helpers import run_cli


def dump(target: str) -> dict[str, list[tuple]]:
    """Every row of every Cockpit table, in id order, as plain values."""
    engine = make_engine(to_url(target))
    try:
        with engine.connect() as conn:
            return {table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                    for table in metadata.sorted_tables}
    finally:
        engine.dispose()


@pytest.fixture
def demo_file(tmp_path, clock):
    """A demo workspace in a SQLite file, with deleted rows at the end of the id ranges."""
    path = tmp_path / "team.db"
    store = open_workspace(path, new=True, demo=True, clock=clock)
    stage = store.workspace.stages()[0].id
    for n in range(3):
        gone = store.items.create(title=f"Deleted later {n}", stage_id=stage)
    store.items.delete(gone.id, gone.version)
    store.engine.dispose()
    return path


def test_copy_to_the_engine_under_test_and_back_loses_nothing(demo_file, db_url, tmp_path):
    result = run_cli("copy", "--from", str(demo_file), "--to", db_url)
    assert result.returncode == 0, result.stderr
    assert "row counts verified" in result.stdout
    back = tmp_path / "back.db"
    result = run_cli("copy", "--from", db_url, "--to", str(back))
    assert result.returncode == 0, result.stderr
    original, middle, final = dump(str(demo_file)), dump(db_url), dump(str(back))
    assert original == middle == final
    assert len(original["change"]) > 100 and all(original[name] for name in ("item", "stage", "person"))


def test_every_table_of_the_schema_is_copied(demo_file, db_url):
    """Tables that features add later are copied too: the copy walks the metadata, not a list."""
    source, _ = open_engine(demo_file, create=False)
    target, _ = open_engine(db_url)
    try:
        report = copy_workspace(source, target)
        assert list(report.tables) == [table.name for table in metadata.sorted_tables]
        assert report.tables == row_counts(source) == row_counts(target)
        assert report.changes == row_counts(source)["change"]
    finally:
        source.dispose()
        target.dispose()


def test_after_a_copy_new_rows_never_take_an_old_id(demo_file, db_url):
    source = make_engine(to_url(str(demo_file)))
    with source.connect() as conn:
        item_table = metadata.tables["item"]
        high = id_high_water(conn, item_table)
        kept = conn.execute(select(item_table.c.id).order_by(item_table.c.id.desc())).scalars().first()
    source.dispose()
    assert high > kept  # the last card was deleted: its id is in the change log only
    assert run_cli("copy", "--from", str(demo_file), "--to", db_url).returncode == 0
    store = open_workspace(db_url, create=False)
    try:
        fresh = store.items.create(title="First card in the new home", stage_id=store.workspace.stages()[0].id)
        assert fresh.id == high + 1
        assert store.changes(entity="item", entity_id=fresh.id)[0].action == "create"
    finally:
        store.engine.dispose()


def test_a_non_empty_target_is_refused_and_left_as_it_was(demo_file, db_url):
    store = open_workspace(db_url, actor="ann")
    store.items.create(title="Already here", stage_id=store.workspace.stages()[0].id)
    store.engine.dispose()
    before = dump(db_url)
    result = run_cli("copy", "--from", str(demo_file), "--to", db_url)
    assert result.returncode == 2
    assert "already" in result.stderr and "\n" not in result.stderr.strip()
    assert dump(db_url) == before


def test_an_existing_file_is_never_overwritten(demo_file, tmp_path):
    existing = tmp_path / "other.db"
    existing.write_bytes(b"my notes")
    result = run_cli("copy", "--from", str(demo_file), "--to", str(existing))
    assert result.returncode == 2 and "never overwrites" in result.stderr
    assert existing.read_bytes() == b"my notes"


def test_a_missing_source_and_the_same_workspace_twice_are_refused(tmp_path, demo_file):
    result = run_cli("copy", "--from", str(tmp_path / "nope.db"), "--to", str(tmp_path / "new.db"))
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "new.db").exists()
    result = run_cli("copy", "--from", str(demo_file), "--to", str(demo_file))
    assert result.returncode == 2 and "same workspace" in result.stderr


def test_a_copy_that_fails_leaves_the_target_empty(demo_file, db_url, monkeypatch):
    import cockpit.db.copy

    source, _ = open_engine(demo_file, create=False)
    target, _ = open_engine(db_url)
    real = cockpit.db.copy._verify

    def broken(src, dst, report):  # noqa: ANN001
        report.tables["change"] += 1  # as if a row had gone missing on the way
        real(src, dst, report)

    monkeypatch.setattr(cockpit.db.copy, "_verify", broken)
    before = row_counts(target)  # only what the migrations seed (no workspace)
    try:
        with pytest.raises(CopyFailed, match="table change: .* left as it was"):
            copy_workspace(source, target)
        assert row_counts(target) == before and not before.get("project")
        monkeypatch.setattr(cockpit.db.copy, "_verify", real)
        assert copy_workspace(source, target).rows == sum(row_counts(source).values())  # and can be retried
    finally:
        source.dispose()
        target.dispose()
