"""The Calendar screen (its own issue builds it)."""

from textual.app import ComposeResult
from textual.widgets import Static

from screens.base import CockpitScreen


class CalendarScreen(CockpitScreen):
    HELP = "The Calendar screen is not built yet."

    def compose_body(self) -> ComposeResult:
        yield Static("The Calendar screen is not built yet.", id="placeholder")
