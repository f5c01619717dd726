"""A one- or two-line bar that shows a ready-made ``rich.text.Text`` (the focused card's details).

Unlike ``Static.update`` it only repaints itself (no layout pass), so updating it on every cursor
move stays cheap.  Each line is cut with an ellipsis, never wrapped: a long first line must not push
the second (why the card is blocked, "split it") out of the bar."""

from rich.text import Text
from textual.widget import Widget


class DetailBar(Widget):
    DEFAULT_CSS = """
    DetailBar { height: 2; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._text = Text()

    def show(self, text: Text) -> None:
        self._text = text
        self.refresh()

    @property
    def text(self) -> Text:
        return self._text

    def render(self) -> Text:
        return self._text
