"""The command palette: providers that jump to any card or risk by its title, and the commands it
lists (the keys of the screen shown, every other screen's actions, the high-contrast theme).

Each provider names how to find things (``find``), how to show a hit (``describe``) and where a
chosen hit goes (``jump``); searching, scoring and hiding confidential things while presenting (a
search on a shared screen must not reveal or confirm a confidential title) are shared.
"""

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from rich.text import Text
from textual.command import Hit, Hits, Provider

from textual.app import App, SystemCommand
from textual.screen import Screen

from cockpit import screen_actions
from cockpit.context import Live
from cockpit.db.errors import StoreError

if TYPE_CHECKING:
    from cockpit.db.store import Store

S = TypeVar("S", bound=Screen)


class PaletteApp(Protocol):
    """What the providers read of the app they belong to (the app shell, without importing it)."""

    store: "Store"
    live: Live

    @property
    def started(self) -> bool: ...


def system_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """The palette's commands besides Textual's own: the high-contrast theme, the keys that apply on
    ``screen``, and every action of the other screens (which switch to their screen first)."""
    from cockpit.key_listing import binding_commands
    from cockpit.presentation import HIGH_CONTRAST

    yield SystemCommand("High-contrast theme", "Switch to the high-contrast theme (remembered)",
                        partial(setattr, app, "theme", HIGH_CONTRAST.name))
    yield from binding_commands(screen, app.get_key_display, partial(app.call_later, app.run_action))
    yield from screen_actions.commands(screen, app.get_key_display,
                                       lambda action: app.call_later(screen_actions.run, app, action))


async def jump_to(app: App, mode: str, screen_type: type[S], go: Callable[[S], None]) -> None:
    """Show ``mode`` and call ``go`` with its screen (the palette's jumps to a card or a risk)."""
    await app.switch_mode(mode)
    if isinstance(screen := app.screen, screen_type):
        go(screen)


class TitleProvider(Provider):
    """Things with a ``title`` (and a ``confidential`` flag), found through the app's store."""

    @property
    def cockpit(self) -> PaletteApp:
        """The app, typed as the cockpit these providers are registered on (``CockpitApp.COMMANDS``)."""
        return cast(PaletteApp, self.app)

    def find(self, store: Any, query: str) -> Sequence[Any]:
        raise NotImplementedError

    def describe(self, thing: Any) -> tuple[str, str]:
        """(the hit's text, its help line)."""
        raise NotImplementedError

    def jump(self, thing_id: int) -> None:
        raise NotImplementedError

    async def search(self, query: str) -> Hits:
        cockpit = self.cockpit
        if not cockpit.started or not query.strip():
            return
        store = cockpit.store
        matcher = self.matcher(query)
        try:
            things = self.find(store, query)
        except StoreError:
            return
        presenting = cockpit.live.presenting
        for thing in things:
            if presenting and getattr(thing, "confidential", False):
                continue
            text, help_text = self.describe(thing)
            yield Hit(max(matcher.match(thing.title), 0.1), Text(text), partial(self.jump, thing.id), help=help_text)


class ItemProvider(TitleProvider):
    """Cards by title: choosing one opens the board with the cursor on it."""

    def find(self, store: Any, query: str) -> Sequence[Any]:
        return store.items.search(query, limit=50)

    def describe(self, item: Any) -> tuple[str, str]:
        return f"Card: {item.title}", f"#{item.id} · {item.kind} · {item.priority}"

    def jump(self, item_id: int) -> None:
        jump_to_item(self.app, item_id)


class RiskProvider(TitleProvider):
    """Risks by title: choosing one opens the Risks screen with the cursor on it."""

    def find(self, store: Any, query: str) -> Sequence[Any]:
        return store.risks.search(query, limit=50)

    def describe(self, risk: Any) -> tuple[str, str]:
        return f"Risk: {risk.title}", f"#{risk.id} · score {risk.score} · {risk.status}"

    def jump(self, risk_id: int) -> None:
        jump_to_risk(self.app, risk_id)


def jump_to_item(app: App, item_id: int) -> None:
    """Open the board with the cursor on a card (the item provider's choice)."""
    from cockpit.screens.board.screen import BoardScreen

    app.call_later(jump_to, app, "board", BoardScreen, lambda board: board.focus_item(item_id))


def jump_to_risk(app: App, risk_id: int) -> None:
    """Open Risks with the cursor on a risk (the risk provider's choice)."""
    from cockpit.screens.risks.screen import RisksScreen

    app.call_later(jump_to, app, "risks", RisksScreen, lambda risks: risks.focus_risk(risk_id))
