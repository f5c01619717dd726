"""Which project a window shows: ctrl+o opens the portfolio, and the project chosen there (enter) is
shown by every screen. Handed the app and its workspace; never imports cockpit.app."""

from collections.abc import Callable

from textual.app import App

from cockpit.context import Live, ProjectChanged, Workspace
from cockpit.db.errors import StoreError
from cockpit.screens.base import CockpitScreen


def open_portfolio(app: App, workspace: Workspace | None, chosen: Callable[[int], None]) -> None:
    """ctrl+o: the portfolio; the project chosen there (enter) is passed to ``chosen``."""
    from cockpit.screens.portfolio import PortfolioScreen

    if workspace is None or isinstance(app.screen, PortfolioScreen):
        return
    app.push_screen(PortfolioScreen(workspace),
                    lambda project_id: chosen(project_id) if project_id is not None else None)


def switch(app: App, workspace: Workspace, live: Live, project_id: int) -> None:
    """Show ``project_id`` in this window: the store's reads, the header, every screen (which are told by
    ``ProjectChanged``, or notice when they are shown next); remembered in the workspace."""
    store = workspace.store
    live.project_id = store.project_id = project_id
    try:
        store.portfolio.remember(project_id)
    except StoreError:
        pass  # where this window is does not have to be saved
    for screen in app.screen_stack:
        if isinstance(screen, CockpitScreen):
            screen.post_message(ProjectChanged(project_id))
