"""The OKR board: one line per objective, two per key result under it (plain rows in, messages out).

A ``DataTable`` fed with ``OkrLine`` rows (already masked by the screen while presenting): a KR's
row shows its code, title and metric, owner and module, the cards linked (delivered / in progress),
target and baseline, the 7-day average (and how many days it rests on) over the week-over-week
change, a progress bar and a sparkline of the last 30 days.  Narrow tables (< 100 cells, e.g. 80x24
while presenting) leave out owner, module and cards (the detail shows them) and squeeze the
sparkline to one cell per two days.

``show(lines)`` fills it (the cursor stays on the same row); out: ``KrHighlighted`` when the cursor
lands on a row, ``KrChosen`` on enter or a click on a KR.
"""

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widget import PseudoClasses
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, DuplicateKey, Row, RowKey

from cockpit.widgets.okr_cells import LazyCell, cell_lines, kr_cell

WIDE = 100
#: Column key -> (header, width); ``None`` width: the column takes what is left.
COLUMNS: dict[str, tuple[str, int | None]] = {
    "code": ("Code", 7), "title": ("Key result · metric", None), "who": ("Owner·module", 12),
    "cards": ("Cards", 8), "target": ("Target", 11), "avg": ("7-day avg", 12), "progress": ("Progress", 10),
    "spark": ("Last 30 days", 15),
}
NARROW_ONLY = ("code", "title", "target", "avg", "progress", "spark")
#: Narrow tables (80 columns while presenting) give the title more room.
NARROW_WIDTHS = {"target": 9, "avg": 10, "progress": 8}


@dataclass(frozen=True)
class OkrLine:
    """One row: an objective (``kr_id`` None) or a KR of it.  Text is user text (never markup)."""

    key: str                       # "o:3" or "k:12": stable across reloads
    objective_id: int
    kr_id: int | None
    code: str
    title: str
    detail: str = ""               # the KR's metric and unit, direction; an objective's period
    owner: str = ""                # a handle, "" when nobody
    module: str = ""
    delivered: int = 0
    in_progress: int = 0
    target: str = ""
    baseline: str = ""
    average: str = ""              # "104.2" or "no data"
    days: int = 0                  # check-in days the average rests on
    change: str = ""               # "+12.0%", "n/a"
    change_sign: int = 0           # +1 better, -1 worse, 0 flat or n/a (direction-aware)
    change_up: bool | None = None  # the average went up (True), down (False); None: flat or n/a
    progress: float | None = None  # 0..1 (may pass 1), None: no data
    spark: tuple[float | None, ...] = ()  # the last 30 days, oldest first (None: no check-in)
    achieved: bool | None = None   # an objective whose period ended: reached or not
    confidential: bool = False


