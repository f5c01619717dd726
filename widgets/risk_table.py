"""The risk register table: plain rows in, sortable by any column, severity and overdue marked.

``show(rows)`` fills it (the cursor stays on the same risk); ``sort_by(key)`` sorts (again: reverse).
Clicking a column header sorts by it.  Narrow tables (< 100 cells) show fewer columns.
Out: ``RiskTable.SortChanged`` after a sort; DataTable's own RowHighlighted / RowSelected carry the
risk id as the row key.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import DataTable

BAND_STYLE = {"low": "green3", "medium": "gold3", "high": "dark_orange", "critical": "bold red1"}
REVIEW_STYLE = {"overdue": "bold red", "due": "yellow", "ok": "", "none": "dim"}
STATUS_STYLE = {"open": "", "monitoring": "cyan", "occurred": "bold magenta", "closed": "dim"}
CONFIDENTIAL_MARK = "🔒"


@dataclass(frozen=True)
class RiskRow:
    """One risk as the table shows it (plain data)."""

    id: int
    title: str
    category: str = ""
    owner: str = ""
    status: str = "open"
    probability: int = 3
    impact: int = 3
    score: int = 9
    band: str = "medium"
    residual: int | None = None
    residual_band: str = ""
    response: str = ""
    next_review: date | None = None
    review_state: str = "none"
    item_id: int | None = None
    confidential: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    wide_only: bool = False
    sort_key: Any = field(default=None, compare=False)


COLUMNS = (
    Column("score", "Score", 5, sort_key=lambda r: (r.score, r.probability)),
    Column("title", "Risk", 0, sort_key=lambda r: r.title.lower()),
    Column("category", "Category", 11, True, lambda r: r.category.lower()),
    Column("owner", "Owner", 6, sort_key=lambda r: r.owner.lower()),
    Column("status", "Status", 8, sort_key=lambda r: r.status),
    Column("probability", "P", 1, True, lambda r: r.probability),
    Column("impact", "I", 1, True, lambda r: r.impact),
    Column("residual", "Resid", 5, True, lambda r: -1 if r.residual is None else r.residual),
    Column("response", "Response", 8, True, lambda r: r.response),
    Column("next_review", "Review", 7, sort_key=lambda r: r.next_review or date.max),
    Column("item_id", "Card", 5, True, lambda r: r.item_id or 0),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
WIDE = 100


class RiskTable(DataTable):
    DEFAULT_CSS = """
    RiskTable { height: 1fr; }
    """

    @dataclass
    class SortChanged(Message):
        table: "RiskTable"
        key: str
        reverse: bool

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_data: list[RiskRow] = []
        self.sort_key = "score"
        self.sort_reverse = True
        self._columns_for: tuple[bool, int] | None = None

    # --- data ----------------------------------------------------------------------------------

    @property
    def wide(self) -> bool:
        return self.size.width >= WIDE

    def visible_columns(self) -> list[Column]:
        return [c for c in COLUMNS if self.wide or not c.wide_only]

    def show(self, rows: list[RiskRow]) -> None:
        rows = list(rows)
        if not self._patch(rows):
            self.rows_data = rows
            self._rebuild()

    def _patch(self, rows: list[RiskRow]) -> bool:
        """The same risks as shown (a nudge, a review, an edit, another window's change): redraw the
        changed rows' cells and reorder, instead of rebuilding.  A rebuilt DataTable measures every
        cell again (about a second at 1,000 risks); False when a rebuild is needed."""
        if (self._columns_for != (self.wide, self.size.width) or len(rows) != len(self.rows_data)
                or {row.id for row in rows} != {row.id for row in self.rows_data}):
            return False
        columns = self.visible_columns()
        title_width = self._title_width(columns)
        before = {row.id: row for row in self.rows_data}
        for row in rows:
            if before[row.id] != row:
                for column in columns:
                    self.update_cell(str(row.id), column.key, self._cell(column.key, row, title_width))
        self.rows_data = rows
        self._reorder()
        return True

    def _reorder(self) -> None:
        """Put the rows in ``sorted_rows()`` order (the cursor stays on its risk)."""
        order = [str(row.id) for row in self.sorted_rows()]
        if order == [row.key.value for row in self.ordered_rows]:
            return
        keep = self.current_id
        first = self.ordered_columns[0].key
        # DataTable.sort hands the key function a row's cells, not its key: rank by the first cell.
        rank = {id(self.get_cell(key, first)): index for index, key in enumerate(order)}
        self.sort(key=lambda cells: rank[id(cells[0])])
        if keep is not None:
            self.move_to(keep)

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; sorting again by the same column reverses the order."""
        if key not in COLUMN_BY_KEY:
            raise KeyError(key)
        if reverse is None:
            reverse = (not self.sort_reverse) if key == self.sort_key else key in ("score", "residual")
        self.sort_key, self.sort_reverse = key, reverse
        self._rebuild()
        self.post_message(self.SortChanged(self, key, reverse))

    def sorted_rows(self) -> list[RiskRow]:
        column = COLUMN_BY_KEY[self.sort_key]
        rows = sorted(self.rows_data, key=lambda r: r.id)
        rows.sort(key=column.sort_key, reverse=self.sort_reverse)
        return rows

    @property
    def current_id(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - no cursor row
            return None
        return int(key.value) if key.value is not None else None

    def move_to(self, risk_id: int) -> bool:
        try:
            index = self.get_row_index(str(risk_id))
        except Exception:  # noqa: BLE001 - not shown
            return False
        self.move_cursor(row=index, animate=False)
        return True

    # --- drawing -------------------------------------------------------------------------------

    def _title_width(self, columns: list[Column]) -> int:
        fixed = sum(c.width + 2 for c in columns if c.key != "title") + 2
        return max(13, self.size.width - fixed - 2) if self.size.width else 30

    def _rebuild(self) -> None:
        keep = self.current_id
        columns = self.visible_columns()
        title_width = self._title_width(columns)
        self._columns_for = (self.wide, self.size.width)
        self.clear(columns=True)
        for column in columns:
            arrow = ("↓" if self.sort_reverse else "↑") if column.key == self.sort_key else ""
            self.add_column(f"{column.label}{arrow}", key=column.key, width=column.width if column.width else title_width)
        for row in self.sorted_rows():
            self.add_row(*(self._cell(column.key, row, title_width) for column in columns), key=str(row.id))
        if keep is not None:
            self.move_to(keep)

    @staticmethod
    def _cell(key: str, row: RiskRow, title_width: int) -> Text:
        closed = row.status == "closed"
        if key == "score":
            return Text(f"{row.score:>3} {row.band[:1].upper()}", style="dim" if closed else BAND_STYLE.get(row.band, ""))
        if key == "title":
            text = Text(no_wrap=True, overflow="ellipsis")
            if row.confidential:
                text.append(CONFIDENTIAL_MARK + " ")
            text.append(row.title, style="dim" if closed else "")
            text.truncate(title_width, overflow="ellipsis")
            return text
        if key == "owner":
            return Text(row.owner or "—", style="dim" if not row.owner else "", no_wrap=True, overflow="ellipsis")
        if key == "category":
            return Text(row.category)
        if key == "status":
            return Text("monitor" if row.status == "monitoring" else row.status, style=STATUS_STYLE.get(row.status, ""))
        if key in ("probability", "impact"):
            return Text(str(getattr(row, key)))
        if key == "residual":
            if row.residual is None:
                return Text("—", style="dim")
            return Text(f"{row.residual:>2} {row.residual_band[:1].upper()}", style=BAND_STYLE.get(row.residual_band, ""))
        if key == "response":
            return Text(row.response)
        if key == "next_review":
            if row.next_review is None:
                return Text("—", style="dim")
            mark = "!" if row.review_state == "overdue" else ""
            return Text(f"{mark}{row.next_review:%d %b}", style=REVIEW_STYLE.get(row.review_state, ""))
        if key == "item_id":
            return Text(f"#{row.item_id}" if row.item_id else "")
        return Text("")

    def on_resize(self, event: events.Resize) -> None:
        if self._columns_for != (self.wide, self.size.width):
            self._rebuild()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value is not None:
            self.sort_by(event.column_key.value)
