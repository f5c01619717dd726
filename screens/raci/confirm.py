"""A yes / no question (delete an activity); y or enter confirms, n or escape cancels."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class RaciConfirmModal(ModalScreen[bool]):
    DEFAULT_CSS = """
    RaciConfirmModal { align: center middle; }
    RaciConfirmModal > Vertical {
        width: 60; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    RaciConfirmModal Horizontal { height: auto; margin-top: 1; }
    RaciConfirmModal Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="raci_confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="raci_confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            with Horizontal():
                yield Button("Delete (y)", variant="error", id="yes")
                yield Button("Keep (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
