"""What the cockpit offers once at start: the guided setup on a new, empty workspace, then (once per
change log author) "which person are you?".  Handed the app's pieces; never imports cockpit.app."""

from collections.abc import Callable

from textual.app import App

from cockpit.screens.base import CockpitScreen
from cockpit.screens.setup.first_run import EDIT, offer_link, open_guided_setup


def offer_at_start(app: App, store, show_setup: Callable[[str], None]) -> None:  # noqa: ANN001 - a Store
    """Open the guided setup if the workspace is new and empty, else offer to link the author."""
    screen = app.screen
    if not isinstance(screen, CockpitScreen) or store.read_only:
        return
    if store.settings.first_run_pending():
        def done(stages: str | None) -> None:
            if stages == EDIT:
                show_setup("workflow")
            elif isinstance(app.screen, CockpitScreen):
                offer_link(app.screen)
        open_guided_setup(screen, done)
        return
    offer_link(screen)
