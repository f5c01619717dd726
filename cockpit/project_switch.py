"""Which project a window shows: ctrl+o opens the portfolio, and the project chosen there (enter) is
shown by every screen. Handed the app and its workspace; never imports cockpit.app."""

from typing import TYPE_CHECKING

from textual.app import App

from cockpit.context import ProjectChanged, Workspace
from cockpit.db.errors import StoreError
from cockpit.screens.base import CockpitScreen

if TYPE_CHECKING:
    from cockpit.header import TitleLine


def open_portfolio(app: App, workspace: Workspace | None, title_line: "TitleLine") -> None:
    """ctrl+o: the portfolio; the project chosen there (enter) is shown by every screen and the header."""
    from cockpit.screens.portfolio import PortfolioScreen

    def chosen(project_id: int | None) -> None:
        if project_id is not None and workspace is not None:
            switch(app, workspace, project_id)
            title_line.refresh()

    if workspace is not None and not isinstance(app.screen, PortfolioScreen):
        app.push_screen(PortfolioScreen(workspace), chosen)


def switch(app: App, workspace: Workspace, project_id: int) -> None:
    """Show ``project_id`` in this window: the store's reads, every screen (which are told by
    ``ProjectChanged``, or notice when they are shown next); remembered in the workspace."""
    store = workspace.store
    workspace.live.project_id = store.project_id = project_id
    try:
        store.portfolio.remember(project_id)
    except StoreError:
        pass  # where this window is does not have to be saved
    for screen in app.screen_stack:
        if isinstance(screen, CockpitScreen):
            screen.post_message(ProjectChanged(project_id))
