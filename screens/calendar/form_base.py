"""What the calendar's forms share: a framed dialog of label / field rows, an error line, save/cancel.

A form is given an ``on_save(values) -> error or None`` callback: the screen tries the store and the
form stays open showing the refusal, so nothing typed is lost.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

SaveCallback = Callable[[dict[str, Any]], str | None]


class FormError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FormError(field, "give a date as YYYY-MM-DD") from None


def parse_time(text: str, field: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%H:%M", "%H%M", "%H"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    raise FormError(field, "give a time as HH:MM")


class CalendarForm(ModalScreen[dict[str, Any] | None]):
    """Subclasses compose rows in ``compose_fields`` and read them in ``values``."""

    DEFAULT_CSS = """
    CalendarForm { align: center middle; }
    CalendarForm > VerticalScroll {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CalendarForm .form-title { text-style: bold; margin-bottom: 1; }
    CalendarForm .row { height: auto; }
    CalendarForm .row > .label { width: 14; padding-top: 0; color: $text-muted; }
    CalendarForm .row > Input, CalendarForm .row > Select { width: 1fr; }
    CalendarForm .row > Checkbox { width: auto; }
    CalendarForm .form-error { color: $error; height: auto; }
    CalendarForm .form-info { color: $text-muted; height: auto; }
    CalendarForm .buttons { height: auto; margin-top: 1; }
    CalendarForm .buttons Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]
    TITLE_TEXT = "Form"

    def __init__(self, on_save: SaveCallback) -> None:
        super().__init__()
        self.on_save = on_save

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.TITLE_TEXT, classes="form-title", markup=False)
            yield from self.compose_fields()
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def compose_fields(self) -> ComposeResult:
        yield from ()

    @staticmethod
    def row(label: str, *widgets) -> Horizontal:  # noqa: ANN002
        return Horizontal(Static(label, classes="label", markup=False), *widgets, classes="row")

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(message)

    def action_save(self) -> None:
        try:
            values = self.values()
        except FormError as error:
            self.show_error(str(error))
            return
        error = self.on_save(values)
        if error:
            self.show_error(error)
        else:
            self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