class OkrTable(DataTable):
    # The table looks the same whether it has the focus or not (its cursor row stays lit while the
    # screen's check-in bar or filter line is typed in: the row being worked on).  Textual's DataTable
    # tints itself and dims its cursor when blurred, which drew every line on screen again on each
    # move of the focus (~100 ms at 120x40 on a loaded machine, more than a card move).  With equal
    # styles a focus change restyles nothing, and ``get_pseudo_class_state`` keeps the render caches.
    DEFAULT_CSS = """
    OkrTable, OkrTable:focus {
        height: 1fr;
        background-tint: $foreground 5%;
        & > .datatable--header { background-tint: $foreground 5%; }
        & > .datatable--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .datatable--fixed-cursor { color: $block-cursor-foreground; background: $block-cursor-background; }
    }
    """
    BINDINGS = [
        Binding("enter", "select_cursor", "Detail", show=False, id="goals.table_open",
                tooltip="Open the KR's detail: check-ins, linked cards, monthly targets"),
    ]

    @dataclass
    class KrHighlighted(Message):
        table: "OkrTable"
        line: OkrLine | None

        @property
        def control(self) -> "OkrTable":
            return self.table

    @dataclass
    class KrChosen(Message):
        table: "OkrTable"
        line: OkrLine

        @property
        def control(self) -> "OkrTable":
            return self.table

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.lines: list[OkrLine] = []
        self._by_key: dict[str, OkrLine] = {}
        self._laid: tuple = ()
        self._shown: tuple = ()
        self._cells: dict[OkrLine, list[LazyCell]] = {}  # for the layout of ``_laid``
        #: The last row indexes whose cells were turned into renderables, oldest first (tests check
        #: that a check-in rebuilds its own row only).
        self.rows_built: deque[int] = deque(maxlen=200)
        self._waiting: list[OkrLine] | None = None  # shown before the table had a size
        self._sized_for: tuple = ()  # what ``_size_updated`` last worked on

    @property
    def width(self) -> int:
        """The table's width once laid out; before, the terminal's (the table spans its screen): rows
        shown as the screen opens are laid out for it and drawn in the screen's first paint, not in a
        second one after the table's first resize (a whole frame later).  Should the guess be wrong,
        the first resize lays the rows out again."""
        return self.size.width or (self.app.size.width if self.is_attached else 0)

    @property
    def wide(self) -> bool:
        return self.width >= WIDE

    def _columns(self) -> list[str]:
        return list(COLUMNS) if self.wide else list(NARROW_ONLY)

    def _spark_width(self) -> int:
        return 30 if self.width >= 150 else 15 if self.wide else 8

    def _widths(self, keys: list[str]) -> dict[str, int]:
        widths = {key: COLUMNS[key][1] or 0 for key in keys}
        if not self.wide:
            widths.update(NARROW_WIDTHS)
        widths["spark"] = self._spark_width()
        fixed = sum(widths.values()) + 2 * len(keys) + 2
        widths["title"] = max(16, (self.width or 120) - fixed)
        return widths

    def show(self, lines: Sequence[OkrLine]) -> None:
        """Show these rows; the cursor stays on its row (or the row that took its place)."""
        if not self.width:  # no terminal size yet: the first size decides the columns, draw them then
            self._waiting = list(lines)
            return
        self._waiting = None
        keys = self._columns()
        widths = self._widths(keys)
        laid = tuple(widths.items())
        shown = (laid, tuple(lines))
        if shown == self._shown:
            return
        self._shown = shown
        if laid == self._laid and [line.key for line in lines] == [line.key for line in self.lines]:
            self._patch(list(lines), keys, widths)  # the same rows (a check-in, an edit): only those redrawn
            return
        keep = self.current.key if self.current else None
        row = self.cursor_row
        self.lines = list(lines)
        self._by_key = {line.key: line for line in lines}
        if len(self._cells) > 4 * len(lines) + 100:
            self._cells.clear()
        self.clear(columns=laid != self._laid)
        if laid != self._laid:
            self._laid = laid
            self._cells.clear()
            for key in keys:
                self.add_column(COLUMNS[key][0], width=widths[key], key=key)
        self._add_rows([(self._cells_of(line, keys, widths), line.key, 1 if line.kr_id is None else 2)
                        for line in lines])
        # The virtual size now (DataTable works it out when idle, after the screen's layout, which
        # then takes another pass and a paint for the scrollbar): every row has its height.
        self._require_update_dimensions = False
        self._new_rows.clear()
        self._update_dimensions(())
        if keep in self._by_key:
            self.move_cursor(row=self.get_row_index(keep), animate=False, scroll=True)
        elif lines:
            self.move_cursor(row=min(row, len(lines) - 1), animate=False)
        if not lines:
            self.post_message(self.KrHighlighted(self, None))

    def _patch(self, lines: list[OkrLine], keys: list[str], widths: dict[str, int]) -> None:
        """Redraw the rows whose line changed; the rest stay as drawn (not even re-rendered)."""
        old, self.lines = self.lines, lines
        self._by_key = {line.key: line for line in lines}
        for index, (before, after) in enumerate(zip(old, lines)):
            if before is not after and before != after:
                changed = {ColumnKey(key): now for key, was, now in
                           zip(keys, self._cells_of(before, keys, widths), self._cells_of(after, keys, widths))
                           if was != now}
                if changed:
                    self._replace_row(RowKey(after.key), index, changed)
        current = self.current
        self.post_message(self.KrHighlighted(self, current))

    def _add_rows(self, rows: list[tuple[list[LazyCell], str, int]]) -> None:
        """``DataTable.add_row`` for each (cells, key, height), with what it does per row that no row
        needs done again done once: the columns sorted (twice a row), the cursor set to itself (a
        reactive: validated and watched), the update count bumped, the idle check.  Opening Goals
        adds 300 rows; that was ~8 ms of it."""
        columns = [column.key for column in self.ordered_columns]
        start = self.row_count
        for offset, (cells, key, height) in enumerate(rows):
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = start + offset
            self._data[row_key] = dict(zip(columns, cells))
            self.rows[row_key] = Row(row_key, height, None, False)
            self._new_rows.add(row_key)
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if start == 0 and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # (as add_row: a cell to highlight where there was none)
        self._update_count += 1
        self.check_idle()

    def _replace_row(self, row_key: RowKey, index: int, cells: dict[ColumnKey, LazyCell]) -> None:
        """Put these cells in one row and repaint that row alone.

        ``DataTable.update_cell`` bumps the table's update count, which every render cache is keyed
        on, so one changed cell re-renders every visible row (about 100 ms at 120x40 with two-line
        rows).  Here only the changed row's entries leave the caches (keyed by row key, row index or
        screen line) and only its region is refreshed; row heights and column widths do not change.
        """
        self._data[row_key].update(cells)
        self._row_renderable_cache.discard((self._update_count, index))
        for cache in (self._cell_render_cache, self._row_render_cache):
            for key in [key for key in cache.keys() if key[0] == row_key]:
                cache.discard(key)
        header = self.header_height if self.show_header else 0
        lines = {y + header for y, (key, _) in enumerate(self._y_offsets) if key == row_key}
        for key in [key for key in self._line_cache.keys() if key[0] in lines]:
            self._line_cache.discard(key)
        self.refresh_row(index)

    def _compute_row_renderables(self, row_index: int):  # noqa: ANN202 - DataTable's RowRenderables
        self.rows_built.append(row_index)
        return super()._compute_row_renderables(row_index)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
                     hover: bool = False) -> list[list[Segment]]:
        """DataTable's, with a row's cells drawn straight to segments (``cell_lines``): Rich's way of
        drawing a cell (padding, wrapping and cropping each line) was most of the cost of opening the
        Goals screen (~25 ms for the rows on screen at 120x40).  The header, and a cell whose text
        does not fit its column, are drawn by DataTable."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        cache_key = (row_key, self._column_locations.get_key(column_index), base_style, cursor, hover,
                     self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        lines = self._cell_render_cache.get(cache_key)
        if lines is None:
            cell = self._get_row_renderables(row_index).cells[column_index]
            height = self.rows[row_key].height
            if not isinstance(cell, LazyCell) or not height:
                return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            component, post = self._get_styles_to_render_cell(
                False, False, row_index < self.fixed_rows or column_index < self.fixed_columns, hover, cursor,
                self.show_cursor, self._show_hover_cursor, self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css")
            pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
            lines = cell_lines(self.app.console, cell.lines, width, height, self.cell_padding, pre, post)
            if lines is None:
                return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            self._cell_render_cache[cache_key] = lines
        return lines

    def _cells_of(self, line: OkrLine, keys: list[str], widths: dict[str, int]) -> list[LazyCell]:
        """The row's cells, once per line (a reload hands back equal lines for unchanged KRs), each
        made when it is first drawn."""
        cached = self._cells.get(line)
        if cached is None:
            cached = self._cells[line] = [LazyCell(partial(kr_cell, line, key, widths[key])) for key in keys]
        return cached

    def _on_resize(self, event: events.Resize) -> None:
        """Lay the rows out again if the column widths changed.  DataTable's own handler (not run:
        ``prevent_default``) forgets every drawn row on each resize, for its auto-width columns; here
        a row's cells depend on the column widths alone, so the first size after opening does not
        draw the screen's rows twice."""
        event.prevent_default()
        waiting = self._waiting
        if waiting is not None:
            self.show(waiting)
            if self.size.width:
                self.post_message(self.KrHighlighted(self, self.current))  # the screen's detail and keys
        elif self.lines:
            self.show(self.lines)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's, unless nothing about the table changed since it last ran.  Every layout pass of
        the screen (the check-in bar shown or hidden) hands a scroll view a virtual size that is not
        its own, so Textual took it as a change and repainted the scrollbar, as it was, in a frame of
        its own after the one that showed the change (a second write to the terminal for ``c`` and
        for ``enter``, and a frame's wait before the key was done)."""
        seen = (size, container_size, self.virtual_size, self.styles.gutter.totals)
        if seen == self._sized_for:
            return False
        self._sized_for = seen
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable measures every cell of every new row (300 two-line rows: as long as drawing the
        screen) to size auto-width columns and auto-height rows; here every column has its width and
        every row its height, so only the table's virtual size is worked out."""
        super()._update_dimensions(())

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Not restyled when the focus comes or goes (Textual restyles, and DataTable then drops every
        render cache): it looks the same either way (DEFAULT_CSS)."""

    def _on_focus(self, event: events.Focus) -> None:
        """Textual's, without drawing every line again: nothing on screen changes (DEFAULT_CSS)."""
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        """Textual's, without drawing every line again: nothing on screen changes (DEFAULT_CSS)."""
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def get_pseudo_class_state(self) -> PseudoClasses:
        """As DataTable's, but always focused: the table looks the same either way (DEFAULT_CSS), so
        its render caches (keyed on this) stay valid when the focus moves to the bar and back."""
        return super().get_pseudo_class_state()._replace(focus=True)

    @property
    def current(self) -> OkrLine | None:
        if not self.lines or not 0 <= self.cursor_row < len(self.lines):
            return None
        return self.lines[self.cursor_row]

    def move_to(self, key: str) -> bool:
        if key not in self._by_key:
            return False
        self.move_cursor(row=self.get_row_index(key), animate=False, scroll=True)
        return True

    def move_to_kr(self, step: int) -> bool:
        """Move the cursor to the next (``step`` 1) or previous (-1) key result row, over objective
        rows; False, not moved, when there is none that way."""
        row = self.cursor_row + step
        while 0 <= row < len(self.lines):
            if self.lines[row].kr_id is not None:
                self.move_cursor(row=row, animate=False, scroll=True)
                return True
            row += step
        return False

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.KrHighlighted(self, self._by_key.get(str(event.row_key.value))))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        line = self._by_key.get(str(event.row_key.value))
        if line is not None:
            self.post_message(self.KrChosen(self, line))
