"""Starting the cockpit: the opening frame is painted first; the workspace is opened right after it
(``open_store``), then the context every screen is handed is built, the first mode shown, other windows'
changes watched, the meeting timer started, and the unfinished meeting and the guided setup offered.

Handed the app's pieces by the app shell (``Shell``); never imports cockpit.app."""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from textual.app import App

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
    from cockpit.db.store import Store


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
                 start_mode: str, poll: bool, welcome: bool, settle_gc: bool) -> None:
        self.app, self.shell = app, shell
        self._open_store, self._today, self.start_mode = open_store, today, start_mode
        self._poll, self._welcome, self.settle_gc = poll, welcome, settle_gc

    def make_workspace(self) -> None:
        """The context handed to every screen, and the meeting controls working on it."""
        shell = self.shell
        shell.workspace = Workspace.build(shell.store, shell.settings, shell.live, self._today)
        shell.meetings = MeetingControls(self.app, shell.workspace, reload=shell.changes.reload_screens,
                                         update_header=shell.title_line.update, secrets=shell.secrets)
        shell.shutdown.hooks.append(shell.meetings.shutdown)

    def begin(self) -> None:
        """On mount: open the workspace after the opening frame is drawn, or start at once."""
        if self.shell.store is None:
            self.app.call_after_refresh(self._open)
        else:
            self._start()

    def _open(self) -> None:
        """After the first frame: import the database layer, open the workspace, show the first mode."""
        assert self._open_store is not None
        try:
            self.shell.store = self._open_store()
        except (DatabaseError, StoreError, OSError) as error:
            self.shell.open_error = error
            self.app.exit(return_code=2)
            return
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
        app.switch_mode(self.start_mode)
        app.call_after_refresh(app.refresh_bindings)  # the keys apply now (check_action): the footer shows them
        app.set_interval(1, shell.title_line.update)  # the meeting timer
        app.call_after_refresh(shell.meetings.offer_unfinished)
        if self._welcome:
            app.call_after_refresh(self._offer_welcome)
        if self.settle_gc:
            app.call_after_refresh(settle_memory)

    def _offer_welcome(self) -> None:
        from cockpit.welcome import offer_at_start  # after the first frame: it brings in the Setup screen

        offer_at_start(self.app, self.shell.store, self.show_setup)

    def show_setup(self, section: str) -> None:
        """Switch to Setup (0) and show one of its sections (people, roles, workflow)."""
        from cockpit.palette import jump_to
        from cockpit.screens.setup.screen import SetupScreen

        self.app.call_later(jump_to, self.app, "setup", SetupScreen, lambda setup: setup.show_section(section))
