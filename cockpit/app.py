"""CockpitApp: wiring only — modes, global bindings, the store, themes, palette and shutdown."""

import asyncio
import gc
import importlib
import signal
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from cockpit import keymap, meeting_ui
from cockpit.context import Clock, Live, Workspace
from cockpit.logic.present import Secrets, secrets_of
from cockpit.palette import ItemProvider, RiskProvider
from cockpit.presentation import Presentation
from cockpit.settings import Settings
from cockpit.text_keys import deliver_joiner
from db.errors import StoreError
from db.files import DatabaseError
from screens.base import CockpitScreen
from screens.help import HelpModal
from screens.opening import OpeningScreen

if TYPE_CHECKING:  # the database layer is imported after the first frame (see ``open_store``)
    from cockpit.logic.meeting_session import MeetingSession
    from db.store import Store
    from db.watch import ChangeWatcher

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

#: How often the app asks the database whether another window changed it (live updates).
LIVE_POLL_SECONDS = 0.25
#: Young-generation collections every 20,000 allocations instead of 700 (see ``settle_memory``).
GC_THRESHOLDS = (20_000, 20, 20)

#: mode name -> (key, title, "module:class" of its screen).  A screen's module is imported when the
#: mode is first shown, so start-up imports only the first screen's code.
MODES: dict[str, tuple[str, str, str]] = {
    "board": ("1", "Board", "screens.board.screen:BoardScreen"),
    "calendar": ("2", "Calendar", "screens.calendar.screen:CalendarScreen"),
    "risks": ("3", "Risks", "screens.risks.screen:RisksScreen"),
    "raci": ("4", "RACI", "screens.raci.screen:RaciScreen"),
    "retro": ("5", "Retro", "screens.meetings.retro:RetroScreen"),
    "meeting": ("6", "Meeting", "screens.meetings.screen:MeetingScreen"),
}


def mode_screen(mode: str) -> type[CockpitScreen]:
    """The screen class of a mode (importing its module on first use)."""
    module, _, name = MODES[mode][2].partition(":")
    return getattr(importlib.import_module(module), name)


#: The footer shows the six screen keys as one compact group ("1 2 3 4 5 6 Screens"), leaving room
#: for the keys of the screen itself (80 columns, presentation mode).
SCREENS_GROUP = Binding.Group("Screens", compact=True)


