"""The risk register table: plain rows in, sortable by any column, severity and overdue marked.

A line-API widget (like the board): it draws only the rows on screen, each row once until it
changes, so showing, filtering or re-sorting 1,000 risks costs about what 40 do.  It looks and
behaves like the DataTable it replaced (same component classes, zebra stripes, row cursor, hover,
a header that stays put, a header click sorts).

``show(rows)`` fills it (the cursor stays on the same risk); ``sort_by(key)`` sorts (again: reverse).
Narrow tables (< 100 cells) show fewer columns.
Out: ``RowHighlighted`` when the cursor lands on a risk, ``RowSelected`` on enter or a click on the
cursor row, ``SortChanged`` after a sort.
"""

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.widgets.risk_cells import (  # noqa: F401 - RiskRow and the styles are this widget's public data
    BAND_STYLE,
    COLUMN_BY_KEY,
    COLUMNS,
    CONFIDENTIAL_MARK,
    PADDING,
    REVIEW_STYLE,
    STATUS_STYLE,
    Column,
    RiskRow,
    cell,
    cell_parts,
    styled,
)

WIDE = 100
HEADER = -1  # the row index of the header line


@dataclass
class RowMessage(Message):
    table: "RiskTable"
    risk_id: int

    @property
    def control(self) -> "RiskTable":  # so @on(..., "#risks-table") can match it
        return self.table


