"""The kanban board as one line-API widget: it draws only the lines on screen, so 5,000 cards cost
about what 100 do (design.md §3).

Plain data in (``set_board``: columns, their cards, optional swimlanes), messages out
(``CursorMoved``, ``Activated``).  Columns sit side by side at a readable width; when they do not all
fit (80×24) the board scrolls sideways by whole columns and keeps the focused one in view.  The two
header lines (stage names with WIP, and a rule) stay put while the cards scroll.
"""

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.widgets.board_layout import (CARD_HEIGHT, ROOMY_CARD_HEIGHT, BoardLayout, CardData, ColumnData,
                                          changed_boxes)
from cockpit.widgets.card_view import card_text, column_header, fit

HEADER_LINES = 2
MIN_COLUMN_WIDTH = 26


class BoardView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
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
    """
    COMPONENT_CLASSES = {
        "board--card", "board--cursor", "board--cursor-strong", "board--edge", "board--priority-urgent", "board--priority-high",
        "board--priority-low", "board--blocked", "board--oversized", "board--owner", "board--muted",
        "board--bug", "board--header", "board--header-focus", "board--over-limit", "board--full",
        "board--gate", "board--rule", "board--lane", "board--empty", "board--kr",
    }
    BINDINGS = [
        Binding("up,k", "cursor(0,-1)", "Card above", id="board.cursor_up", show=False,
                tooltip="Move the cursor to the card above"),
        Binding("down,j", "cursor(0,1)", "Card below", id="board.cursor_down", show=False,
                tooltip="Move the cursor to the card below"),
        Binding("left,h", "cursor(-1,0)", "Column left", id="board.cursor_left", show=False,
                tooltip="Move the cursor to the previous column"),
        Binding("right,l", "cursor(1,0)", "Column right", id="board.cursor_right", show=False,
                tooltip="Move the cursor to the next column"),
        Binding("home", "edge(-1)", "First card", id="board.cursor_first", show=False,
                tooltip="Jump to the first card of the column"),
        Binding("end", "edge(1)", "Last card", id="board.cursor_last", show=False,
                tooltip="Jump to the last card of the column"),
        Binding("pageup", "page(-1)", "Page up", id="board.page_up", show=False, tooltip="One screen up"),
        Binding("pagedown", "page(1)", "Page down", id="board.page_down", show=False, tooltip="One screen down"),
    ]

    @dataclass
    class CursorMoved(Message):
        card_id: int | None
        column: int

    @dataclass
    class Activated(Message):
        """Enter (or a double click) on a card."""

        card_id: int

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.columns: list[ColumnData] = []
        self.layout_data = BoardLayout([])
        self.cursor_column = 0
        self.cursor_id: int | None = None
        self.first_column = 0
        self.empty_text = ""
        #: Presentation mode: a wider gap between cards and only the details that matter in a meeting.
        self.roomy = False
        #: A shared screen or a high-contrast theme: the focused card is one solid block of the primary
        #: colour, seen at a glance (not only a lighter background).
        self.strong_cursor = False
        self._style_map: dict[str, Style] | None = None
        self._style_key = ""
        self._line_cache: dict[tuple, tuple[CardData, list[Segment]]] = {}
        self._header_cache: tuple[tuple, Strip] | None = None
        self._generation = 0
        #: True once the board has drawn real data (the benchmark waits for it).
        self.painted = False

    # --- data in -------------------------------------------------------------------------------

    def set_board(self, columns: list[ColumnData], cards: list[list[CardData]],
                  lanes: list[str] | None = None, *, cursor_id: int | None = None) -> None:
        """Show new data; the cursor stays on the same card (or the same place).  On a reload (no
        ``cursor_id``: another window's change, an undo) the view moves with that card, so cards
        coming or going above it do not shift it on screen; with ``cursor_id`` (this window moved that
        card: a reorder, a stage move) the view stays where it is and the cursor follows the card,
        scrolling only to keep it in sight.

        Only what changed is repainted (the headers and cards that differ, column by column): a
        reorder repaints two cards, not the screen."""
        old_top = self.layout_data.top_of(self.cursor_id) if self.cursor_id is not None else None
        old_index = self._index_in_column()
        old_layout, old_columns, old_cursor = self.layout_data, self.columns, (self.cursor_id, self.cursor_column)
        old_view = (self.scroll_y, self.first_column)
        self.columns = columns
        self._generation += 1
        self.layout_data = BoardLayout(cards, lanes, ROOMY_CARD_HEIGHT if self.roomy else CARD_HEIGHT,
                                       previous=old_layout)
        self.cursor_column = min(self.cursor_column, max(len(columns) - 1, 0))
        wanted = cursor_id if cursor_id is not None else self.cursor_id
        if wanted is not None and wanted in self.layout_data.where:
            self.cursor_id = wanted
            self.cursor_column = self.layout_data.where[wanted][0]
        else:
            column = self.layout_data.in_column(self.cursor_column)
            self.cursor_id = column[min(old_index, len(column) - 1)].id if column else None
        laid_out = self._set_virtual_size(Size(self.size.width, self.layout_data.height + HEADER_LINES))
        new_top = self.layout_data.top_of(self.cursor_id) if self.cursor_id is not None else None
        if cursor_id is None and old_top is not None and new_top is not None and new_top != old_top:
            self.scroll_to(y=self.scroll_y + new_top - old_top, animate=False, immediate=True)
        self._keep_cursor_visible()
        boxes = None
        if not laid_out and old_view == (self.scroll_y, self.first_column) and self.size:
            fit_count, width = self._geometry()
            boxes = changed_boxes(old_layout, old_columns, old_cursor, self.layout_data, columns,
                                  (self.cursor_id, self.cursor_column),
                                  range(self.first_column, min(self.first_column + fit_count, len(columns))),
                                  width, int(self.scroll_y), self.scrollable_content_region.height - HEADER_LINES,
                                  HEADER_LINES)
        self.post_message(self.CursorMoved(self.cursor_id, self.cursor_column))
        if boxes is None:
            self.refresh()
        else:
            self._repaint_after_move(boxes)

    def _set_virtual_size(self, virtual: Size) -> bool:
        """Set the scrollable size; True if that lays the view out again (a whole repaint).

        A card more or less in the longest column changes the height of the board: Textual's
        ``virtual_size`` is a layout reactive, and a layout repaints the whole view.  While shown, the
        size is set without one (the scroll range and the scrollbar are updated as Textual's
        ``_size_updated`` does; a scrollbar that appears or goes still lays the view out)."""
        if virtual == self.virtual_size:
            return False
        if not self.is_mounted or not self.size or virtual.width != self.virtual_size.width:
            self.virtual_size = virtual
            return True
        self.set_reactive(BoardView.virtual_size, virtual)
        self._scroll_update(virtual)
        return False

    def _refresh_boxes(self, boxes: list[tuple[int, int, int, int]]) -> None:
        """Repaint these (x, y, width, height) boxes of the view: a column's header line (y 0, one line)
        or a run of card lines, clipped to the card area below the header lines."""
        height = self.scrollable_content_region.height
        regions = []
        for x, y, width, lines in boxes:
            if (y, lines) != (0, 1):  # cards scrolled under the header lines are not drawn there
                lines -= max(HEADER_LINES - y, 0)
                y = max(y, HEADER_LINES)
            lines = min(lines, height - y)
            if lines > 0:
                regions.append(Region(x, y, width, lines))
        if regions:
            self.refresh(*regions)

    def _index_in_column(self) -> int:
        if self.cursor_id is None or self.cursor_id not in self.layout_data.where:
            return 0
        return self.layout_data.index_in_column(self.cursor_id)

    def card_by_id(self, card_id: int) -> CardData | None:
        where = self.layout_data.where.get(card_id)
        if where is None:
            return None
        column, lane_index, index = where
        return self.layout_data.lanes[lane_index].columns[column][index]

    @property
    def cursor_card(self) -> CardData | None:
        return self.card_by_id(self.cursor_id) if self.cursor_id is not None else None

    def select(self, card_id: int | None, column: int | None = None) -> bool:
        """Put the cursor on a card (or on an empty column); False if the card is not shown."""
        if card_id is not None and card_id not in self.layout_data.where:
            return False
        before = (self.scroll_y, self.first_column, self.cursor_column)
        old_id, self.cursor_id = self.cursor_id, card_id
        if card_id is not None:
            self.cursor_column = self.layout_data.where[card_id][0]
        elif column is not None:
            self.cursor_column = max(0, min(column, len(self.columns) - 1))
        self._keep_cursor_visible()
        if before[:2] != (self.scroll_y, self.first_column):
            self.refresh()
            self.post_message(self.CursorMoved(self.cursor_id, self.cursor_column))
            return True
        boxes = [self._card_box(old_id), self._card_box(card_id)]  # only the cells that changed
        if before[2] != self.cursor_column:
            boxes += [self._column_box(before[2], 0, 1), self._column_box(self.cursor_column, 0, 1)]
        self.post_message(self.CursorMoved(self.cursor_id, self.cursor_column))
        self._repaint_after_move([box for box in boxes if box])
        return True

    def _repaint_after_move(self, boxes: list[tuple[int, int, int, int]]) -> None:
        """Repaint ``boxes`` once the parent (the screen) has handled the ``CursorMoved`` just posted.

        The screen updates its detail bar on that message.  Asked for at once, the cards would be
        painted in one frame and the bar in the next, 20 to 40 ms later: the key would reach the
        terminal in two writes.  This callback is queued behind the message in this widget's queue
        (which passes the message on to the parent), then in the parent's queue behind the message:
        the cards and the bar reach the screen together and are drawn in one frame."""
        parent = self.parent
        if parent is None:
            self._refresh_boxes(boxes)
        else:
            self.call_later(parent.call_later, self._refresh_boxes, boxes)

    def _column_box(self, column: int, y: int, lines: int) -> tuple[int, int, int, int] | None:
        """The (x, y, width, height) box of ``lines`` lines of a column from view line ``y``, if the
        column is on screen."""
        fit_count, width = self._geometry()
        place = column - self.first_column
        return (place * width, y, width, lines) if 0 <= place < fit_count else None

    def _card_box(self, card_id: int | None) -> tuple[int, int, int, int] | None:
        top = self.layout_data.top_of(card_id) if card_id is not None else None
        if top is None:
            return None
        return self._column_box(self.layout_data.where[card_id][0], top + HEADER_LINES - int(self.scroll_y),  # type: ignore[index]
                                self.layout_data.card_height)

    # --- geometry ------------------------------------------------------------------------------

    def _geometry(self) -> tuple[int, int]:
        """(columns that fit, width of a column including its one-cell gap)."""
        count = max(len(self.columns), 1)
        width = max(self.scrollable_content_region.width, 1)
        fit_count = max(1, min(count, width // MIN_COLUMN_WIDTH))
        return fit_count, max(width // fit_count, 4)

    def _keep_cursor_visible(self) -> None:
        fit_count, _width = self._geometry()
        if self.cursor_column < self.first_column:
            self.first_column = self.cursor_column
        elif self.cursor_column >= self.first_column + fit_count:
            self.first_column = self.cursor_column - fit_count + 1
        self.first_column = max(0, min(self.first_column, max(len(self.columns) - fit_count, 0)))
        top = self.layout_data.top_of(self.cursor_id) if self.cursor_id is not None else None
        if top is None:
            return
        height = self.layout_data.card_height
        view = max(self.scrollable_content_region.height - HEADER_LINES, height)
        header = 1 if self.layout_data.with_lanes else 0
        if top - header < self.scroll_y:
            self.scroll_to(y=max(top - header, 0), animate=False, immediate=True)
        elif top + height - 1 > self.scroll_y + view:
            self.scroll_to(y=top + height - 1 - view, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.layout_data.height + HEADER_LINES)
        self._keep_cursor_visible()

    # --- keys and mouse ------------------------------------------------------------------------

    def action_cursor(self, dx: int, dy: int) -> None:
        layout = self.layout_data
        if dx:
            column = self.cursor_column + dx
            if not 0 <= column < len(self.columns):
                return
            top = layout.top_of(self.cursor_id) if self.cursor_id is not None else self.scroll_y
            card = layout.nearest(column, int(top or 0))
            self.cursor_column = column
            self.select(card.id if card else None, column)
            return
        cards = layout.in_column(self.cursor_column)
        if not cards:
            return
        index = self._index_in_column() + dy if self.cursor_id is not None else 0
        self.select(cards[max(0, min(index, len(cards) - 1))].id)

    def action_edge(self, direction: int) -> None:
        cards = self.layout_data.in_column(self.cursor_column)
        if cards:
            self.select(cards[-1 if direction > 0 else 0].id)

    def action_page(self, direction: int) -> None:
        cards = self.layout_data.in_column(self.cursor_column)
        if not cards:
            return
        step = max((self.scrollable_content_region.height - HEADER_LINES) // self.layout_data.card_height, 1)
        index = self._index_in_column() + direction * step
        self.select(cards[max(0, min(index, len(cards) - 1))].id)

    def on_click(self, event: events.Click) -> None:
        fit_count, width = self._geometry()
        column = self.first_column + event.x // width
        if event.y < HEADER_LINES or column >= len(self.columns):
            return
        card = self.layout_data.card_at(column, int(self.scroll_y) + event.y - HEADER_LINES)
        if card is not None:
            if event.chain >= 2 and card.id == self.cursor_id:
                self.post_message(self.Activated(card.id))
            self.select(card.id)
        else:
            self.select(None, column)

    # --- drawing -------------------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        """The component styles, computed once per theme (computing them is not cheap)."""
        key = self.app.theme
        if self._style_map is None or self._style_key != key:
            self._style_map = {name.removeprefix("board--"): self.get_component_rich_style(name, partial=True)
                               for name in self.COMPONENT_CLASSES}
            self._style_map["base"] = self.rich_style
            self._style_key = key
            self._line_cache.clear()
        return self._style_map

    def notify_style_update(self) -> None:
        self._style_map = None
        self._header_cache = None
        self._line_cache.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        total = self.scrollable_content_region.width
        styles = self._styles()
        base = styles["base"]
        if not self.columns:
            return Strip([Segment(self.empty_text[:total].ljust(total), base)]) if y == 0 else Strip.blank(total, base)
        fit_count, width = self._geometry()
        visible = range(self.first_column, min(self.first_column + fit_count, len(self.columns)))
        gap = Segment(" ", base)
        segments: list[Segment] = []
        if y == 0:
            key = (self._generation, self._style_key, self.first_column, self.cursor_column, width, total)
            if self._header_cache is not None and self._header_cache[0] == key:
                return self._header_cache[1]
            for index in visible:
                segments += self._render(column_header(
                    self.columns[index], width - 1, styles, focused=index == self.cursor_column,
                    left=index == self.first_column and index > 0,
                    right=index == self.first_column + fit_count - 1 and index < len(self.columns) - 1))
                segments.append(gap)
            strip = Strip(segments).adjust_cell_length(total, base)
            self._header_cache = (key, strip)
            return strip
        elif y == 1:
            rule = Segment("─" * (width - 1), base + styles["rule"])
            for index in visible:
                segments += (rule, gap)
        else:
            line = int(self.scroll_y) + y - HEADER_LINES
            lane, slot, within = self.layout_data.line_at(line)
            blank = Segment(" " * (width - 1), base)
            if lane is not None and slot is None:
                label = f" {lane.title} ({sum(len(c) for c in lane.columns)})"
                segments += self._render(fit(label, total, styles["lane"]))
            elif lane is not None and slot is not None:
                for index in visible:
                    cards = lane.columns[index]
                    card = cards[slot] if slot < len(cards) else None
                    if card is not None and within < self.layout_data.card_height - 1:  # the last line is the gap
                        segments += self._card_line(card, within, width - 1, styles)
                    elif card is None and slot == 0 and within == 0 and not self.layout_data.with_lanes:
                        segments += self._render(fit("  (no cards)", width - 1, styles["empty"]))
                    else:
                        segments.append(blank)
                    segments.append(gap)
            elif line == 0 and not any(self.layout_data.columns):
                segments += self._render(fit(self.empty_text, total, styles["empty"]))
        self.painted = True
        return Strip(segments).adjust_cell_length(total, base)

    def _render(self, text: Text) -> list[Segment]:
        base = self._styles()["base"]
        return [Segment(seg.text, base + seg.style if seg.style else base) for seg in text.render(self.app.console)]

    def _card_line(self, card: CardData, within: int, width: int, styles: dict[str, Style]) -> list[Segment]:
        """A card's line, drawn once and kept until the card, the width or the cursor changes."""
        focused = card.id == self.cursor_id
        key = (id(card), within, width, focused, self.roomy, self.strong_cursor)
        hit = self._line_cache.get(key)
        if hit is not None and hit[0] is card:
            return hit[1]
        if len(self._line_cache) > 20_000:
            self._line_cache.clear()
        segments = self._render(card_text(card, within, width, styles, focused, roomy=self.roomy,
                                          strong=self.strong_cursor))
        self._line_cache[key] = (card, segments)
        return segments
