"""The command line as a user meets it (acceptance point 3): real ``cockpit`` processes.

A file that is not a Cockpit database, or a place that cannot be written, is refused with one line on
stderr and exit status 2, never a traceback, and the file is left byte-for-byte as it was.  Commands
that do not depend on each other run at once to keep the suite quick.
"""

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from cockpit import __version__
from cockpit.settings import default_db
from cockpit.workspace import open_workspace
from tests.helpers import Snapshot


def assert_refused(result, *, mentions: str | None = None) -> None:
    where = f"{result.args}: {result.stderr!r}"
    assert result.returncode == 2, where
    lines = result.stderr.splitlines()
    assert len(lines) == 1, where
    assert lines[0].startswith("cockpit: "), where
    assert "Traceback" not in result.stderr + result.stdout, where
    assert result.stdout == "", where
    if mentions is not None:
        assert mentions in lines[0], where


def test_version_and_help(cockpit_all):
    version, help_, init_help = cockpit_all(("--version",), ("--help",), ("init", "--help"))
    assert version.returncode == 0
    assert version.stdout.strip() == f"cockpit {__version__}"
    assert help_.returncode == 0 and help_.stderr == ""
    for word in ("init", "--db", "--demo", "--version", "--as"):
        assert word in help_.stdout
    assert init_help.returncode == 0 and "--demo" in init_help.stdout and "--db" in init_help.stdout


def test_init_creates_a_private_workspace_with_the_default_workflow(cockpit, tmp_path):
    target = tmp_path / "work" / "team.db"
    result = cockpit("init", "--db", str(target))
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    store = open_workspace(target, create=False)
    assert [stage.name for stage in store.workspace.stages()][:2] == ["Pending review", "Pending development"]
    assert store.items.count() == 0
    store.engine.dispose()


def test_init_demo_fills_the_workspace_and_never_overwrites(cockpit, cockpit_all, tmp_path):
    target = tmp_path / "demo.db"
    assert cockpit("init", "--db", str(target), "--demo").returncode == 0
    store = open_workspace(target, create=False)
    assert 60 <= store.items.count() <= 120  # the board's ~40 cards and twelve weeks of finished work before them
    store.engine.dispose()
    before = Snapshot.of(target)
    for result in cockpit_all(("init", "--db", str(target)), ("init", "--db", str(target), "--demo")):
        assert_refused(result, mentions="already exists")
    assert Snapshot.of(target) == before


def test_without_a_terminal_the_cockpit_is_refused_in_one_line(cockpit, cockpit_all, tmp_path):
    """Standard input a file or /dev/null (a cron job, a pipe): refused at once in one line, the
    workspace unchanged; Textual's input thread would spin at full CPU on the end of the file.  The
    commands still run without a terminal."""
    target = tmp_path / "work.db"
    assert cockpit("init", "--db", str(target)).returncode == 0
    before = Snapshot.of(target)
    for result in cockpit_all(("--db", str(target)), ("--demo",), timeout=60):  # the fixtures' stdin: /dev/null
        assert_refused(result, mentions="needs a terminal")
    assert Snapshot.of(target) == before
    listed = cockpit("export", "people", "--db", str(target))
    assert listed.returncode == 0, listed.stderr


# --- files that are not Cockpit databases -------------------------------------------------------

def text_file(path: Path) -> None:
    path.write_text("Meeting notes\nnot a database\n", encoding="utf-8")


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('soup', 20)")
    conn.commit()
    conn.close()


def garbage_after_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)


def damaged_cockpit_db(path: Path) -> None:
    """A real workspace (right header, right tables) whose data pages were overwritten."""
    open_workspace(path, demo=True).engine.dispose()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 6, len(data) - page, page):
        data[offset + 100: offset + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


NOT_WORKSPACES = [text_file, foreign_sqlite, garbage_after_header, damaged_cockpit_db, empty_file]


def test_a_file_that_is_not_a_workspace_is_refused_and_left_untouched(cockpit_all, tmp_path):
    cases = []
    for make in NOT_WORKSPACES:
        folder = tmp_path / make.__name__
        folder.mkdir()
        target = folder / "thing.db"
        make(target)
        os.utime(target, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
        cases.append((folder, target, Snapshot.of(target)))
    results = cockpit_all(*(("--db", str(target)) for _folder, target, _before in cases), timeout=120)
    for (folder, target, before), result in zip(cases, results):
        assert_refused(result, mentions=str(target))
        assert Snapshot.of(target) == before, folder.name
        assert [p.name for p in folder.iterdir()] == ["thing.db"], folder.name  # no -wal, -shm, journal


def test_a_folder_and_a_place_that_cannot_be_written_are_refused(cockpit_all, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    before = Snapshot.of(blocker)
    unwritable = [blocker / "cockpit.db", blocker / "sub" / "cockpit.db", Path("/proc/cockpit-test.db")]
    results = cockpit_all(("--db", str(tmp_path)), *(("--db", str(target)) for target in unwritable),
                          ("init", "--db", str(unwritable[0])), ("init", "--db", str(unwritable[2])), timeout=120)
    assert_refused(results[0], mentions="folder")
    for result in results[1:]:
        assert_refused(result)
    assert "notes.txt is not a folder" in results[1].stderr
    for target in unwritable:
        assert not target.exists()
    assert Snapshot.of(blocker) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder; /proc covers it above")
def test_a_read_only_folder_is_refused(cockpit, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        assert_refused(cockpit("init", "--db", str(folder / "cockpit.db")), mentions="cannot write")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_mistyped_command_is_one_line_not_a_traceback(cockpit_all):
    typo, missing = cockpit_all(("inti",), ("init",))
    assert_refused(typo, mentions="--help")
    assert_refused(missing, mentions="--db")


def test_first_run_creates_the_default_workspace_in_the_data_folder(cockpit_home):
    target = default_db()
    assert target.is_relative_to(cockpit_home) and not target.exists()
    store = open_workspace(target)
    assert store.workspace.project().name == "My project"
    assert len(store.workspace.stages()) == 6
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    store.engine.dispose()
    again = open_workspace(target, create=False)  # the second run opens the same workspace
    assert again.workspace.project().name == "My project" and again.items.count() == 0
    again.engine.dispose()
