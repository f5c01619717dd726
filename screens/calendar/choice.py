"""A small question with a few answers (this occurrence or all of them? delete this?)."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceModal(ModalScreen[str | None]):
    """Dismisses with the chosen option's value, or None (escape)."""

    DEFAULT_CSS = """
    ChoiceModal { align: center middle; }
    ChoiceModal > Vertical {
        width: 64; max-width: 95%; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    ChoiceModal #choice-title { text-style: bold; }
    ChoiceModal #choice-question { margin: 1 0; }
    ChoiceModal Horizontal { height: auto; }
    ChoiceModal Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, question: str, options: list[tuple[str, str, str]],
                 focus: str | None = None) -> None:
        """``options``: (value, button label, key); ``focus``: the value whose button enter presses
        at first (the safe choice of a destructive question), else the first."""
        super().__init__()
        self.focus_value = focus
        self.choice_title = title
        self.question = question
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.choice_title, id="choice-title", markup=False)
            yield Static(self.question, id="choice-question", markup=False)
            with Horizontal():
                for index, (value, label, key) in enumerate(self.options):
                    yield Button(f"{label} ({key})", id=f"choice-{value}", compact=True,
                                 variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        if self.focus_value is not None:
            self.query_one(f"#choice-{self.focus_value}", Button).focus()
        else:
            self.query(Button).first().focus()

    def on_key(self, event) -> None:  # noqa: ANN001
        for value, _label, key in self.options:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
