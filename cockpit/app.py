"""CockpitApp: wiring only — it owns the workspace and hands the rest to the shell's modules:
``startup`` (the opening frame, then the workspace), ``modes`` (the screens, their keys, the global
keys and when they apply), ``presentation`` (f5, themes), ``meeting_ui`` (m, ctrl+e, the
unfinished-meeting offer), ``changes`` (undo, redo, live updates), ``header`` (the title line),
``project_switch`` (ctrl+o), ``palette`` (ctrl+p), ``key_listing`` (F1) and ``shutdown`` (hooks, signals)."""

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.content import Content
from textual.screen import Screen

from cockpit import header, keymap, palette, project_switch, report_ui
from cockpit.changes import Changes
from cockpit.context import Live, Workspace
from cockpit.key_listing import open_help
from cockpit.logic.present import Secrets
from cockpit.meeting_ui import MeetingControls
from cockpit.one_paint import OnePaintDialogs, question_ahead
from cockpit.modes import MODES, app_bindings, mode_screen, offered
from cockpit.startup import Startup, needs_a_terminal
from cockpit.presentation import Presentation
from cockpit.settings import Settings
from cockpit.shutdown import Shutdown, on_signals
from cockpit.text_keys import deliver_joiner
from cockpit.screens.base import CockpitScreen, ScopeChanged, TitleChanged

if TYPE_CHECKING:  # the database layer is imported after the first frame (see ``open_store``)
    from cockpit.db.first_read import BoardFirstRead
    from cockpit.db.store import Store
    from textual.notifications import SeverityLevel


