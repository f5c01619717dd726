"""The header's text: the project shown (and its campaign) as the title; read-only, the running meeting and its timer,
and the current iteration as the sub-title (presenting: no iteration, to keep a shared screen quiet).
"""

from datetime import date
from typing import TYPE_CHECKING

from cockpit.logic.present import Secrets
from cockpit.services.present import secrets_of
from cockpit.db.errors import StoreError

if TYPE_CHECKING:
    from cockpit.db.store import Store


def titles(store: "Store", today: date) -> tuple[str, str] | None:
    """(the project's name, "Iteration 12 · 16 Nov – 29 Nov"), or None if the store refused."""
    try:
        project = store.workspace.project()
        iteration = store.workspace.current_iteration(today, project.id)
        campaign = store.portfolio.path(project.campaign_id)
    except StoreError:
        return None
    name = f"{project.name} ({campaign})" if campaign and campaign != project.name else project.name
    return name, (f"Iteration {iteration.name} · {iteration.start:%d %b} – {iteration.end:%d %b}"
                          if iteration else "no iteration running")


def sub_title(*, read_only: bool, meeting: str | None, presenting: bool, iteration: str,
              scope: str | None = None) -> str:
    """``scope``: what the screen shows of the project (the board's iterations), said even while
    presenting; else the current iteration, left out while presenting."""
    parts = ["read-only view"] if read_only else []
    parts += [meeting] if meeting else []
    if scope:
        parts.append(scope)
    elif not presenting and iteration:
        parts.append(iteration)
    return "  ·  ".join(parts)


def secrets_now(store: "Store | None", presenting: bool) -> Secrets:
    """The confidential cards and the words to hide now (nothing when not presenting)."""
    if store is None:
        return Secrets()
    try:
        return secrets_of(store, presenting)
    except StoreError:
        return Secrets()
