"""Command palette providers: jump to any card or risk by its title.

Each provider names how to find things (``find``), how to show a hit (``describe``) and where a
chosen hit goes (``jump``); searching, scoring and hiding confidential things while presenting (a
search on a shared screen must not reveal or confirm a confidential title) are shared.
"""

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.text import Text
from textual.command import Hit, Hits, Provider

from cockpit.context import Live
from cockpit.db.errors import StoreError

if TYPE_CHECKING:
    from cockpit.db.store import Store


class PaletteApp(Protocol):
    """What the providers read of the app they belong to (the app shell, without importing it)."""

    store: "Store"
    live: Live

    @property
    def started(self) -> bool: ...

    def jump_to_item(self, item_id: int) -> None: ...


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
        self.cockpit.jump_to_item(item_id)


class RiskProvider(TitleProvider):
    """Risks by title: choosing one opens the Risks screen with the cursor on it."""

    def find(self, store: Any, query: str) -> Sequence[Any]:
        return store.risks.search(query, limit=50)

    def describe(self, risk: Any) -> tuple[str, str]:
        return f"Risk: {risk.title}", f"#{risk.id} · score {risk.score} · {risk.status}"

    def jump(self, risk_id: int) -> None:
        app = self.app

        def focus() -> None:
            focus_risk = getattr(app.screen, "focus_risk", None)
            if focus_risk is not None:
                focus_risk(risk_id)

        app.switch_mode("risks")
        app.call_after_refresh(focus)
