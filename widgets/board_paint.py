"""How the board widget draws one line of the screen (the line API: only lines on screen are drawn).

Line 0 holds the stage headers, line 1 a rule under each.  Without swimlanes each column shows its
own window of cards (``board_windows``): the rule says "↑ 12 more" when cards lie above it, and the
view's last line says "↓ 790 more" when cards lie below.  With swimlanes the columns share one
vertical scroll (lane header lines span the board).
"""

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from cockpit.widgets.board_layout import CardData
from cockpit.widgets.board_windows import more_label
from cockpit.widgets.card_view import card_text, column_header, fit

if TYPE_CHECKING:
    from cockpit.widgets.board_view import BoardView

HEADER_LINES = 2
#: The board's looks (its component classes, theme variables only).
BOARD_CSS = """
    BoardView { height: 1fr; background: $background; scrollbar-size-horizontal: 0; }
    BoardView > .board--card { background: $panel; }
    BoardView > .board--cursor { background: $primary 45%; text-style: bold; }
    BoardView > .board--cursor-strong { background: $primary; color: $background; text-style: bold; }
    BoardView > .board--edge { color: $panel-lighten-2; }
    BoardView > .board--priority-urgent { color: $error; text-style: bold; }
    BoardView > .board--priority-high { color: $warning; }
    BoardView > .board--priority-low { color: $text-muted; }
    BoardView > .board--blocked { color: $error; text-style: bold; }
    BoardView > .board--oversized { color: $warning; text-style: bold reverse; }
    BoardView > .board--owner { color: $accent; }
    BoardView > .board--kr { color: $secondary; text-style: bold; }
    BoardView > .board--muted { color: $text-muted; }
    BoardView > .board--bug { color: $error; }
    BoardView > .board--header { text-style: bold; background: $boost; }
    BoardView > .board--header-focus { text-style: bold reverse; }
    BoardView > .board--over-limit { color: $error; text-style: bold; }
    BoardView > .board--full { color: $warning; text-style: bold; }
    BoardView > .board--gate { color: $error; }
    BoardView > .board--rule { color: $panel-lighten-2; }
    BoardView > .board--lane { background: $boost; color: $secondary; text-style: bold; }
    BoardView > .board--empty { color: $text-muted; text-style: italic; }
    BoardView > .board--more { color: $text-muted; }
    """
BOARD_CLASSES = {
    "board--card", "board--cursor", "board--cursor-strong", "board--edge", "board--priority-urgent", "board--priority-high",
    "board--priority-low", "board--blocked", "board--oversized", "board--owner", "board--muted",
    "board--bug", "board--header", "board--header-focus", "board--over-limit", "board--full",
    "board--gate", "board--rule", "board--lane", "board--empty", "board--kr", "board--more",
}