class CockpitApp(OnePaintDialogs, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Cockpit"
    COMMANDS = App.COMMANDS | {palette.ItemProvider, palette.RiskProvider}
    BINDINGS = app_bindings()

    def __init__(self, store: "Store | None", *, open_store: "Callable[[], Store] | None" = None,
                 settings: Settings | None = None, today: date | None = None, start_mode: str = "board",
                 present: bool | None = None, present_only: bool = False, live: bool = True,
                 settle_gc: bool = False, opening: str = "Opening the workspace…", welcome: bool = False,
                 first_read: "BoardFirstRead | None" = None) -> None:
        """``store``: the open workspace; or None and ``open_store``, which opens it right after the
        first frame (``opening`` is its message) is painted: the PM sees the cockpit at once.
        ``today`` pins the date (tests); ``live`` watches other windows' changes; ``present_only``:
        presentation mode that f5 cannot leave (a served view shown to guests); ``welcome``: offer the
        guided setup on a new workspace and "which person are you?" once (the command line does).
        ``first_read``: the board's first read (db/first_read.py): the first frame is the board."""
        super().__init__()
        if store is None and open_store is None:
            raise ValueError("CockpitApp needs a store, or open_store to open one")
        self.store: Store = store  # type: ignore[assignment]  # set by open_store before any screen
        self._opening, self.present_only = opening, present_only
        self.open_error: Exception | None = None  #: why ``open_store`` failed (exit status 2)
        self.settings = settings or Settings()
        self.live = Live()  #: app-wide state screens read; changes reach them as messages
        self.workspace: Workspace | None = None  #: handed to every screen, once the workspace is open
        self.meetings: MeetingControls | None = None
        self.shutdown = Shutdown(self.log.error)  #: hooks run once however the app ends (e.g. minutes)
        self.title_line = header.TitleLine(self, workspace=lambda: self.workspace, live=self.live,
                                           meeting=lambda: self.meetings.header_line() if self.meetings else None)
        self.presentation = Presentation(self, self.live, self.settings, title_line=self.title_line,
                                         may_save=lambda: self.started and not self.store.read_only,
                                         at_start=present_only or (self.settings.presentation if present is None
                                                                   else present))
        self.changes = Changes(self, title_line=self.title_line, presentation=self.presentation, secrets=self.secrets)
        self.startup = Startup(self, self, open_store=open_store, today=today, start_mode=start_mode, poll=live,
                               welcome=welcome and not present_only, settle_gc=settle_gc, first_read=first_read)
        for mode in MODES:
            self.add_mode(mode, partial(self._new_screen, mode))
        if store is not None:
            self.startup.make_workspace()

    def _new_screen(self, mode: str) -> CockpitScreen:
        assert self.workspace is not None, "screens are made once the workspace is open"
        return mode_screen(mode)(self.workspace)

    @property
    def started(self) -> bool:
        """The workspace is open and the screens can be shown."""
        return self.store is not None

    @property
    def presenting(self) -> bool:
        return self.live.presenting

    def secrets(self) -> Secrets:
        """The confidential cards and the words to hide now (nothing when not presenting)."""
        return header.secrets_now(self.store if self.started else None, self.presenting)

    # --- Textual's hooks -----------------------------------------------------------------------

    def run(self, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        """Textual's, refused without a terminal to read the keys from (``startup.needs_a_terminal``)."""
        needs_a_terminal(headless=bool(kwargs.get("headless")))
        return super().run(*args, **kwargs)

    def on_mount(self) -> None:
        self.presentation.start()  # the theme chosen last; presentation mode if asked for
        keymap.apply(self, self.settings)  # the [keys] of the settings; bad entries warn once
        on_signals(self.action_quit)
        self.keep_ready(question_ahead, lambda screen: isinstance(screen, CockpitScreen))  # the first opens quickly too
        self.startup.begin()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and (not self.screen_stack or self.startup.hold(event)):
            return  # pressed before the first mode is shown: held for it (or no screen can take it yet)
        if not deliver_joiner(self, event):  # 👨‍👩‍👧 typed stays one emoji (see cockpit.text_keys)
            await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return self.startup.first_screen(self._opening, self.presentation.at_start)

    def on_unmount(self) -> None:
        self.changes.close()

    def on_scope_changed(self, message: ScopeChanged) -> None:
        self.title_line.update()

    def on_title_changed(self, message: TitleChanged) -> None:
        self.title_line.refresh()

    def notify(self, message: str, *, title: str = "", severity: "SeverityLevel" = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice, from any screen: while presenting, file paths are shown without their folder."""
        folders = (self.workspace.files,) if self.workspace is not None else ()
        super().notify(self.presentation.notice(message, folders), title=self.presentation.notice(title, folders),
                       severity=severity, timeout=timeout, markup=markup)

    def format_title(self, title: str, sub_title: str) -> Content:
        return self.title_line.format(title, sub_title)  # the speaker and the time left always fit

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.workspace.meetings if self.workspace is not None else None
        return offered(action, started=self.started, read_only=self.started and self.store.read_only,
                       present_only=self.present_only, meeting=session.active if session is not None else None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette.system_commands(self, screen)
        if self.workspace is not None and not self.present_only:
            yield from report_ui.commands(self, self.workspace, self.secrets)

    # --- the global keys (modes.app_bindings; check_action says when each applies) ---------------

    def action_quit(self) -> None:  # also SIGTERM and SIGHUP
        self.shutdown.run()
        self.exit()

    def action_help(self) -> None:
        open_help(self)

    def action_toggle_presentation(self) -> None:
        self.presentation.toggle_by_key(self.present_only)

    def action_switch_project(self) -> None:
        """ctrl+o: the portfolio; the project chosen there (enter) is shown by every screen."""
        project_switch.open_portfolio(self, self.workspace, self.title_line)

    def action_undo(self) -> None:
        self.changes.step(self.store.undo, "Undone")

    def action_redo(self) -> None:
        self.changes.step(self.store.redo, "Redone")

    def action_start_meeting(self, kind: str = "stand-up", iteration_id: int | None = None) -> None:
        if self.meetings is not None:
            self.meetings.start(kind, iteration_id)

    def action_end_meeting(self) -> None:
        if self.meetings is not None:
            self.meetings.end()

    def action_discard_meeting(self) -> None:
        """A meeting started by mistake (the Meeting and Retro screens' key): asks, writes no minutes."""
        if self.meetings is not None:
            self.meetings.discard()
