"""What every repository shares: a reference to its store."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.db.store import Store


class Repo:
    def __init__(self, store: "Store") -> None:
        self.store = store
