"""Every action of every screen is reachable from the command palette wherever you are, switching
screen as needed (the README's promise; issue 14)."""

import pytest
from textual.command import CommandPalette

from cockpit import screen_actions
from cockpit.modes import MODES, mode_screen
from cockpit.screens.risks.screen import RisksScreen
from tests.helpers import cockpit_app, search_palette, until


def _described_bindings(mode: str) -> set[str]:
    """Every described binding the screen of ``mode`` defines (its classes of ours), by action."""
    screen = mode_screen(mode)
    return {binding.action for cls in screen.__mro__ if cls.__module__.startswith("cockpit")
            for binding in cls.__dict__.get("BINDINGS", []) if binding.description}


def test_every_binding_of_every_screen_is_a_palette_action():
    for mode in MODES:
        actions = {action.binding.action for action in screen_actions.actions_of(mode) if action.owner is None}
        assert _described_bindings(mode) <= actions, mode


@pytest.mark.parametrize("mode", list(MODES))
async def test_each_action_of_a_screen_runs_from_the_palette_of_another_screen(store, settings, monkeypatch, mode):
    other = next(name for name in MODES if name != mode)
    app = cockpit_app(store, settings=settings, start_mode=other)
    ran: list[tuple[str, object]] = []
    run_action = type(app).run_action

    async def recording(self, action, default_namespace=None, namespaces=None):  # noqa: ANN001, ANN202
        ran.append((action, default_namespace))
        return True  # recorded, not run: each action is run for real by the screens' own tests

    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: app.started and app.screen.is_mounted)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        monkeypatch.setattr(type(app), "run_action", recording)
        for action in screen_actions.actions_of(mode):
            title = f"{action.title}: {action.binding.description}"
            assert title in commands, f"no palette command {title!r} on the {other} screen"
            monkeypatch.setattr(type(app), "run_action", run_action)
            await pilot.press(MODES[other][0])  # back on the other screen
            await until(pilot, lambda: not isinstance(app.screen, mode_screen(mode)))
            monkeypatch.setattr(type(app), "run_action", recording)
            ran.clear()
            commands[title].callback()
            await until(pilot, lambda: bool(ran), f"{title} to run")
            [(name, node)] = ran
            assert isinstance(app.screen, mode_screen(mode)) and name == action.binding.action
            assert node is app.screen if action.owner is None else isinstance(node, action.owner)
            target, method, _params = app._parse_action(name, node)
            assert callable(getattr(target, f"action_{method}", None)), f"{title}: no action_{method}"


async def test_raising_a_risk_from_the_board_palette_saves_it(store, settings):
    risk = store.risks.create(title="Vendor late", probability=2, impact=3)
    app = cockpit_app(store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.started and app.screen.is_mounted)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await search_palette(pilot, "Risks: I+")
        await pilot.press("enter")
        await until(pilot, lambda: store.risks.get(risk.id).impact == 4, "the impact to be raised")
        assert isinstance(app.screen, RisksScreen)
        assert store.risks.get(risk.id).version == risk.version + 1