class BoardPainter:
    """Draws the lines of one ``BoardView``; keeps the component styles and the card lines it drew."""

    def __init__(self, view: "BoardView") -> None:
        self.view = view
        self._style_map: dict[str, Style] | None = None
        self._style_key = ""
        self._line_cache: dict[tuple, tuple[CardData, list[Segment]]] = {}
        self._header_cache: tuple[tuple, Strip] | None = None

    def styles(self) -> dict[str, Style]:
        """The component styles, computed once per theme (computing them is not cheap)."""
        view = self.view
        key = view.app.theme
        if self._style_map is None or self._style_key != key:
            self._style_map = {name.removeprefix("board--"): view.get_component_rich_style(name, partial=True)
                               for name in view.COMPONENT_CLASSES}
            self._style_map["base"] = view.rich_style
            self._style_key = key
            self._line_cache.clear()
        return self._style_map

    def forget(self) -> None:
        """The styles changed: draw everything afresh."""
        self._style_map = None
        self._header_cache = None
        self._line_cache.clear()

    def line(self, y: int) -> Strip:
        view = self.view
        total = view.scrollable_content_region.width
        styles = self.styles()
        base = styles["base"]
        if not view.columns:
            return Strip([Segment(view.empty_text[:total].ljust(total), base)]) if y == 0 else Strip.blank(total, base)
        fit_count, width = view.geometry()
        visible = range(view.first_column, min(view.first_column + fit_count, len(view.columns)))
        if y == 0:
            return self._headers(visible, fit_count, width, total)
        gap = Segment(" ", base)
        segments: list[Segment] = []
        layout = view.layout_data
        if y == 1:
            rule = Segment("─" * (width - 1), base + styles["rule"])
            for index in visible:
                above = view.windows.top(index) if view.per_column else 0
                segments += self._render(self._top_edge(above, width - 1, styles)) if above else [rule]
                segments.append(gap)
        elif view.per_column and y == view.bottom_line():
            blank = Segment(" " * (width - 1), base)
            for index in visible:
                held = max(len(layout.columns[index]), view.columns[index].held)
                below = view.windows.edges(index, held)[1]
                if below:
                    segments += self._render(fit(f"  {more_label(1, below)}", width - 1, styles["more"]))
                else:
                    segments.append(blank)
                segments.append(gap)
        elif view.per_column:
            line = y - HEADER_LINES
            row, within = divmod(line, layout.card_height)
            if row < view.windows.rows:
                for index in visible:
                    cards = layout.columns[index]
                    slot = view.windows.top(index) + row
                    segments += self._slot(cards[slot] if slot < len(cards) else None, within, line, width, styles)
                    segments.append(gap)
            if line == 0 and not any(layout.columns):
                segments = self._render(fit(view.empty_text, total, styles["empty"]))
        else:
            line = int(view.scroll_y) + y - HEADER_LINES
            lane, slot, within = layout.line_at(line)
            if lane is not None and slot is None:
                label = f" {lane.title} ({sum(len(c) for c in lane.columns)})"
                segments += self._render(fit(label, total, styles["lane"]))
            elif lane is not None and slot is not None:
                for index in visible:
                    cards = lane.columns[index]
                    segments += self._slot(cards[slot] if slot < len(cards) else None, within, -1, width, styles)
                    segments.append(gap)
            elif line == 0 and not any(layout.columns):
                segments += self._render(fit(view.empty_text, total, styles["empty"]))
        view.painted = True
        return Strip(segments).adjust_cell_length(total, base)

    def _headers(self, visible: range, fit_count: int, width: int, total: int) -> Strip:
        view = self.view
        styles = self.styles()
        key = (view.generation, self._style_key, view.first_column, view.cursor_column, width, total)
        if self._header_cache is not None and self._header_cache[0] == key:
            return self._header_cache[1]
        segments: list[Segment] = []
        for index in visible:
            segments += self._render(column_header(
                view.columns[index], width - 1, styles, focused=index == view.cursor_column,
                left=index == view.first_column and index > 0,
                right=index == view.first_column + fit_count - 1 and index < len(view.columns) - 1))
            segments.append(Segment(" ", styles["base"]))
        strip = Strip(segments).adjust_cell_length(total, styles["base"])
        self._header_cache = (key, strip)
        return strip

    @staticmethod
    def _top_edge(above: int, width: int, styles: dict[str, Style]) -> Text:
        """The rule under a header that says how many cards lie above the column's window."""
        line = Text("─ ", style=styles["rule"], no_wrap=True, end="")
        line.append(more_label(-1, above), styles["more"])
        line.append(" " + "─" * width, styles["rule"])
        line.truncate(width, overflow="crop", pad=True)
        return line

    def _slot(self, card: CardData | None, within: int, line: int, width: int,
              styles: dict[str, Style]) -> list[Segment]:
        """A column's cells on one line: a card's line, or blank (the gap), or "(no cards)" at the top
        of an empty column (``line`` 0; -1 with swimlanes, where empty columns are normal)."""
        if card is not None and within < self.view.layout_data.card_height - 1:  # the last line is the gap
            return self._card_line(card, within, width - 1, styles)
        if card is None and line == 0:
            return self._render(fit("  (no cards)", width - 1, styles["empty"]))
        return [Segment(" " * (width - 1), styles["base"])]

    def _render(self, text: Text) -> list[Segment]:
        base = self.styles()["base"]
        return [Segment(seg.text, base + seg.style if seg.style else base) for seg in text.render(self.view.app.console)]

    def _card_line(self, card: CardData, within: int, width: int, styles: dict[str, Style]) -> list[Segment]:
        """A card's line, drawn once and kept until the card, the width or the cursor changes."""
        view = self.view
        focused = card.id == view.cursor_id
        key = (id(card), within, width, focused, view.roomy, view.strong_cursor)
        hit = self._line_cache.get(key)
        if hit is not None and hit[0] is card:
            return hit[1]
        if len(self._line_cache) > 20_000:
            self._line_cache.clear()
        segments = self._render(card_text(card, within, width, styles, focused, roomy=view.roomy,
                                          strong=view.strong_cursor))
        self._line_cache[key] = (card, segments)
        return segments
