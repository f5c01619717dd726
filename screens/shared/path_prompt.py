"""The one file-path prompt (exports and imports): enter confirms, escape cancels; it dismisses with
the Path, or None.  A path that cannot serve (a missing file to import, a folder to write) is named
in the dialog, which stays open."""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PathPrompt(ModalScreen[Path | None]):
    DEFAULT_CSS = """
    PathPrompt { align: center middle; }
    PathPrompt > Vertical {
        width: 80%; max-width: 90; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    PathPrompt #path-title { text-style: bold; }
    PathPrompt #path-error { color: $error; text-style: bold; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="path_prompt.cancel")]

    def __init__(self, title: str, default: str = "", *, must_exist: bool = False) -> None:
        super().__init__()
        self.heading = title
        self.default = default
        self.must_exist = must_exist

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="path-title", markup=False)
            yield Label("File (enter to confirm, escape to cancel)")
            yield Input(self.default, id="path")
            yield Static("", id="path-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        error = self.query_one("#path-error", Static)
        if not text:
            error.update("give a file name")
            return
        path = Path(text).expanduser()
        if self.must_exist and not path.is_file():
            error.update(f"{path} is not a file")
            return
        if not self.must_exist and path.is_dir():
            error.update(f"{path} is a folder; give a file name")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
