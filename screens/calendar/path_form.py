"""Ask for a file path (export to / import from), prefilled with a sensible default."""

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from screens.shared.form import FormModal, FormError, SaveCallback


class PathFormModal(FormModal):
    def __init__(self, on_save: SaveCallback, title: str, default: Path | str = "") -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.default = str(default)

    def compose_fields(self) -> ComposeResult:
        yield self.row("File", Input(self.default, id="path", compact=True))

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def values(self) -> dict[str, Any]:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            raise FormError("file", "give a file path")
        return {"path": Path(text).expanduser()}
