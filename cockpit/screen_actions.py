"""Every action of every screen in the command palette (ctrl+p), wherever you are.

The palette already lists the keys that apply on the screen shown (``key_listing.binding_commands``);
this adds, for each other screen, a command per action it binds ("Risks: Raise impact"): choosing one
switches to that screen and runs the action there, as its key would.  An action is a binding with a
description that the screen itself defines, or that a widget of the screen shows in its footer (the
cursor moves of a widget are not actions).
"""

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from cockpit.modes import MODES, mode_screen


@dataclass(frozen=True)
class ScreenAction:
    """One action of a mode's screen: run on the screen (``owner`` None) or on its ``owner`` widget."""

    mode: str
    title: str  #: the screen's title ("Risks")
    binding: Binding
    owner: type[Widget] | None = None


def _ours(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "cockpit"


def _widgets_of(screen: type[Screen]) -> list[type[Widget]]:
    """The keyed widgets a screen's module composes (the cockpit widgets it imports)."""
    module = vars(sys.modules[screen.__module__])
    found = [thing for thing in module.values() if isinstance(thing, type) and issubclass(thing, Widget)
             and not issubclass(thing, Screen) and thing.__module__.startswith("cockpit.widgets")
             and "BINDINGS" in thing.__dict__]
    return sorted(found, key=lambda cls: cls.__qualname__)


def actions_of(mode: str) -> list[ScreenAction]:
    """The actions of one mode's screen, once per action."""
    screen = mode_screen(mode)
    title = MODES[mode][1]
    found: dict[tuple[type | None, str], ScreenAction] = {}
    for cls in reversed(screen.__mro__):  # the base's bindings first, as Textual merges them
        if _ours(cls):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.description:
                    found.setdefault((None, binding.action), ScreenAction(mode, title, binding))
    for widget in _widgets_of(screen):
        for binding in widget.__dict__["BINDINGS"]:
            if isinstance(binding, Binding) and binding.description and binding.show:
                found.setdefault((widget, binding.action), ScreenAction(mode, title, binding, widget))
    return list(found.values())


def all_actions() -> list[ScreenAction]:
    """Every action of every screen (imports every screen's module: only when the palette opens)."""
    return [action for mode in MODES for action in actions_of(mode)]


def commands(current: Screen, key_display: Callable[[Binding], str],
             go: Callable[[ScreenAction], object]) -> Iterable[SystemCommand]:
    """A palette command for each action of the screens other than ``current`` (the current one's
    are listed from its active bindings); choosing one calls ``go(action)``."""
    for action in all_actions():
        if isinstance(current, mode_screen(action.mode)):
            continue
        binding = action.binding
        yield SystemCommand(f"{action.title}: {binding.description}",
                            f"{binding.tooltip or binding.description} (opens {action.title}; "
                            f"{key_display(binding)} there)", partial(go, action))


async def run(app: "object", action: ScreenAction) -> bool:
    """Switch to the action's screen and run it there; False if it does not apply now."""
    from textual.app import App

    assert isinstance(app, App)
    await app.switch_mode(action.mode)
    screen = app.screen
    node = screen if action.owner is None else next(iter(screen.query(action.owner)), None)
    if node is None:
        app.notify(f"{action.title}: nothing to {action.binding.description.lower()} here.", markup=False)
        return False
    return await app.run_action(action.binding.action, node)
