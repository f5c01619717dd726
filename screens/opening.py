"""The first frame: the cockpit's header and a line saying the workspace is being opened.

The app paints it before the database layer is even imported, then opens the workspace and shows the
first mode (design.md §3: paint first).  Nothing on it reads the database.
"""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Static

from cockpit.widgets.keys_footer import KeysFooter


class OpeningScreen(Screen[None]):
    DEFAULT_CSS = """
    OpeningScreen { align: center middle; }
    OpeningScreen > #opening { width: auto; color: $text-muted; }
    """

    def __init__(self, message: str = "Opening the workspace…") -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.message, id="opening", markup=False)
        yield KeysFooter()
