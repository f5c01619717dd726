"""Edit a key date of an iteration: its name and its day (each key date moves on its own)."""

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from cockpit.screens.shared.form import FormModal, SaveCallback


class KeyDateFormModal(FormModal):
    def __init__(self, on_save: SaveCallback, name: str, day: date, iteration: str, *,
                 today: date | None = None) -> None:
        super().__init__(on_save)
        self.initial_name = name
        self.initial_day = day
        self.today = today
        self.TITLE_TEXT = f"Key date of iteration {iteration}"

    def compose_fields(self) -> ComposeResult:
        yield self.row("Name", Input(self.initial_name, id="name", compact=True))
        yield self.row("Day", Input(self.initial_day.isoformat(), id="day", compact=True))
        yield Static("", id="day-parsed", classes="form-info", markup=False)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def values(self) -> dict[str, Any]:
        return {"name": self.query_one("#name", Input).value,
                "day": self.read_day("day", "day")}
