"""Blocking a card: say why (the reason shows on the board when the card has the cursor).

On the form contract (``FormModal``): the reason is checked as you type, and the block is saved while
the dialog is open (through the screen's submitter), so a refused save (the card changed in another
window) keeps the dialog and the typed reason.  It keeps its own compact look (one field, a hint)."""

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback

MAX_REASON = 500


class BlockModal(FormModal):
    """Dismisses with ``{"reason": ...}`` once the card is blocked, or None if cancelled."""

    DEFAULT_CSS = """
    BlockModal { align: center middle; }
    BlockModal > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    BlockModal #block-title { text-style: bold; margin-bottom: 1; }
    BlockModal #form-error { color: $error; height: auto; }
    BlockModal .hint { color: $text-muted; }
    """

    def __init__(self, card_title: str, on_save: SaveCallback) -> None:
        super().__init__(on_save)
        self.card_title = card_title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Block “{self.card_title}”", id="block-title", markup=False)
            yield Label("Why is it blocked?")
            yield Input(placeholder="e.g. waiting for the partner's API keys", id="reason", max_length=MAX_REASON)
            yield Static("", id="form-error", markup=False)
            yield Static("enter blocks the card · escape cancels", classes="hint")

    def values(self) -> dict[str, Any]:
        reason = clean_line(self.query_one("#reason", Input).value)
        if not reason:
            raise FormError("reason", "say why the card is blocked")
        return {"reason": reason}
