"""The keys of a screen, listed for the F1 help and the command palette.

Both list the bindings that apply on the screen now, each with the keys that reach it (as the app
displays them: ``key_display``), so a remapped key shows up everywhere the same way.
"""

from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def help_rows(screen: Screen, key_display: Callable[[Binding], str]) -> list[tuple[str, str]]:
    """(keys, description) for each described binding active on ``screen``."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        if active.binding.description:
            keys.setdefault(active.binding.description, []).append(key_display(active.binding))
    return [(" / ".join(dict.fromkeys(names)), description) for description, names in keys.items()]


def binding_commands(screen: Screen, key_display: Callable[[Binding], str],
                     run: Callable[[str, object], object]) -> Iterable[SystemCommand]:
    """A palette command for each enabled, described binding on ``screen`` (once per action);
    choosing it calls ``run(action, node)``."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        keys = key_display(binding)
        yield SystemCommand(binding.description, f"{binding.tooltip or binding.description} ({keys})",
                            lambda action=binding.action, node=active.node: run(action, node))


def open_help(app: "App") -> None:
    """F1: the shown screen's help and every key that applies on it (not over the help itself)."""
    from cockpit.screens.help import HelpModal

    if not isinstance(screen := app.screen, HelpModal):
        title = type(screen).__name__.removesuffix("Screen")
        app.push_screen(HelpModal(title, getattr(screen, "HELP", ""), help_rows(screen, app.get_key_display)))
