"""CockpitApp: wiring only — modes, global bindings, the store, themes, palette and shutdown."""

import asyncio
import signal
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from cockpit import meeting_ui
from cockpit.palette import ItemProvider
from cockpit.settings import Settings
from db.errors import StoreError
from db.store import Store
from screens.base import CockpitScreen
from screens.board import BoardScreen
from screens.calendar import CalendarScreen
from screens.help import HelpModal
from screens.meeting import MeetingScreen
from screens.raci import RaciScreen
from screens.retro import RetroScreen
from screens.risks import RisksScreen

HIGH_CONTRAST = Theme(
    name="cockpit-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
)

#: mode name -> (key, title, screen class); later issues add theirs here.
MODES: dict[str, tuple[str, str, type[CockpitScreen]]] = {
    "board": ("1", "Board", BoardScreen),
    "calendar": ("2", "Calendar", CalendarScreen),
    "risks": ("3", "Risks", RisksScreen),
    "raci": ("4", "RACI", RaciScreen),
    "retro": ("5", "Retro", RetroScreen),
    "meeting": ("6", "Meeting", MeetingScreen),
}


class CockpitApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Cockpit"
    COMMANDS = App.COMMANDS | {ItemProvider}
    BINDINGS = [
        *(Binding(key, f"app.switch_mode('{mode}')", title, id=f"app.mode_{mode}", tooltip=f"Open the {title} screen")
          for mode, (key, title, _cls) in MODES.items()),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Help and keys for this screen"),
        Binding("u", "undo", "Undo", id="app.undo", tooltip="Undo the last change made in this window"),
        Binding("ctrl+r", "redo", "Redo", id="app.redo", tooltip="Redo the last undone change"),
        Binding("m", "start_meeting", "Start meeting", id="app.start_meeting",
                tooltip="Start a meeting (kind, attendees; the agenda is prefilled)"),
        Binding("ctrl+e", "end_meeting", "End meeting", id="app.end_meeting", priority=True,
                tooltip="End the running meeting and write its minutes"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit (saves everything)"),
    ]

    def __init__(self, store: Store, *, settings: Settings | None = None, today: date | None = None,
                 start_mode: str = "board") -> None:
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        #: "Today" for every screen; injected by tests and snapshots.
        self.today = today
        self.start_mode = start_mode
        #: Called once when the app ends, however it ends (quit, signal, crash): e.g. write minutes.
        self.shutdown_hooks: list[Callable[[], None]] = []
        self._shut_down = False
        for mode, (_key, _title, screen_class) in MODES.items():
            self.add_mode(mode, partial(screen_class, store))
        self.register_theme(HIGH_CONTRAST)
        self._iteration_title = ""
        #: The meeting running in this window (its shutdown hook ends it and writes the minutes).
        self.meeting_session = meeting_ui.install(self)

    # --- start ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.refresh_title()
        self._install_signal_handlers()
        self.switch_mode(self.start_mode)
        self.set_interval(1, partial(meeting_ui.tick, self))
        self.call_after_refresh(meeting_ui.offer_unfinished, self)

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, self._on_signal)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread (tests), or no signals on this platform

    def _on_signal(self) -> None:
        self.run_shutdown_hooks()
        self.exit()

    def _remember_theme(self, theme: Theme) -> None:
        self.settings.theme = theme.name
        self.settings.save()

    def refresh_title(self) -> None:
        """Header: project name and the current iteration."""
        try:
            project = self.store.workspace.project()
            iteration = self.store.workspace.current_iteration(self.today)
        except StoreError:
            return
        self.title = project.name
        self._iteration_title = (f"Iteration {iteration.name} · {iteration.start:%d %b} – {iteration.end:%d %b}"
                                 if iteration else "no iteration running")
        meeting_ui.tick(self)

    # --- global actions ------------------------------------------------------------------------

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpModal):
            return
        keys: dict[str, list[str]] = {}
        for key, active in screen.active_bindings.items():
            if active.binding.description:
                keys.setdefault(active.binding.description, []).append(self.get_key_display(active.binding))
        rows = [(" / ".join(dict.fromkeys(names)), description) for description, names in keys.items()]
        title = type(screen).__name__.removesuffix("Screen")
        self.push_screen(HelpModal(title, getattr(screen, "HELP", ""), rows))

    def action_undo(self) -> None:
        self._undo_redo(self.store.undo, "Undone")

    def action_redo(self) -> None:
        self._undo_redo(self.store.redo, "Redone")

    def _undo_redo(self, step: Callable[[], str], verb: str) -> None:
        try:
            label = step()
        except StoreError as error:
            self.notify(error.message, severity="warning", markup=False)
        else:
            self.notify(f"{verb}: {label}", markup=False)
        self.reload_screens()

    def reload_screens(self) -> None:
        """Every screen reloads from the store (after undo/redo or a change from elsewhere)."""
        self.refresh_title()
        screen = self.screen
        if isinstance(screen, CockpitScreen):
            screen.refresh_data()

    def jump_to_item(self, item_id: int) -> None:
        """Open the board with the cursor on a card (the palette's item provider)."""
        def focus() -> None:
            focus_item = getattr(self.screen, "focus_item", None)
            if focus_item is not None:
                focus_item(item_id)
        self.switch_mode("board")
        self.call_after_refresh(focus)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("end_meeting", "start_meeting"):  # only the one that applies is shown
            return self.meeting_session.active == (action == "end_meeting")
        return True

    def action_start_meeting(self, kind: str = "stand-up", iteration_id: int | None = None) -> None:
        meeting_ui.start_meeting(self, kind, iteration_id)

    def action_end_meeting(self) -> None:
        meeting_ui.end_meeting(self)

    async def action_quit(self) -> None:
        self.run_shutdown_hooks()
        self.exit()

    def run_shutdown_hooks(self) -> None:
        """Run the shutdown hooks once; safe to call from every exit path."""
        if self._shut_down:
            return
        self._shut_down = True
        for hook in self.shutdown_hooks:
            try:
                hook()
            except Exception as exc:  # noqa: BLE001 - one failing hook must not stop the others
                self.log.error(f"shutdown hook failed: {exc}")

    # --- command palette -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("High-contrast theme", "Switch to the high-contrast theme (remembered)",
                            partial(setattr, self, "theme", HIGH_CONTRAST.name))
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            keys = self.get_key_display(binding)
            yield SystemCommand(binding.description, f"{binding.tooltip or binding.description} ({keys})",
                                partial(self.call_later, self.run_action, binding.action, active.node))
