"""Demo data of the meetings feature (see its issue)."""

from typing import TYPE_CHECKING

from db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext


def seed(store: Store, ctx: "DemoContext") -> None:
    """Nothing yet."""