def settle_memory() -> None:
    """Once the first screen is drawn: move everything alive by then (modules, widgets, the loaded
    workspace) out of the garbage collector's sight, and collect young objects less often.

    A full collection walks every tracked object; at 5,000 cards that is about 350,000 of them, and
    it froze a key press for up to a second now and then (bench/board.py prints the slowest move).
    Frozen objects are still freed when nothing refers to them; only cycles among them stay.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class CockpitApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Cockpit"
    COMMANDS = App.COMMANDS | {ItemProvider, RiskProvider}
    BINDINGS = [
        *(Binding(key, f"app.switch_mode('{mode}')", title, id=f"app.mode_{mode}", tooltip=f"Open the {title} screen",
                  group=SCREENS_GROUP)
          for mode, (key, title, _cls) in MODES.items()),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Help and keys for this screen"),
        Binding("u", "undo", "Undo", id="app.undo", tooltip="Undo the last change made in this window"),
        Binding("ctrl+r", "redo", "Redo", id="app.redo", tooltip="Redo the last undone change"),
        Binding("f5", "toggle_presentation", "Present", id="app.present",
                tooltip="Presentation mode for screen sharing: high contrast, less chrome, confidential text hidden"),
        Binding("m", "start_meeting", "Start meeting", id="app.start_meeting",
                tooltip="Start a meeting (kind, attendees; the agenda is prefilled)"),
        Binding("ctrl+e", "end_meeting", "End meeting", id="app.end_meeting", priority=True,
                tooltip="End the running meeting and write its minutes"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit (saves everything)"),
    ]

    def __init__(self, store: "Store | None", *, open_store: "Callable[[], Store] | None" = None,
                 settings: Settings | None = None, today: date | None = None, start_mode: str = "board",
                 present: bool | None = None, present_only: bool = False, live: bool = True,
                 settle_gc: bool = False, opening: str = "Opening the workspace…") -> None:
        """``store``: the open workspace; or None and ``open_store``, which opens it right after the
        first frame (``opening`` is its message) is painted: the PM sees the cockpit at once."""
        super().__init__()
        if store is None and open_store is None:
            raise ValueError("CockpitApp needs a store, or open_store to open one")
        self.store: Store = store  # type: ignore[assignment]  # set by open_store before any screen
        self._open_store = open_store
        self._opening = opening
        #: Why ``open_store`` failed (the app then exits with status 2; the command line prints it).
        self.open_error: Exception | None = None
        self.settings = settings or Settings()
        #: "Today" pinned for every screen (tests and snapshots); the workspace clock serves it.
        self._today = today
        #: App-wide state screens read (presentation mode); changes reach them as messages.
        self.live = Live()
        #: The workspace context handed to every screen; built once the workspace is open.
        self.workspace: Workspace | None = None
        self.start_mode = start_mode
        #: Called once when the app ends, however it ends (quit, signal, crash): e.g. write minutes.
        self.shutdown_hooks: list[Callable[[], None]] = []
        self._shut_down = False
        #: Presentation mode (f5); ``present`` overrides the remembered setting.
        self.presentation = Presentation(self, HIGH_CONTRAST.name)
        self._present_at_start = present_only or (self.settings.presentation if present is None else present)
        #: Presentation mode that f5 cannot leave (a served view shown to guests: confidential stays hidden).
        self.present_only = present_only
        #: Live updates: notices other windows' changes (see db/watch.py); None when switched off.
        self.watcher: "ChangeWatcher | None" = None
        self._live = live
        #: Freeze start-up objects out of the garbage collector's way once drawn (the command line
        #: sets it; a test process that runs hundreds of apps leaves it off).
        self._settle_gc = settle_gc
        for mode in MODES:
            self.add_mode(mode, partial(self._new_screen, mode))
        self.register_theme(HIGH_CONTRAST)
        self._iteration_title = ""
        #: The meeting running in this window (its shutdown hook ends it and writes the minutes); set
        #: once the workspace is open.
        self.meeting_session: "MeetingSession | None" = None
        if store is not None:
            self._make_workspace()

    def _make_workspace(self) -> None:
        """The workspace context, once the store is open (before any screen is made)."""
        from cockpit.workspace import files_dir

        self.meeting_session = meeting_ui.install(self)
        self.workspace = Workspace(store=self.store, clock=Clock(self.store.clock, self._today),
                                   settings=self.settings, files=files_dir(self.store),
                                   meetings=self.meeting_session, live=self.live)

    @property
    def today(self) -> date:
        """Today, from the workspace clock."""
        if self.workspace is not None:
            return self.workspace.clock.today()
        return Clock(today=self._today).today()

    def _new_screen(self, mode: str) -> CockpitScreen:
        assert self.workspace is not None, "screens are made once the workspace is open"
        return mode_screen(mode)(self.workspace)

    @property
    def started(self) -> bool:
        """The workspace is open and the screens can be shown."""
        return self.store is not None

    # --- start ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        keymap.apply(self, self.settings)  # the [keys] of the settings; bad entries warn once
        if self._present_at_start:
            self.presentation.set(True, remember=False)
        self._install_signal_handlers()
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
        from db.watch import ChangeWatcher

        if self.workspace is None:
            self._make_workspace()
        self.refresh_title()
        if self._live:
            self.watcher = ChangeWatcher(self.store)
            self.set_interval(LIVE_POLL_SECONDS, self.check_for_changes, name="live updates")
        self.switch_mode(self.start_mode)
        self.call_after_refresh(self.refresh_bindings)  # the keys apply now (check_action): the footer shows them
        self.set_interval(1, partial(meeting_ui.tick, self))
        self.call_after_refresh(meeting_ui.offer_unfinished, self)
        if self._settle_gc:
            self.call_after_refresh(settle_memory)

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.close()

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
        if self.presenting:
            return  # the presentation theme is not the user's choice; leaving f5 restores theirs
        self.settings.theme = theme.name
        self.save_settings()

    def save_settings(self) -> None:
        """Save the preferences, except in a read-only view (a browser viewer changes nothing)."""
        if self.started and not self.store.read_only:
            self.settings.save()

    @property
    def presenting(self) -> bool:
        """Presentation mode (f5) is on."""
        return self.live.presenting

    def secrets(self) -> Secrets:
        """The confidential cards and the words to hide now (nothing when not presenting)."""
        if not self.started:
            return Secrets()
        try:
            return secrets_of(self.store, self.presenting)
        except StoreError:
            return Secrets()

    def refresh_title(self) -> None:
        """Header: project name and the current iteration (presenting: the meeting timer only)."""
        if not self.started:
            return
        try:
            project = self.store.workspace.project()
            iteration = self.store.workspace.current_iteration(self.today)
        except StoreError:
            return
        self.title = project.name
        self._iteration_title = (f"Iteration {iteration.name} · {iteration.start:%d %b} – {iteration.end:%d %b}"
                                 if iteration else "no iteration running")
        self.update_sub_title()

    def update_sub_title(self) -> None:
        """The header's second part: read-only, the running meeting and its timer, the iteration
        (presenting: no iteration, to keep the shared screen quiet)."""
        parts = ["read-only view"] if self.started and self.store.read_only else []
        meeting = self.meeting_timer()
        parts += [meeting] if meeting else []
        if not self.presenting and self._iteration_title:
            parts.append(self._iteration_title)
        self.sub_title = "  ·  ".join(parts)

    def meeting_timer(self) -> str | None:
        """The running meeting and its timer for the header ("● Stand-up · 04:12 · ..."), or None."""
        if self.meeting_session is None:
            return None
        return meeting_ui.header_text(self.meeting_session, self.secrets)

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

    def action_toggle_presentation(self) -> None:
        if self.present_only:
            return
        self.presentation.toggle()
        if self.presenting:
            self.notify("Presentation mode: f5 to leave", timeout=3)

    def check_for_changes(self) -> None:
        """Live updates: reload the screen when another window changed the database."""
        if self.watcher is None or not self.is_running or not self.screen.is_attached:
            return  # a tick while the app closes: its screens' widgets may already be gone
        try:
            changed = self.watcher.changed()
        except Exception as exc:  # noqa: BLE001 - a busy or vanished database must not crash the UI
            self.log.warning(f"live update check failed: {exc}")
            return
        if changed:
            self.reload_screens()

    def action_undo(self) -> None:
        self._undo_redo(self.store.undo, "Undone")

    def action_redo(self) -> None:
        self._undo_redo(self.store.redo, "Redone")

    def _undo_redo(self, step: Callable[[], str], verb: str) -> None:
        try:
            label = step()
        except StoreError as error:
            self.notify(self.secrets().hide(error.message), severity="warning", markup=False)
        else:  # the label names the card or risk: not shown on a shared screen
            self.notify(verb if self.presenting else f"{verb}: {label}", markup=False)
        self.reload_screens()

    def reload_screens(self) -> None:
        """Every screen reloads from the store (after undo/redo or a change from elsewhere)."""
        self.refresh_title()
        screen = self.screen
        if isinstance(screen, CockpitScreen):
            self.presentation.apply(screen)
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
        if not self.started:  # the workspace is still opening: only quitting makes sense
            return action == "quit"
        if action in ("undo", "redo", "start_meeting") and self.store.read_only:
            return None  # shown greyed out: a read-only view changes nothing
        if action == "toggle_presentation" and self.present_only:
            return False
        if action in ("end_meeting", "start_meeting"):  # only the one that applies is shown
            return self.meeting_session is not None and self.meeting_session.active == (action == "end_meeting")
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
