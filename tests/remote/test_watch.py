"""ChangeWatcher: other windows' changes are noticed, this window's own are not."""

import sqlite3

import pytest

from cockpit.db.engine import make_engine
from cockpit.db.migrate import upgrade
from cockpit.db.store import Store
from cockpit.db.watch import ChangeWatcher


def first_stage(store: Store) -> int:
    return store.workspace.stages()[0].id


@pytest.mark.sqlite_only("PRAGMA data_version is SQLite's; other engines poll the change log (tested below)")
def test_a_change_from_another_window_is_noticed_once(engine, store):
    with ChangeWatcher(store) as watcher:
        assert watcher.uses_data_version
        assert not watcher.changed()
        other = Store(engine, actor="bob")
        other.items.create(title="From Bob", stage_id=first_stage(other))
        assert watcher.changed()
        assert not watcher.changed()  # reported once


def test_this_windows_own_writes_and_undo_are_not_reported(store):
    with ChangeWatcher(store) as watcher:
        card = store.items.create(title="Mine", stage_id=first_stage(store))
        store.items.update(card.id, card.version, title="Still mine")
        store.undo()
        assert not watcher.changed()


def test_own_and_foreign_changes_in_the_same_interval_are_reported(engine, store):
    with ChangeWatcher(store) as watcher:
        store.items.create(title="Mine", stage_id=first_stage(store))
        Store(engine, actor="bob").items.create(title="Bob's", stage_id=first_stage(store))
        store.items.create(title="Mine again", stage_id=first_stage(store))
        assert watcher.changed()


@pytest.mark.sqlite_only("a write that bypasses the store is seen by PRAGMA data_version, a SQLite feature")
def test_a_write_that_bypassed_the_store_is_reported(tmp_path, store):
    path = store.engine.url.database
    with ChangeWatcher(store) as watcher:
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE project SET description = 'edited by hand'")
        assert watcher.changed()


def test_a_refused_write_is_not_a_change(engine, store):
    from cockpit.db.errors import ReadOnly

    viewer = Store(engine, actor="viewer", read_only=True)
    with ChangeWatcher(store) as watcher:
        try:
            viewer.items.create(title="Nope", stage_id=first_stage(store))
        except ReadOnly:
            pass
        assert not watcher.changed()


def test_without_a_sqlite_file_the_change_log_is_polled():
    engine = make_engine("sqlite://")  # in memory: no data_version across connections to rely on
    upgrade(engine)
    mine = Store(engine, actor="me")
    mine.workspace.setup_defaults("P")
    with ChangeWatcher(mine) as watcher:
        assert not watcher.uses_data_version
        mine.items.create(title="Mine", stage_id=first_stage(mine))
        assert not watcher.changed()
        Store(engine, actor="bob").items.create(title="Bob's", stage_id=first_stage(mine))
        assert watcher.changed() and not watcher.changed()
