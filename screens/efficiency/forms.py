"""The efficiency screen's one form: how many past weeks of throughput the forecast rests on."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from cockpit.screens.shared.form import FormError, FormModal, SaveCallback

MAX_WEEKS = 104


class ForecastWeeksModal(FormModal):
    TITLE_TEXT = "Forecast: weeks of throughput it rests on"

    def __init__(self, on_save: SaveCallback, weeks: int) -> None:
        super().__init__(on_save)
        self.weeks = weeks

    def compose_fields(self) -> ComposeResult:
        yield self.row("Weeks", Input(str(self.weeks), id="weeks", max_length=3, placeholder="12"))

    def on_mount(self) -> None:
        self.query_one("#weeks", Input).focus()

    def values(self) -> dict[str, Any]:
        text = self.query_one("#weeks", Input).value.strip()
        try:
            weeks = int(text)
        except ValueError:
            raise FormError("weeks", "a whole number of weeks", label="Weeks") from None
        if not 1 <= weeks <= MAX_WEEKS:
            raise FormError("weeks", f"from 1 to {MAX_WEEKS} weeks", label="Weeks")
        return {"weeks": weeks}
