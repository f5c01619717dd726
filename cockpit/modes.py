"""The app's modes (one per main screen), their keys and the keys that work everywhere, and how a
mode's screen is made.

A screen's module is imported when its mode is first shown, so start-up imports only the first
screen's code.
"""

import gc
import importlib

from textual.binding import Binding

from cockpit.screens.base import CockpitScreen

#: mode name -> (key, title, "module:class" of its screen).
MODES: dict[str, tuple[str, str, str]] = {
    "board": ("1", "Board", "cockpit.screens.board.screen:BoardScreen"),
    "calendar": ("2", "Calendar", "cockpit.screens.calendar.screen:CalendarScreen"),
    "risks": ("3", "Risks", "cockpit.screens.risks.screen:RisksScreen"),
    "raci": ("4", "RACI", "cockpit.screens.raci.screen:RaciScreen"),
    "retro": ("5", "Retro", "cockpit.screens.meetings.retro:RetroScreen"),
    "meeting": ("6", "Meeting", "cockpit.screens.meetings.screen:MeetingScreen"),
    "goals": ("7", "Goals", "cockpit.screens.goals.screen:GoalsScreen"),
    "efficiency": ("8", "Efficiency", "cockpit.screens.efficiency.screen:EfficiencyScreen"),
    "history": ("9", "History", "cockpit.screens.history.screen:HistoryScreen"),
    "setup": ("0", "Setup", "cockpit.screens.setup.screen:SetupScreen"),
}

#: The footer shows the screen keys as one compact group ("1 2 3 4 5 6 7 0 Screens"), leaving room
#: for the keys of the screen itself (80 columns, presentation mode).
SCREENS_GROUP = Binding.Group("Screens", compact=True)

#: Young-generation collections every 20,000 allocations instead of 700 (see ``settle_memory``).
GC_THRESHOLDS = (20_000, 20, 20)


def mode_screen(mode: str) -> type[CockpitScreen]:
    """The screen class of a mode (importing its module on first use)."""
    module, _, name = MODES[mode][2].partition(":")
    return getattr(importlib.import_module(module), name)


def mode_bindings() -> list[Binding]:
    """``1``…``9`` and ``0``: one key per mode."""
    return [Binding(key, f"app.switch_mode('{mode}')", title, id=f"app.mode_{mode}",
                    tooltip=f"Open the {title} screen", group=SCREENS_GROUP)
            for mode, (key, title, _cls) in MODES.items()]


def app_bindings() -> list[Binding]:
    """The keys that work on every screen: the modes, help, undo and redo, f5, meetings, the portfolio, quit."""
    return [
        *mode_bindings(),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Help and keys for this screen"),
        Binding("u", "undo", "Undo", id="app.undo", tooltip="Undo the last change made in this window"),
        Binding("ctrl+r", "redo", "Redo", id="app.redo", tooltip="Redo the last undone change"),
        Binding("f5", "toggle_presentation", "Present", id="app.present",
                tooltip="Presentation mode for screen sharing: high contrast, less chrome, confidential text hidden"),
        Binding("m", "start_meeting", "Start meeting", id="app.start_meeting",
                tooltip="Start a meeting (kind, attendees; the agenda is prefilled)"),
        Binding("ctrl+e", "end_meeting", "End meeting", id="app.end_meeting", priority=True,
                tooltip="End the running meeting and write its minutes"),
        Binding("ctrl+o", "switch_project", "Switch project", id="app.switch_project", show=False,
                tooltip="The portfolio: every project with its figures; enter switches to one"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit (saves everything)"),
    ]


#: The global actions a read-only view does not offer: it changes nothing.
WRITING_ACTIONS = frozenset({"undo", "redo", "start_meeting", "discard_meeting"})


def offered(action: str, *, started: bool, read_only: bool, present_only: bool, meeting: bool | None) -> bool:
    """Whether a global key applies now (the app's ``check_action``): only quitting while the workspace
    opens; nothing that writes in a read-only view; f5 stays on in a served view shown to guests; of
    "start" and "end meeting" only the one that applies (``meeting``: one is running; None: no session)."""
    if not started:
        return action == "quit"
    if action in WRITING_ACTIONS and read_only:
        return False
    if action == "toggle_presentation" and present_only:
        return False
    if action in ("end_meeting", "start_meeting"):
        return meeting is not None and meeting == (action == "end_meeting")
    return True


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
