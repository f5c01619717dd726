"""The kanban board as one line-API widget: it draws only the lines on screen, so 5,000 cards cost
about what 100 do (design.md §3).

Plain data in (``set_board``: columns, their cards, optional swimlanes), messages out
(``CursorMoved``, ``Activated``).  Columns sit side by side at a readable width; when they do not all
fit (80×24) the board scrolls sideways by whole columns and keeps the focused one in view.  The two
header lines (stage names with WIP, and a rule) stay put while the cards scroll.

Without swimlanes each column scrolls on its own (``board_windows``): the keys, the page keys and the
mouse wheel move the focused (or pointed) column's window only, and a card moved to the bottom of a
long column scrolls that column and repaints nothing else.  With swimlanes (bands across the columns)
the columns share one vertical scroll.  Lines are drawn by ``board_paint``.
"""

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.widgets.board_layout import (CARD_HEIGHT, ROOMY_CARD_HEIGHT, BoardLayout, CardData, ColumnData,
                                          changed_boxes)
from cockpit.widgets.board_paint import BOARD_CLASSES, BOARD_CSS, HEADER_LINES, BoardPainter
from cockpit.widgets.board_windows import ColumnWindows

MIN_COLUMN_WIDTH = 26


class BoardView(ScrollView, can_focus=True):
    DEFAULT_CSS = BOARD_CSS
    COMPONENT_CLASSES = BOARD_CLASSES
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
        Binding("pageup", "page(-1)", "Page up", id="board.page_up", show=False,
                tooltip="One screen up in the column"),
        Binding("pagedown", "page(1)", "Page down", id="board.page_down", show=False,
                tooltip="One screen down in the column"),
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
        #: Without swimlanes: which cards each column shows (each scrolls on its own).
        self.windows = ColumnWindows()
        self._fitted_for = -1  #: the bottom line the windows were fitted for
        self.generation = 0
        self._painter = BoardPainter(self)
        #: True once the board has drawn real data (the benchmark waits for it).
        self.painted = False

    @property
    def per_column(self) -> bool:
        """Each column scrolls on its own (no swimlanes); with swimlanes they share one scroll."""
        return not self.layout_data.with_lanes

    # --- data in -------------------------------------------------------------------------------

    def set_board(self, columns: list[ColumnData], cards: list[list[CardData]],
                  lanes: list[str] | None = None, *, cursor_id: int | None = None) -> None:
        """Show new data; the cursor stays on the same card (or the same place).  On a reload (no
        ``cursor_id``: another window's change, an undo) each column keeps the card it showed first at
        its top (with swimlanes the view moves with the cursor's card), so cards coming or going above
        the window do not shift what is on screen; with ``cursor_id`` (this window moved that card: a
        reorder, a stage move) the windows stay where they are and the cursor follows the card,
        scrolling only its column to keep it in sight.

        Only what changed is repainted (the headers, cards and edge lines that differ, column by
        column; a column that scrolled, whole): a reorder repaints two cards, a stage move the two
        columns it touched, not the screen."""
        old_top = self.layout_data.top_of(self.cursor_id) if self.cursor_id is not None else None
        old_index = self._index_in_column()
        old_layout, old_columns, old_cursor = self.layout_data, self.columns, (self.cursor_id, self.cursor_column)
        old_view = (self.scroll_y, self.first_column, old_layout.with_lanes)
        old_tops = list(self.windows.tops)
        self.columns = columns
        self.generation += 1
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
        if self.per_column:
            laid_out = self._set_virtual_size(Size(self.size.width, 0))
            if old_layout.with_lanes or len(old_tops) != len(columns):
                self.windows.reset(len(columns))
                self.scroll_to(y=0, animate=False, immediate=True)
            elif cursor_id is None:
                self.windows.anchor(old_layout.columns, self.layout_data.where)
            self._fit_windows()
        else:
            laid_out = self._set_virtual_size(Size(self.size.width, self.layout_data.height + HEADER_LINES))
            new_top = self.layout_data.top_of(self.cursor_id) if self.cursor_id is not None else None
            if cursor_id is None and old_top is not None and new_top is not None and new_top != old_top:
                self.scroll_to(y=self.scroll_y + new_top - old_top, animate=False, immediate=True)
        self._keep_cursor_visible()
        boxes = None
        if not laid_out and old_view == (self.scroll_y, self.first_column, self.layout_data.with_lanes) and self.size:
            fit_count, width = self.geometry()
            boxes = changed_boxes(old_layout, old_columns, old_cursor, self.layout_data, columns,
                                  (self.cursor_id, self.cursor_column),
                                  range(self.first_column, min(self.first_column + fit_count, len(columns))),
                                  width, old_tops, self.windows.tops, self.windows.rows, HEADER_LINES,
                                  self.bottom_line())
        self.post_message(self.CursorMoved(self.cursor_id, self.cursor_column))
        if boxes is None:
            self.refresh()
        else:
            self._repaint_after_move(boxes)

    def _set_virtual_size(self, virtual: Size) -> bool:
        """Set the scrollable size; True if that lays the view out again (a whole repaint).

        With swimlanes, a card more or less in the longest column changes the height of the board:
        Textual's ``virtual_size`` is a layout reactive, and a layout repaints the whole view.  While
        shown, the size is set without one (the scroll range and the scrollbar are updated as
        Textual's ``_size_updated`` does; a scrollbar that appears or goes still lays the view out).
        Columns that scroll on their own leave the view nothing to scroll (height 0): no scrollbar
        comes or goes whatever the width, so a new width (the first size) lays nothing out either."""
        if virtual == self.virtual_size:
            return False
        new_width = virtual.width != self.virtual_size.width and (virtual.height or self.virtual_size.height)
        if not self.is_mounted or not self.size or new_width:
            self.virtual_size = virtual
            return True
        self.set_reactive(BoardView.virtual_size, virtual)
        self._scroll_update(virtual)
        return False

    def _refresh_boxes(self, boxes: list[tuple[int, int, int, int]]) -> None:
        """Repaint these (x, y, width, height) boxes of the view (clipped to it)."""
        height = self.scrollable_content_region.height
        regions = [Region(x, y, width, min(lines, height - y)) for x, y, width, lines in boxes
                   if min(lines, height - y) > 0]
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

    def select(self, card_id: int | None, column: int | None = None, *, page: int = 0) -> bool:
        """Put the cursor on a card (or on an empty column); False if the card is not shown.
        ``page``: first move the column's window by that many cards (page up and down)."""
        if card_id is not None and card_id not in self.layout_data.where:
            return False
        before = (self.scroll_y, self.first_column, self.cursor_column)
        old_tops = list(self.windows.tops)
        old_id, self.cursor_id = self.cursor_id, card_id
        if card_id is not None:
            self.cursor_column = self.layout_data.where[card_id][0]
        elif column is not None:
            self.cursor_column = max(0, min(column, len(self.columns) - 1))
        if page and self.per_column:
            self.windows.scroll(self.cursor_column, page, len(self.layout_data.in_column(self.cursor_column)))
        self._keep_cursor_visible()
        if before[:2] != (self.scroll_y, self.first_column):
            self.refresh()
            self.post_message(self.CursorMoved(self.cursor_id, self.cursor_column))
            return True
        scrolled = [index for index, top in enumerate(self.windows.tops)
                    if index >= len(old_tops) or old_tops[index] != top]
        boxes = [self._column_box(index, 0, self.scrollable_content_region.height) for index in scrolled]
        boxes += [self._card_box(old_id), self._card_box(card_id)]  # only the cells that changed
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
        fit_count, width = self.geometry()
        place = column - self.first_column
        return (place * width, y, width, lines) if 0 <= place < fit_count else None

    def _card_box(self, card_id: int | None) -> tuple[int, int, int, int] | None:
        """A card's box on screen, clipped to the cards' area (None when it is not shown)."""
        y = self.line_of(card_id) if card_id is not None else None
        if y is None:
            return None
        lines = self.layout_data.card_height
        area_end = self.bottom_line() if self.per_column else self.scrollable_content_region.height
        start, end = max(y, HEADER_LINES), min(y + lines, area_end)
        if end <= start:
            return None
        return self._column_box(self.layout_data.where[card_id][0], start, end - start)  # type: ignore[index]

    def line_of(self, card_id: int) -> int | None:
        """The view line of a card's first line (it may lie outside the view with swimlanes), or None
        when it is not shown (filtered out, or outside its column's window)."""
        top = self.layout_data.top_of(card_id)
        if top is None:
            return None
        if not self.per_column:
            return top + HEADER_LINES - int(self.scroll_y)
        row = self.layout_data.where[card_id][2] - self.windows.top(self.layout_data.where[card_id][0])
        return HEADER_LINES + row * self.layout_data.card_height if 0 <= row < self.windows.rows else None

    # --- geometry ------------------------------------------------------------------------------

    def geometry(self) -> tuple[int, int]:
        """(columns that fit, width of a column including its one-cell gap)."""
        count = max(len(self.columns), 1)
        width = max(self.scrollable_content_region.width, 1)
        fit_count = max(1, min(count, width // MIN_COLUMN_WIDTH))
        return fit_count, max(width // fit_count, 4)

    def bottom_line(self) -> int:
        """The view line under each column's window that says "↓ N more" (no swimlanes)."""
        return max(self.scrollable_content_region.height - 1, HEADER_LINES)

    def _fit_windows(self) -> None:
        """How many cards each column shows, for the view's height; no window runs past its cards."""
        windows = self.windows
        self._fitted_for = self.bottom_line()
        windows.fit(self._fitted_for - HEADER_LINES, self.layout_data.card_height)
        for index, cards in enumerate(self.layout_data.columns):
            windows.clamp(index, len(cards))

    def _keep_cursor_visible(self) -> None:
        fit_count, _width = self.geometry()
        if self.cursor_column < self.first_column:
            self.first_column = self.cursor_column
        elif self.cursor_column >= self.first_column + fit_count:
            self.first_column = self.cursor_column - fit_count + 1
        self.first_column = max(0, min(self.first_column, max(len(self.columns) - fit_count, 0)))
        top = self.layout_data.top_of(self.cursor_id) if self.cursor_id is not None else None
        if top is None:
            return
        if self.per_column:
            self.windows.keep(self.cursor_column, self.layout_data.where[self.cursor_id][2])  # type: ignore[index]
            return
        height = self.layout_data.card_height
        view = max(self.scrollable_content_region.height - HEADER_LINES, height)
        if top - 1 < self.scroll_y:  # the lane's header line above the card stays in sight
            self.scroll_to(y=max(top - 1, 0), animate=False, immediate=True)
        elif top + height - 1 > self.scroll_y + view:
            self.scroll_to(y=top + height - 1 - view, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        if self.per_column:
            self._set_virtual_size(Size(event.size.width, 0))
            self._fit_windows()
        else:
            self.virtual_size = Size(event.size.width, self.layout_data.height + HEADER_LINES)
        self._keep_cursor_visible()

    # --- keys and mouse ------------------------------------------------------------------------

    def action_cursor(self, dx: int, dy: int) -> None:
        layout = self.layout_data
        if dx:
            column = self.cursor_column + dx
            if not 0 <= column < len(self.columns):
                return
            if self.per_column:  # the same place on screen in the next column: no column scrolls
                cards = layout.in_column(column)
                row = self._index_in_column() - self.windows.top(self.cursor_column) if self.cursor_id is not None else 0
                card = cards[min(self.windows.top(column) + max(row, 0), len(cards) - 1)] if cards else None
            else:
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
        """One screen of the focused column: its window moves a page and the cursor with it."""
        cards = self.layout_data.in_column(self.cursor_column)
        if not cards:
            return
        if self.per_column:
            step = self.windows.rows
        else:
            step = max((self.scrollable_content_region.height - HEADER_LINES) // self.layout_data.card_height, 1)
        index = self._index_in_column() + direction * step
        self.select(cards[max(0, min(index, len(cards) - 1))].id, page=direction * step)

    def _column_at(self, x: int) -> int | None:
        _fit_count, width = self.geometry()
        column = self.first_column + x // width
        return column if column < len(self.columns) else None

    def on_click(self, event: events.Click) -> None:
        column = self._column_at(event.x)
        if event.y < HEADER_LINES or column is None:
            return
        if self.per_column:
            row = (event.y - HEADER_LINES) // self.layout_data.card_height
            if event.y >= self.bottom_line() or row >= self.windows.rows:
                return
            cards = self.layout_data.columns[column]
            index = self.windows.top(column) + row
            card = cards[index] if index < len(cards) else None
        else:
            card = self.layout_data.card_at(column, int(self.scroll_y) + event.y - HEADER_LINES)
        if card is not None:
            if event.chain >= 2 and card.id == self.cursor_id:
                self.post_message(self.Activated(card.id))
            self.select(card.id)
        else:
            self.select(None, column)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._wheel(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._wheel(event, -1)

    def _wheel(self, event: events.MouseScrollDown | events.MouseScrollUp, direction: int) -> None:
        """The wheel over a column scrolls that column by a card (the cursor stays on its card)."""
        if not self.per_column or event.ctrl or event.shift:
            return  # the shared scroll of swimlanes, or sideways: Textual's own handling
        event.prevent_default()
        event.stop()
        column = self._column_at(event.x)
        if column is not None and self.windows.scroll(column, direction, len(self.layout_data.columns[column])):
            box = self._column_box(column, 0, self.scrollable_content_region.height)
            if box:
                self._refresh_boxes([box])

    # --- drawing -------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._painter.forget()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.per_column and self._fitted_for != self.bottom_line():
            # The data came before the view had its size (the first frame): fit now, not a frame later.
            self._fit_windows()
            self._keep_cursor_visible()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        return self._painter.line(y)
