"""Presentation mode, the part that reads the store: what a shared screen must not show now."""

from typing import TYPE_CHECKING

from cockpit.logic.present import Secrets

if TYPE_CHECKING:
    from cockpit.db.store import Store


def secrets_of(store: "Store", presenting: bool) -> Secrets:
    """The confidential cards and risks now (nothing to hide when not presenting)."""
    if not presenting:
        return Secrets()
    cards = store.items.confidential_titles()
    risks = store.risks.confidential_titles()
    return Secrets(cards, [*cards.values(), *risks.values()])
