"""Safety (acceptance point 9 d): what Cockpit creates is private to the user, whatever the umask."""

import os
import stat
from pathlib import Path

import pytest

from cockpit.settings import Settings, config_dir, data_dir, default_db, demo_db
from cockpit.workspace import open_workspace
from cockpit.db.migrate import backup, current


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask: anything not made private on purpose would be world-readable."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_workspace_files_folders_and_backups_are_private(open_umask, cockpit_home):
    store = open_workspace(default_db())  # the first run: creates data/ and the workspace
    store.items.create(title="a write, so the -wal and -shm exist", stage_id=store.workspace.stages()[0].id)
    path = default_db()
    with store.engine.connect():  # the files as they are while Cockpit runs
        assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert mode(file) == 0o600, file
    assert mode(data_dir()) == 0o700
    copy = backup(path, current(store.engine))
    assert copy.parent == path.parent and mode(copy) == 0o600
    store.engine.dispose()


def test_the_demo_workspace_and_its_folders_are_private(open_umask, cockpit_home):
    store = open_workspace(demo_db(), demo=True)
    assert mode(demo_db()) == 0o600
    assert mode(demo_db().parent) == 0o700 and mode(data_dir()) == 0o700  # parents made on the way too
    store.engine.dispose()


def test_a_new_workspace_in_a_new_folder_is_private(open_umask, tmp_path):
    target = tmp_path / "a" / "b" / "work.db"
    open_workspace(target).engine.dispose()
    assert mode(target) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700


def test_the_settings_file_is_private(open_umask, cockpit_home):
    settings = Settings.load()
    settings.theme = "cockpit-high-contrast"
    settings.save()
    path = config_dir() / "settings.toml"
    assert mode(path) == 0o600 and mode(config_dir()) == 0o700
    assert Settings.load().theme == "cockpit-high-contrast"
    assert not list(config_dir().glob("*.tmp"))  # written atomically, no leftovers
