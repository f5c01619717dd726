"""F1: the help of the current screen and every key that works there."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


def keys_markdown(rows: list[tuple[str, str]]) -> str:
    """A Markdown table of (keys, what they do); key names are code, never markup."""
    lines = ["| key | action |", "|---|---|"]
    for keys, description in rows:
        lines.append(f"| `{keys}` | {description.replace('|', '/')} |")
    return "\n".join(lines)


class HelpModal(ModalScreen[None]):
    """The help text of a screen and the keys active on it; escape, q or f1 closes it."""

    DEFAULT_CSS = """
    HelpModal { align: center middle; }
    HelpModal > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, title: str, help_text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_title = title
        self.help_text = help_text
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            from textual.widgets import Markdown  # markdown-it and Pygments: loaded when help opens, not at start

            yield Markdown(f"# {self.help_title}\n\n{self.help_text}\n\n## Keys\n\n{keys_markdown(self.keys)}")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
