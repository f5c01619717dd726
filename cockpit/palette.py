"""Command palette providers: jump to any item by title (features add providers for their things)."""

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from db.errors import StoreError


class ItemProvider(Provider):
    """Cards by title: choosing one opens the board with the cursor on it."""

    async def search(self, query: str) -> Hits:
        store = getattr(self.app, "store", None)
        if store is None or not query.strip():
            return
        matcher = self.matcher(query)
        try:
            items = store.items.search(query, limit=50)
        except StoreError:
            return
        presenting = bool(getattr(self.app, "presenting", False))
        for item in items:
            if presenting and item.confidential:
                continue  # on a shared screen, a search must not reveal (or confirm) confidential titles
            score = matcher.match(item.title)
            yield Hit(max(score, 0.1), Text(f"Card: {item.title}"), partial(self._jump, item.id),
                      help=f"#{item.id} · {item.kind} · {item.priority}")

    async def discover(self) -> Hits:
        return
        yield DiscoveryHit("", lambda: None)  # pragma: no cover  (an async generator with no hits)

    def _jump(self, item_id: int) -> None:
        jump = getattr(self.app, "jump_to_item", None)
        if jump is not None:
            jump(item_id)
