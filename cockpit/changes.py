"""Changes that reload the screens: undo / redo (u, ctrl+r) in this window, and live updates (a
change another window made to the same database, noticed by cheap polling of ``data_version`` on
SQLite, by LISTEN/NOTIFY on PostgreSQL: see db/watch.py)."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

from cockpit.logic.present import Secrets
from cockpit.screens.base import CockpitScreen
from cockpit.db.errors import StoreError

if TYPE_CHECKING:
    from cockpit.header import TitleLine
    from cockpit.presentation import Presentation
    from cockpit.db.store import Store
    from cockpit.db.watch import ChangeWatcher

#: How often the app asks the database whether another window changed it (live updates).
LIVE_POLL_SECONDS = 0.25


class Changes:
    """Owned by the app: after a change, ``reload_screens`` redraws the header (``title_line``) and the
    current screen from the store, in line with presentation mode (``presentation``)."""

    def __init__(self, app: App, *, title_line: "TitleLine", presentation: "Presentation",
                 secrets: Callable[[], Secrets]) -> None:
        self.app = app
        self.title_line, self.presentation = title_line, presentation
        self._secrets = secrets
        #: Live updates: notices other windows' changes (see db/watch.py); None when switched off.
        self.watcher: "ChangeWatcher | None" = None

    def watch(self, store: "Store", check: Callable[[], None]) -> None:
        """Start live updates: ``check`` (which calls ``check``, below) runs every poll, and at once
        when PostgreSQL notifies another window's change (the watcher's listener thread wakes us)."""
        import asyncio

        from cockpit.db.watch import ChangeWatcher

        loop = asyncio.get_running_loop()
        self.watcher = ChangeWatcher(store, wake=lambda: loop.call_soon_threadsafe(check))
        self.app.set_interval(LIVE_POLL_SECONDS, check, name="live updates")

    def check(self) -> None:
        """Reload the screens when another window changed the database."""
        app = self.app
        if self.watcher is None or not app.is_running or not app.screen.is_attached:
            return  # a tick while the app closes: its screens' widgets may already be gone
        try:
            changed = self.watcher.changed()
        except Exception as exc:  # noqa: BLE001 - a busy or vanished database must not crash the UI
            app.log.warning(f"live update check failed: {exc}")
            return
        if changed:
            self.reload_screens()

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()

    def step(self, step: Callable[[], str], verb: str) -> None:
        """Undo or redo one change (``step`` returns its label), tell the user, reload."""
        try:
            label = step()
        except StoreError as error:
            self.app.notify(self._secrets().hide(error.message), severity="warning", markup=False)
        else:  # the label names the card or risk: not shown on a shared screen
            self.app.notify(verb if self.presentation.on else f"{verb}: {label}", markup=False)
        self.reload_screens()

    def reload_screens(self) -> None:
        """The screen shown reloads from the store (after undo/redo or a change from elsewhere)."""
        self.title_line.refresh()
        if isinstance(screen := self.app.screen, CockpitScreen):
            self.presentation.apply(screen)
            screen.refresh_data()
