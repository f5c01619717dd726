"""The Meeting screen (its own issue builds it)."""

from textual.app import ComposeResult
from textual.widgets import Static

from screens.base import CockpitScreen


class MeetingScreen(CockpitScreen):
    HELP = "The Meeting screen is not built yet."

    def compose_body(self) -> ComposeResult:
        yield Static("The Meeting screen is not built yet.", id="placeholder")
