"""The filter line of a screen (``/``): hidden until opened, and never focused while hidden.

A hidden ``Input`` can still take the focus (Textual's auto-focus and focus chain look at
``visibility``, not at ``display``), and then it swallows the keys typed next: a ``3`` pressed while
the board was still appearing went into its hidden filter and every column showed ``0 of N`` (issue 14).
This box can be focused only while it is open, and it is open whenever it holds a filter.
"""

from textual.widgets import Input


class FilterBox(Input):
    DEFAULT_CSS = """
    FilterBox { display: none; }
    FilterBox.-open { display: block; }
    """

    def __init__(self, placeholder: str = "", *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(placeholder=placeholder, id=id)
        self.can_focus = False

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        """Show the box and let it take the focus (the caller focuses it)."""
        self.can_focus = True
        self.add_class("-open")

    def close(self) -> None:
        """Hide the box (it keeps its text: close it only when the text is empty or kept on purpose)."""
        self.remove_class("-open")
        self.can_focus = False
        if self.has_focus:
            self.blur()

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if value and not self.is_open:
            self.open()  # a filter that hides rows is always visible
