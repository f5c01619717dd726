"""CockpitApp: wiring only — it owns the workspace and hands the rest to the shell's modules:
``modes`` (the screens, their keys, the global keys), ``presentation`` (f5, themes), ``meeting_ui``
(m, ctrl+e, the unfinished-meeting offer), ``changes`` (undo, redo, live updates), ``header`` (the
title line), ``palette`` (ctrl+p), ``key_listing`` (F1) and ``shutdown`` (hooks and signals)."""

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.content import Content
from textual.screen import Screen

from cockpit import header, keymap, palette
from cockpit.changes import LIVE_POLL_SECONDS, Changes
from cockpit.context import Clock, Live, ProjectChanged, Workspace
from cockpit.key_listing import help_rows
from cockpit.logic.present import Secrets
from cockpit.meeting_ui import MeetingControls
from cockpit.modes import GC_THRESHOLDS, MODES, app_bindings, mode_screen, settle_memory
from cockpit.presentation import HIGH_CONTRAST, Presentation
from cockpit.settings import Settings
from cockpit.shutdown import Shutdown, on_signals
from cockpit.text_keys import deliver_joiner
from cockpit.db.errors import StoreError
from cockpit.db.files import DatabaseError
from cockpit.screens.base import CockpitScreen, ScopeChanged
from cockpit.screens.help import HelpModal
from cockpit.screens.opening import OpeningScreen

if TYPE_CHECKING:  # the database layer is imported after the first frame (see ``open_store``)
    from cockpit.services.meetings import MeetingSession
    from cockpit.db.store import Store
    from textual.notifications import SeverityLevel

__all__ = ["GC_THRESHOLDS", "HIGH_CONTRAST", "LIVE_POLL_SECONDS", "MODES", "CockpitApp", "mode_screen",
           "settle_memory"]


class CockpitApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Cockpit"
    COMMANDS = App.COMMANDS | {palette.ItemProvider, palette.RiskProvider}
    BINDINGS = app_bindings()

    def __init__(self, store: "Store | None", *, open_store: "Callable[[], Store] | None" = None,
                 settings: Settings | None = None, today: date | None = None, start_mode: str = "board",
                 present: bool | None = None, present_only: bool = False, live: bool = True,
                 settle_gc: bool = False, opening: str = "Opening the workspace…", welcome: bool = False) -> None:
        """``store``: the open workspace; or None and ``open_store``, which opens it right after the
        first frame (``opening`` is its message) is painted: the PM sees the cockpit at once.
        ``today`` pins the date (tests); ``live`` polls for other windows' changes; ``present_only``:
        presentation mode that f5 cannot leave (a served view shown to guests); ``welcome``: offer the
        guided setup on a new workspace and "which person are you?" once (the command line does)."""
        super().__init__()
        if store is None and open_store is None:
            raise ValueError("CockpitApp needs a store, or open_store to open one")
        self.store: Store = store  # type: ignore[assignment]  # set by open_store before any screen
        self._open_store, self._opening, self._today = open_store, opening, today
        self.open_error: Exception | None = None  #: why ``open_store`` failed (exit status 2)
        self.settings = settings or Settings()
        self.live = Live()  #: app-wide state screens read; changes reach them as messages
        self.workspace: Workspace | None = None  #: handed to every screen, once the workspace is open
        self.meetings: MeetingControls | None = None
        self.start_mode, self.present_only, self._poll, self._settle_gc = start_mode, present_only, live, settle_gc
        self._welcome = welcome
        self.shutdown = Shutdown(self.log.error)
        self.shutdown_hooks = self.shutdown.hooks  #: run once however the app ends (e.g. write minutes)
        self.presentation = Presentation(self, self.live, self.settings, refresh_title=self.refresh_title,
                                         update_sub_title=self.update_sub_title, save_settings=self.save_settings)
        self._present_at_start = present_only or (self.settings.presentation if present is None else present)
        self.changes = Changes(self, reload=self.reload_screens, secrets=self.secrets,
                               presenting=lambda: self.presenting)
        for mode in MODES:
            self.add_mode(mode, partial(self._new_screen, mode))
        self.title_line = header.TitleLine(
            self, store=lambda: self.store if self.started else None, today=lambda: self.today,
            presenting=lambda: self.presenting, meeting=lambda: self.meetings.header_line() if self.meetings else None,
            meeting_text=lambda: self.meeting_timer(),
            scope=lambda: next((screen.header_scope() for screen in reversed(self.screen_stack)  # a dialog's
                                if isinstance(screen, CockpitScreen)), None))  # header: the screen under it
        if store is not None:
            self._make_workspace()

    def _make_workspace(self) -> None:
        self.workspace = Workspace.build(self.store, self.settings, self.live, self._today)
        self.meetings = MeetingControls(self, self.workspace, reload=self.reload_screens,
                                        update_header=self.update_sub_title, secrets=self.secrets)
        self.shutdown_hooks.append(self.meetings.shutdown)

    def _new_screen(self, mode: str) -> CockpitScreen:
        assert self.workspace is not None, "screens are made once the workspace is open"
        return mode_screen(mode)(self.workspace)

    @property
    def meeting_session(self) -> "MeetingSession | None":
        return self.workspace.meetings if self.workspace is not None else None

    @property
    def today(self) -> date:
        return (self.workspace.clock if self.workspace is not None else Clock(today=self._today)).today()

    @property
    def started(self) -> bool:
        """The workspace is open and the screens can be shown."""
        return self.store is not None

    @property
    def presenting(self) -> bool:
        return self.live.presenting

    # --- start and stop ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.presentation.restore_theme()
        keymap.apply(self, self.settings)  # the [keys] of the settings; bad entries warn once
        if self._present_at_start:
            self.presentation.set(True, remember=False)
        on_signals(self._on_signal)
        if self.store is None:
            self.call_after_refresh(self._open_workspace)  # the opening frame is drawn first
        else:
            self._start()

    async def on_event(self, event: events.Event) -> None:
        if not deliver_joiner(self, event):  # 👨‍👩‍👧 typed stays one emoji (see cockpit.text_keys)
            await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return OpeningScreen(self._opening)

    def _open_workspace(self) -> None:
        """After the first frame: import the database layer, open the workspace, show the first mode."""
        assert self._open_store is not None
        try:
            self.store = self._open_store()
        except (DatabaseError, StoreError, OSError) as error:
            self.open_error = error
            self.exit(return_code=2)
            return
        self._start()

    def _start(self) -> None:
        if self.workspace is None:
            self._make_workspace()
        assert self.meetings is not None
        try:  # the project opened last (or the first): every screen and the store's reads show it
            self.live.project_id = self.store.project_id = self.store.workspace.project_id()
        except StoreError:
            pass
        self.refresh_title()
        if self._poll:
            self.changes.watch(self.store, self.changes.check)
        self.switch_mode(self.start_mode)
        self.call_after_refresh(self.refresh_bindings)  # the keys apply now (check_action): the footer shows them
        self.set_interval(1, self.update_sub_title)  # the meeting timer
        self.call_after_refresh(self.meetings.offer_unfinished)
        if self._welcome and not self.present_only:
            self.call_after_refresh(self._offer_welcome)
        if self._settle_gc:
            self.call_after_refresh(settle_memory)

    def _offer_welcome(self) -> None:
        from cockpit.welcome import offer_at_start  # after the first frame: it brings in the Setup screen

        offer_at_start(self, self.store, self.show_setup)

    def show_setup(self, section: str) -> None:
        """Switch to Setup (0) and show one of its sections (people, roles, workflow)."""
        self.switch_mode("setup")
        self.call_after_refresh(lambda: getattr(self.screen, "show_section", lambda _section: None)(section))

    def on_unmount(self) -> None:
        self.changes.close()

    def _on_signal(self) -> None:
        self.run_shutdown_hooks()
        self.exit()

    async def action_quit(self) -> None:
        self.run_shutdown_hooks()
        self.exit()

    def run_shutdown_hooks(self) -> None:
        """Run the shutdown hooks once; safe to call from every exit path."""
        self.shutdown.run()

    def save_settings(self) -> None:
        """Save the preferences, except in a read-only view (a browser viewer changes nothing)."""
        if self.started and not self.store.read_only:
            self.settings.save()

    # --- header and reloading ------------------------------------------------------------------

    def secrets(self) -> Secrets:
        """The confidential cards and the words to hide now (nothing when not presenting)."""
        return header.secrets_now(self.store if self.started else None, self.presenting)

    def refresh_title(self) -> None:
        """Header: project name and the current iteration (presenting: the meeting timer only)."""
        self.title_line.refresh()

    def update_sub_title(self) -> None:
        self.title_line.update()

    def on_scope_changed(self, message: ScopeChanged) -> None:
        self.update_sub_title()

    # --- projects ------------------------------------------------------------------------------

    def action_switch_project(self) -> None:
        """ctrl+o: the portfolio; the project chosen there (enter) is shown by every screen."""
        from cockpit.screens.portfolio import PortfolioScreen

        if self.workspace is None or isinstance(self.screen, PortfolioScreen):
            return
        self.push_screen(PortfolioScreen(self.workspace),
                         lambda project_id: self.switch_project(project_id) if project_id is not None else None)

    def switch_project(self, project_id: int) -> None:
        """Show ``project_id`` in this window: the store's reads, the header, every screen (which are
        told by ``ProjectChanged``, or notice when they are shown next); remembered in the workspace."""
        self.live.project_id = self.store.project_id = project_id
        try:
            self.store.portfolio.remember(project_id)
        except StoreError:
            pass  # where this window is does not have to be saved
        self.refresh_title()
        for screen in self.screen_stack:
            if isinstance(screen, CockpitScreen):
                screen.post_message(ProjectChanged(project_id))

    def meeting_timer(self) -> str | None:
        """The running meeting and its timer for the header ("● Stand-up · 04:12 · ..."), or None."""
        return self.title_line.meeting.full() if self.title_line.meeting is not None else None

    def notify(self, message: str, *, title: str = "", severity: "SeverityLevel" = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice, from any screen: while presenting, file paths are shown without their folder."""
        folders = (self.workspace.files,) if self.workspace is not None else ()
        super().notify(self.presentation.notice(message, folders), title=self.presentation.notice(title, folders),
                       severity=severity, timeout=timeout, markup=markup)

    def format_title(self, title: str, sub_title: str) -> Content:
        return self.title_line.format(title, sub_title)  # the speaker and the time left always fit

    def reload_screens(self) -> None:
        """The screen shown reloads from the store (after undo/redo or a change from elsewhere)."""
        self.refresh_title()
        if isinstance(screen := self.screen, CockpitScreen):
            self.presentation.apply(screen)
            screen.refresh_data()

    def jump_to_item(self, item_id: int) -> None:
        """Open the board with the cursor on a card (the palette's item provider)."""
        from cockpit.screens.board.screen import BoardScreen

        self.call_later(palette.jump_to, self, "board", BoardScreen, lambda board: board.focus_item(item_id))

    def jump_to_risk(self, risk_id: int) -> None:
        """Open Risks with the cursor on a risk (the palette's risk provider)."""
        from cockpit.screens.risks.screen import RisksScreen

        self.call_later(palette.jump_to, self, "risks", RisksScreen, lambda risks: risks.focus_risk(risk_id))

    # --- global actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.started:  # the workspace is still opening: only quitting makes sense
            return action == "quit"
        if action in ("undo", "redo", "start_meeting", "discard_meeting") and self.store.read_only:
            return False  # not offered: a read-only view changes nothing
        if action == "toggle_presentation" and self.present_only:
            return False
        if action in ("end_meeting", "start_meeting"):  # only the one that applies is shown
            return self.meeting_session is not None and self.meeting_session.active == (action == "end_meeting")
        return True

    def action_help(self) -> None:
        if not isinstance(screen := self.screen, HelpModal):
            title = type(screen).__name__.removesuffix("Screen")
            self.push_screen(HelpModal(title, getattr(screen, "HELP", ""), help_rows(screen, self.get_key_display)))

    def action_toggle_presentation(self) -> None:
        if not self.present_only:
            self.presentation.toggle()
            if self.presenting:
                self.notify("Presentation mode: f5 to leave", timeout=3)

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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette.system_commands(self, screen)
