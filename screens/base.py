"""What every main screen shares: the store, a header and footer, help text and reloading."""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from db.errors import StoreError
from db.store import Store


class CockpitScreen(Screen):
    """A main screen (a mode of the app).  Subclasses compose their body in ``compose_body``."""

    #: Markdown shown by F1, above the list of keys.
    HELP = ""

    def __init__(self, store: Store, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store (after undo, redo or a change elsewhere)."""

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def report(self, error: StoreError) -> None:
        """Show a refused write to the user; user text is never markup."""
        self.notify(error.message, title="Not saved", severity="error", markup=False)
