"""Starting the cockpit: the opening frame is painted first; the workspace is opened right after it
(``open_store``), then the context every screen is handed is built, the first mode shown, other windows'
changes watched, the meeting timer started, and the unfinished meeting and the guided setup offered.

With the board's first read (``first_read``: a SQLite file at the newest schema, read with ``sqlite3``
before the first frame, db/first_read.py) the opening frame is the board itself (``BoardFirstPaint``),
and the store comes up in a thread behind it (SQLAlchemy, the models, the engine); then the board
screen takes over.  Until the first mode is shown, keys are held (``hold``) and then delivered to it in
order: a key pressed at once is honoured, never dropped (only quitting is not held).

Handed the app's pieces by the app shell (``Shell``); never imports cockpit.app."""

import errno
import gc
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from textual import events
from textual.app import App
from textual.screen import Screen

from cockpit.changes import Changes
from cockpit.context import Live, Workspace
from cockpit.header import TitleLine
from cockpit.logic.present import Secrets
from cockpit.meeting_ui import MeetingControls
from cockpit.modes import settle_memory
from cockpit.settings import Settings
from cockpit.shutdown import Shutdown
from cockpit.db.errors import StoreError
from cockpit.db.files import DatabaseError

if TYPE_CHECKING:
    from cockpit.db.first_read import BoardFirstRead
    from cockpit.db.store import Store

#: Keys that are never held while the workspace opens: quitting works at once.
NOT_HELD = frozenset({"ctrl+q", "ctrl+c"})


def needs_a_terminal(*, headless: bool = False) -> None:
    """The cockpit reads its keys from standard input: when that is not a terminal (a file, a pipe,
    /dev/null), Textual's input thread spins at full CPU on the end of the file.  Refused then, as the
    OSError "not a terminal" (the command line says it in one line, exit 2); a browser tab of
    ``cockpit serve`` runs it with Textual's web driver (``TEXTUAL_DRIVER``), which needs none."""
    if not headless and not os.environ.get("TEXTUAL_DRIVER") and (sys.stdin is None or not sys.stdin.isatty()):
        raise OSError(errno.ENOTTY, "the cockpit needs a terminal, and standard input is not one; "
                                    "the commands (cockpit export, report, checkin...) work without")


class Shell(Protocol):
    """What the start-up sequence sets and reads of the app shell."""

    store: "Store"
    workspace: Workspace | None
    meetings: MeetingControls | None
    open_error: Exception | None
    live: Live
    settings: Settings
    changes: Changes
    shutdown: Shutdown
    title_line: TitleLine

    def secrets(self) -> Secrets: ...


