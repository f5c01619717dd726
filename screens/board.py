"""The Board screen (its own issue builds it)."""

from textual.app import ComposeResult
from textual.widgets import Static

from screens.base import CockpitScreen


class BoardScreen(CockpitScreen):
    HELP = "The Board screen is not built yet."

    def compose_body(self) -> ComposeResult:
        yield Static("The Board screen is not built yet.", id="placeholder")
