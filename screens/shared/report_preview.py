"""A report's preview: its Markdown shown as text (user text in it is data, never markup), and the
file it was written to.  ``escape`` or ``enter`` closes it; the text can be scrolled and selected."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from cockpit.widgets.keys_footer import KeysFooter


class ReportPreview(ModalScreen[None]):
    DEFAULT_CSS = """
    ReportPreview { align: center middle; }
    ReportPreview > Vertical {
        width: 110; max-width: 100%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    ReportPreview #report-title { text-style: bold; height: 1; }
    ReportPreview #report-path { color: $text-muted; height: auto; margin-bottom: 1; }
    ReportPreview TextArea { height: 1fr; border: none; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close", id="report.close", tooltip="Close the preview")]

    def __init__(self, title: str, text: str, path: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="report-title", markup=False)
            yield Static(f"Written to {self.path}", id="report-path", markup=False)
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="report-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