class RiskTable(ScrollView, can_focus=True):
    # DataTable's look, rule for rule, so the register looks as it did.
    DEFAULT_CSS = """
    RiskTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header { background-tint: $foreground 5%; }
        }
        &:dark > .datatable--even-row { background: $surface-darken-1 40%; }
        & > .datatable--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .datatable--header { background: ansi_bright_blue; color: ansi_default; }
        & > .datatable--odd-row { }
        & > .datatable--even-row { background: $surface-lighten-1 50%; }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .datatable--header-cursor { background: $accent-darken-1; color: $foreground; }
        & > .datatable--header-hover { background: $accent 30%; }
        & > .datatable--hover { background: $block-hover-background; }
    }
    """
    COMPONENT_CLASSES = {"datatable--cursor", "datatable--hover", "datatable--header", "datatable--header-cursor",
                         "datatable--header-hover", "datatable--odd-row", "datatable--even-row"}
    BINDINGS = [
        Binding("enter", "select_cursor", "Open", show=False, id="risks.table_open",
                tooltip="Open the selected risk"),
        Binding("up", "cursor(-1)", "Risk above", show=False, id="risks.table_up"),
        Binding("down", "cursor(1)", "Risk below", show=False, id="risks.table_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="risks.table_page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="risks.table_page_down"),
        Binding("home,ctrl+home", "edge(-1)", "First risk", show=False, id="risks.table_first"),
        Binding("end,ctrl+end", "edge(1)", "Last risk", show=False, id="risks.table_last"),
    ]

    @dataclass
    class SortChanged(Message):
        table: "RiskTable"
        key: str
        reverse: bool

    class RowHighlighted(RowMessage):
        """The cursor landed on a risk."""

    class RowSelected(RowMessage):
        """Enter, or a click on the cursor's row."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.rows_data: list[RiskRow] = []
        self.sort_key = "score"
        self.sort_reverse = True
        self.cursor_row = 0
        self.hover_row: int | None = None
        self._order: list[RiskRow] = []     # rows_data in display order
        self._index: dict[int, int] = {}    # risk id -> display index
        self._columns: list[Column] = []
        self._widths: list[int] = []        # render width of each column (padding included)
        self._title_width = 30
        self._laid: tuple = ()
        self._cells: dict[RiskRow, list[Text]] = {}  # the texts of a row (made when first drawn)
        self._parts: dict[object, list] = {}  # the same, cut to their columns (and the header's)
        self._lines: dict[tuple, Strip] = {}         # drawn lines, until the row or the styles change
        self._styles_of: dict[tuple, tuple[Style, Style, Style]] = {}  # until the CSS changes
        self._meta: list[Style] = []                 # per column, as DataTable marks its cells
        self._extend_meta = Style.from_meta({"column": 0, "out_of_bounds": True})
        #: How many rows were drawn (not taken from the cache): tests check a nudge draws few.
        self.rows_drawn = 0

    # --- data in -------------------------------------------------------------------------------

    @property
    def wide(self) -> bool:
        return self.size.width >= WIDE

    def visible_columns(self) -> list[Column]:
        return [c for c in COLUMNS if self.wide or not c.wide_only]

    def show(self, rows: list[RiskRow]) -> None:
        """Show these rows (sorted by the current sort); the cursor stays on its risk if shown."""
        keep = self.current_id
        self.rows_data = list(rows)
        if len(self._cells) > 4 * len(self.rows_data) + 200:
            self._cells, self._parts = {}, {}
        self._arrange(keep)

    def _arrange(self, keep: int | None) -> None:
        column = COLUMN_BY_KEY[self.sort_key]
        order = sorted(self.rows_data, key=lambda r: r.id)
        order.sort(key=column.sort_key, reverse=self.sort_reverse)
        self._order = order
        self._index = {row.id: index for index, row in enumerate(order)}
        # The cursor stays on its risk; when that is no longer shown, it goes to the first row.
        self.cursor_row = self._index.get(keep, 0) if keep is not None else 0
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        """Columns, widths and the scrollable size for the widget's width now."""
        columns = self.visible_columns()
        fixed = sum(c.width + 2 for c in columns if c.key != "title") + 2
        self._title_width = max(13, self.size.width - fixed - 2) if self.size.width else 30
        laid = (tuple(c.key for c in columns), self._title_width)
        if laid != self._laid:  # other columns or another title width: every cell changes
            self._laid = laid
            self._cells, self._parts = {}, {}
            self._lines.clear()
        self._columns = columns
        self._meta = [Style.from_meta({"column": number}) for number in range(len(columns))]
        self._widths = [(c.width or self._title_width) + 2 * PADDING for c in columns]
        self.virtual_size = Size(sum(self._widths), len(self._order) + 1)
        self._scroll_cursor_into_view()

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; sorting again by the same column reverses the order."""
        if key not in COLUMN_BY_KEY:
            raise KeyError(key)
        if reverse is None:
            reverse = (not self.sort_reverse) if key == self.sort_key else key in ("score", "residual")
        self.sort_key, self.sort_reverse = key, reverse
        self._lines.clear()  # the header's arrow moved
        self._arrange(self.current_id)
        self.post_message(self.SortChanged(self, key, reverse))

    def sorted_rows(self) -> list[RiskRow]:
        return list(self._order)

    _cell = staticmethod(cell)

    # --- what tests and the screen read ----------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._order)

    @property
    def current_id(self) -> int | None:
        return self._order[self.cursor_row].id if 0 <= self.cursor_row < len(self._order) else None

    def move_to(self, risk_id: int) -> bool:
        index = self._index.get(risk_id)
        if index is None:
            return False
        self._move_cursor(index)
        return True

    def row_cells(self, row: RiskRow) -> list[Text]:
        texts = self._cells.get(row)
        if texts is None:
            texts = self._cells[row] = [cell(column.key, row, self._title_width) for column in self._columns]
        return texts

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of the row at display ``index`` (as DataTable.get_row_at)."""
        return self.row_cells(self._order[index])

    def get_cell(self, risk_id: str | int, column_key: str) -> Text:
        row = self._order[self._index[int(risk_id)]]
        return self.row_cells(row)[[c.key for c in self._columns].index(column_key)]

    # --- cursor --------------------------------------------------------------------------------

    def _move_cursor(self, index: int) -> None:
        index = max(0, min(index, len(self._order) - 1))
        if index == self.cursor_row or not self._order:
            return
        self.cursor_row = index
        self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.RowHighlighted(self, self._order[index].id))

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height - 1
        if height <= 0 or not self._order:
            return
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False, force=True)

    def _hover(self, row: int | None) -> None:
        if row != self.hover_row:
            self.hover_row = row
            self.refresh()

    def action_cursor(self, step: int) -> None:
        self._hover(None)
        self._move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self._hover(None)
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + step * page, animate=False, force=True)
        self._move_cursor(self.cursor_row + step * page)

    def action_edge(self, step: int) -> None:
        self._hover(None)
        self._move_cursor(0 if step < 0 else len(self._order) - 1)

    def action_select_cursor(self) -> None:
        self._hover(None)
        if self.current_id is not None:
            self.post_message(self.RowSelected(self, self.current_id))

    # --- mouse ---------------------------------------------------------------------------------

    def _row_at(self, y: int) -> int | None:
        """The display index under content line ``y`` (HEADER for the header), or None."""
        if y == 0:
            return HEADER
        index = y - 1 + int(self.scroll_y)
        return index if 0 <= index < len(self._order) else None

    def _column_at(self, x: int) -> Column | None:
        x += int(self.scroll_x)
        for column, width in zip(self._columns, self._widths):
            if x < width:
                return column
            x -= width
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self._hover(self._row_at(offset.y) if offset is not None else None)

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        row = self._row_at(offset.y) if offset is not None else None
        if offset is None or row is None:
            return
        if row == HEADER:
            column = self._column_at(offset.x)
            if column is not None:
                self.sort_by(column.key)
            return
        event.stop()
        if row == self.cursor_row:
            self.post_message(self.RowSelected(self, self._order[row].id))
        else:
            self._move_cursor(row)

    # --- drawing -------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._styles_of.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def _styles(self, index: int) -> tuple[Style, Style, Style]:
        """(row style, component style, post style) of the row at ``index``, as DataTable's."""
        key = (index == HEADER, index % 2, index == self.hover_row, index == self.cursor_row, self.has_focus)
        styles = self._styles_of.get(key)
        if styles is None:
            styles = self._styles_of[key] = self._compute_styles(index)
        return styles

    def _compute_styles(self, index: int) -> tuple[Style, Style, Style]:
        if index == HEADER:
            row_style = self.get_component_styles("datatable--header").rich_style
        else:
            name = "datatable--odd-row" if index % 2 else "datatable--even-row"
            row_style = self.get_component_styles(name).rich_style
        component = Style()
        if index == self.hover_row:
            component += self.get_component_rich_style("datatable--hover")
            if index == HEADER:
                component += self.get_component_rich_style("datatable--header-hover")
        if index == self.cursor_row and index != HEADER:
            component += self.get_component_rich_style("datatable--cursor")
        return row_style, component, Style.from_color(color=component.color)

    def _labels(self) -> list[Text]:
        labels = []
        for column in self._columns:
            arrow = ("↓" if self.sort_reverse else "↑") if column.key == self.sort_key else ""
            labels.append(Text.from_markup(f"{column.label}{arrow}"))
        return labels

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = getattr(self, "_base", None) or self.rich_style
        index = self._row_at(y)
        if index is None:
            return Strip.blank(width, base)
        row = None if index == HEADER else self._order[index]
        scroll_x = int(self.scroll_x)
        state = (index == self.cursor_row, index == self.hover_row, self.has_focus)
        key = (row, index % 2, state, width, scroll_x, base, self.sort_key, self.sort_reverse)
        strip = self._lines.get(key)
        if strip is None:
            self.rows_drawn += 1
            strip = self._draw(index, row, width, scroll_x, base)
            self._lines[key] = strip
            if len(self._lines) > 4 * max(self.size.height, 10):
                self._lines = {key: strip}  # a new screenful replaces the old ones
        return strip

    def render_lines(self, crop):  # noqa: ANN001, ANN201
        self._base = self.rich_style  # once per paint, not once per line (it walks the ancestors)
        return super().render_lines(crop)

    def _cell_parts(self, row: RiskRow | None) -> list:
        key = row if row is not None else (self.sort_key, self.sort_reverse)  # the header shows the sort
        parts = self._parts.get(key)
        if parts is None:
            texts = self._labels() if row is None else self.row_cells(row)
            console = self.app.console
            parts = self._parts[key] = [cell_parts(console, text, width) for text, width in zip(texts, self._widths)]
        return parts

    def _draw(self, index: int, row: RiskRow | None, width: int, scroll_x: int, base: Style) -> Strip:
        row_style, component, post = self._styles(index)
        segments: list[Segment] = []
        for meta, parts in zip(self._meta, self._cell_parts(row)):
            segments.extend(styled(parts, row_style + meta + component, post))
        extend = row_style + component + self._extend_meta
        segments.append(Segment(" " * max(0, width - sum(self._widths)), extend))
        strip = Strip(segments)
        if scroll_x:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, base).simplify()
