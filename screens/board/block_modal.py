"""Blocking a card: say why (the reason shows on the board when the card has the cursor)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from db.text import clean_line

MAX_REASON = 500


class BlockModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    BlockModal { align: center middle; }
    BlockModal > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    BlockModal #block-title { text-style: bold; margin-bottom: 1; }
    BlockModal #block-error { color: $error; height: auto; }
    BlockModal .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="block.cancel", tooltip="Leave the card as it is")]

    def __init__(self, card_title: str) -> None:
        super().__init__()
        self.card_title = card_title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Block “{self.card_title}”", id="block-title", markup=False)
            yield Label("Why is it blocked?")
            yield Input(placeholder="e.g. waiting for the partner's API keys", id="reason", max_length=MAX_REASON)
            yield Static("", id="block-error", markup=False)
            yield Static("enter blocks the card · escape cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = clean_line(event.value)
        if not reason:
            self.query_one("#block-error", Static).update("reason: say why the card is blocked")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