class Startup:
    """The start-up sequence of one app. ``open_store`` opens the workspace after the first frame (the
    app was made without a store); ``today`` pins the date (tests); ``poll`` watches other windows'
    changes; ``welcome`` offers the guided setup on a new workspace and "which person are you?" once (the
command line asks for it; never in a served view shown to guests)."""

    def __init__(self, app: App, shell: Shell, *, open_store: "Callable[[], Store] | None", today: date | None,
                 start_mode: str, poll: bool, welcome: bool, settle_gc: bool,
                 first_read: "BoardFirstRead | None" = None) -> None:
        self.app, self.shell = app, shell
        self._open_store, self._today, self.start_mode = open_store, today, start_mode
        self._poll, self._welcome, self.settle_gc = poll, welcome, settle_gc
        self.first_read = first_read if start_mode == "board" else None
        #: Keys pressed before the first mode is shown, delivered to it then (None: not holding).
        self._held: list[events.Key] | None = [] if open_store is not None else None

    def first_screen(self, opening: str, presenting: bool) -> Screen:
        """The opening frame: the board from its first read, or a line saying the workspace opens."""
        if self.first_read is not None:
            from cockpit.screens.board.first_paint import BoardFirstPaint

            return BoardFirstPaint(self.first_read, presenting)
        from cockpit.screens.opening import OpeningScreen

        return OpeningScreen(opening)

    def hold(self, event: events.Event) -> bool:
        """Keep a key pressed before the first mode is shown (True: held, the app does nothing more)."""
        if self._held is None or not isinstance(event, events.Key) or event.key in NOT_HELD:
            return False
        self._held.append(event)
        return True

    def _release(self) -> None:
        """The first mode is shown: the keys held for it are delivered, in order."""
        held, self._held = self._held or [], None
        for key in held:
            self.app.post_message(events.Key(key.key, key.character))

    def make_workspace(self) -> None:
        """The context handed to every screen, and the meeting controls working on it."""
        shell = self.shell
        shell.workspace = Workspace.build(shell.store, shell.settings, shell.live, self._today)
        shell.meetings = MeetingControls(self.app, shell.workspace, reload=shell.changes.reload_screens,
                                         update_header=shell.title_line.update, secrets=shell.secrets)
        shell.shutdown.hooks.append(shell.meetings.shutdown)

    def begin(self) -> None:
        """On mount: open the workspace after the opening frame is drawn, or start at once."""
        # the collector, paused by the command line for the start (``cockpit.cli.run_tui``), collects
        # again once the first frame is drawn: opening the workspace leaves garbage.  The one place it
        # is turned back on (before ``settle_memory``, scheduled later, freezes what is alive).
        self.app.call_after_refresh(gc.enable)
        if self.shell.store is None:
            self.app.call_after_refresh(self._open_behind if self.first_read is not None else self._open)
        else:
            self._start()

    def _open(self) -> None:
        """After the first frame: import the database layer, open the workspace, show the first mode."""
        assert self._open_store is not None
        try:
            store = self._open_store()
        except (DatabaseError, StoreError, OSError) as error:
            self._failed(error)
            return
        self._opened(store)

    def _open_behind(self) -> None:
        """After the board's first paint: the store comes up in a thread (the board stays on screen)."""
        assert self._open_store is not None
        open_store, app = self._open_store, self.app

        def work() -> None:
            try:
                store = open_store()
                import cockpit.services.files  # noqa: F401 - what the workspace and the first mode need,
                import cockpit.services.meetings  # noqa: F401   imported here, not on the UI's time
                from cockpit.modes import mode_screen

                mode_screen(self.start_mode)
            except (DatabaseError, StoreError, OSError) as error:
                done: tuple = (self._failed, error)
            else:
                done = (self._opened, store)
            try:
                app.call_from_thread(*done)
            except RuntimeError:  # the app ended meanwhile (ctrl+q while the workspace opened)
                if done[0] == self._opened:
                    store.engine.dispose()

        app.run_worker(work, name="open the workspace", thread=True, exit_on_error=True)

    def _failed(self, error: Exception) -> None:
        self.shell.open_error = error
        self._held = None
        self.app.exit(return_code=2)

    def _opened(self, store: "Store") -> None:
        self.shell.store = store
        self._start()

    def _start(self) -> None:
        app, shell = self.app, self.shell
        if shell.workspace is None:
            self.make_workspace()
        assert shell.meetings is not None
        try:  # the project opened last (or the first): every screen and the store's reads show it
            shell.live.project_id = shell.store.project_id = shell.store.workspace.project_id()
        except StoreError:
            pass
        shell.title_line.refresh()
        if self._poll:
            shell.changes.watch(shell.store, shell.changes.check)
        switched = app.switch_mode(self.start_mode)
        app.call_later(self._release_after, switched)
        app.call_after_refresh(app.refresh_bindings)  # the keys apply now (check_action): the footer shows them
        app.set_interval(1, shell.title_line.update)  # the meeting timer
        app.call_after_refresh(shell.meetings.offer_unfinished)
        if self._welcome:
            app.call_after_refresh(self._offer_welcome)
        if self.settle_gc:
            app.call_after_refresh(settle_memory)

    async def _release_after(self, switched: Awaitable[object]) -> None:
        await switched  # the first mode's screen is mounted (its data loaded): the held keys reach it
        self._release()

    def _offer_welcome(self) -> None:
        from cockpit.welcome import offer_at_start  # after the first frame: it brings in the Setup screen

        offer_at_start(self.app, self.shell.store, self.show_setup)

    def show_setup(self, section: str) -> None:
        """Switch to Setup (0) and show one of its sections (people, roles, workflow)."""
        from cockpit.palette import jump_to
        from cockpit.screens.setup.screen import SetupScreen

        self.app.call_later(jump_to, self.app, "setup", SetupScreen, lambda setup: setup.show_section(section))
