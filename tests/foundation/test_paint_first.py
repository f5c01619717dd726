"""Paint first (design.md §3): the cockpit's first frame is on screen before the database layer is
imported; the workspace opens right after it.  A file that is refused is still refused before the
screen changes, and a workspace that fails after the first frame ends the app with one line."""

import subprocess
import sys
from pathlib import Path

import pytest

from cockpit import cli, workspace
from cockpit.commands import CommandError
from cockpit.app import CockpitApp
from cockpit.db.files import DatabaseError
from cockpit.screens.board.screen import BoardScreen
from cockpit.screens.opening import OpeningScreen
from tests.helpers import cockpit_app, footer_keys, until

ROOT = Path(__file__).resolve().parents[2]


def screen_text(app: CockpitApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_opening_frame_is_painted_first_then_the_board_of_the_workspace(store, settings):
    stage = store.workspace.stages()[0]
    card = store.items.create(title="Write the launch plan", stage_id=stage.id)
    store.items.create(title="Book the venue", stage_id=stage.id)
    seen: list[tuple[type, str]] = []

    def open_store():  # noqa: ANN202
        seen.append((type(app.screen), screen_text(app)))  # what the PM sees while the workspace opens
        return store

    app = cockpit_app(None, open_store=open_store, settings=settings, opening="Opening work.db…")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.started)
        [(first, text)] = seen
        assert first is OpeningScreen and "Opening work.db…" in text and "Cockpit" in text
        await until(pilot, lambda: isinstance(app.screen, BoardScreen) and "Write the launch plan" in screen_text(app),
                    "the board of the workspace drawn")  # switched in, then painted: not in the same moment
        await pilot.press("J")  # the keys work on the workspace opened after the frame: down in the column
        await pilot.pause()
        assert [item.title for item in store.items.all() if item.stage_id == stage.id] == \
            ["Book the venue", "Write the launch plan"]
        assert store.items.get(card.id).version == 2
        text = screen_text(app)
        assert text.index("Book the venue") < text.index("Write the launch plan")


async def test_the_collector_paused_for_the_start_collects_again_once_the_first_frame_is_drawn(store, settings):
    """The command line pauses the garbage collector while the cockpit starts; it is on again as the
    workspace opens (after the first frame), not only once the first mode is shown."""
    import gc

    enabled: list[bool] = []

    def open_store():  # noqa: ANN202
        enabled.append(gc.isenabled())
        return store

    gc.disable()
    try:
        app = cockpit_app(None, open_store=open_store, settings=settings)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.started)
            assert enabled == [True]
    finally:
        gc.enable()


async def test_only_quitting_works_while_the_workspace_opens(store, settings):
    app = cockpit_app(None, open_store=lambda: store, settings=settings)
    assert not app.started
    assert [action for action in ("switch_mode", "undo", "redo", "help", "start_meeting", "toggle_presentation",
                                  "command_palette", "quit") if app.check_action(action, ())] == ["quit"]
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.started)
        assert app.check_action("undo", ()) and app.check_action("switch_mode", ("risks",))


async def test_a_workspace_that_fails_after_the_first_frame_ends_the_app_with_the_reason(settings):
    def open_store():  # noqa: ANN202
        raise DatabaseError("work.db cannot be opened (disk I/O error); it was left untouched")

    app = cockpit_app(None, open_store=open_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.open_error is not None)
    assert app.return_code == 2 and "disk I/O error" in str(app.open_error)


def test_the_command_line_paints_first_for_a_workspace_that_needs_no_upgrade(tmp_path, headless_run):
    path = tmp_path / "work.db"
    opened = workspace.open_workspace(path)
    stage = opened.workspace.stages()[0].id
    opened.items.create(title="Book the venue", stage_id=stage)
    opened.engine.dispose()
    assert cli.main(["--db", str(path)]) == 0
    [(app, given_a_store)] = headless_run
    assert not given_a_store and app.started  # the app opened it, after its first frame
    assert [item.title for item in app.store.items.all()] == ["Book the venue"]


def test_the_command_line_opens_a_new_workspace_before_the_screen(tmp_path, headless_run):
    assert cli.main(["--db", str(tmp_path / "new.db")]) == 0
    [(app, given_a_store)] = headless_run
    assert given_a_store and app.started and app.store.workspace.project() is not None


def test_a_failure_after_the_first_frame_is_one_line_and_exit_status_2(tmp_path, headless_run, monkeypatch,
                                                                        capsys):
    path = tmp_path / "work.db"
    workspace.open_workspace(path).engine.dispose()

    def fail(*_args, **_kwargs):  # noqa: ANN202 - a disk that fails between the check and the open
        raise DatabaseError(f"cannot open {path}: disk I/O error")

    monkeypatch.setattr(workspace, "open_workspace", fail)
    assert cli.main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"cockpit: cannot open {path}: disk I/O error\n"
    [(app, given_a_store)] = headless_run
    assert not given_a_store and not app.started


def test_the_app_and_its_first_frame_import_no_database_layer():
    """What runs before the first frame: the command line, the app, its opening screen.  SQLAlchemy,
    SQLModel and the models (about a second on our machines) come after it."""
    probe = ("import sys, cockpit.cli, cockpit.app, cockpit.screens.opening, cockpit.db.files\n"
             "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'cockpit.db.store', 'cockpit.db.models', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_opening_the_cockpit_imports_no_command_and_no_widget_the_first_frame_does_not_show():
    """``cockpit --db FILE`` is read by the global options alone: the sub-commands' modules (the
    browser server's crypto, the calendar files...) and their parsers are made only for a command
    line that may name one, which still gets the whole parser's help and errors.  The text area and
    the progress dialog come when first used (6 and 2 ms before the first frame otherwise)."""
    probe = ("import sys\nfrom cockpit import cli\n"
             "import cockpit.app, cockpit.screens.board.first_paint\n"
             "args = cli.parse_args(['--db', 'work.db', '--present'])\n"
             "print(args.command, args.db, args.present)\n"
             "print(sorted(m for m in sys.modules if m.startswith('cockpit.commands.')\n"
             "             or m in ('textual.widgets._text_area', 'cockpit.screens.shared.progress')))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["None work.db True", "[]"]
    with pytest.raises(CommandError, match="invalid choice: 'bogus' \\(choose from 'init', 'export'"):
        cli.parse_args(["--db", "work.db", "bogus"])
    assert cli.parse_args(["init", "--db", "work.db"]).command == "init"


async def test_the_first_screen_shows_its_keys_in_a_browser_tab_that_has_not_been_clicked(store, settings):
    """A viewer's tab (cockpit serve) is blurred until clicked; Textual's footer waits for focus to
    draw its keys, and the first screen is mounted after the workspace opened, so it would stay empty."""
    def open_store():  # noqa: ANN202
        app.app_focus = False  # the browser tab is not focused while the workspace opens
        return store

    app = cockpit_app(None, open_store=open_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.started)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and not app.app_focus
        keys = list(footer_keys(app))
        assert "Help" in keys and "New" in keys
