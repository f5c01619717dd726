"""Presentation mode, the part that reads the store: what a shared screen must not show now."""

from typing import TYPE_CHECKING

from cockpit.logic.present import Secrets

if TYPE_CHECKING:
    from cockpit.db.store import Store


def secrets_of(store: "Store", presenting: bool) -> Secrets:
    """The confidential cards and risks, and the confidential objectives of the project shown with
    their KRs' titles, now (nothing to hide when not presenting)."""
    if not presenting:
        return Secrets()
    cards = store.items.confidential_titles()
    risks = store.risks.confidential_titles()
    secret = {o.id: o.title for o in store.goals.objectives() if o.confidential}
    goals = [*secret.values(), *(kr.title for kr in store.goals.key_results() if kr.objective_id in secret)] \
        if secret else []
    return Secrets(cards, [*cards.values(), *risks.values(), *goals])
