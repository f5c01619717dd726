"""The History screen (key 9, palette "History"): every change of the project, newest first, with
who, when (the workspace's time zone) and what, filtered by person, card, kind and date.  It reads
one page of the change log at a time (more as the cursor nears the end) and writes nothing."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from cockpit.db.errors import StoreError
from cockpit.logic.history import KINDS, with_standup
from cockpit.logic.wording import plural
from cockpit.screens.history.controller import HistoryController, HistoryRow
from cockpit.screens.base import CockpitScreen
from cockpit.widgets.filter_box import FilterBox

if TYPE_CHECKING:
    from cockpit.context import Workspace

HELP = f"""\
Every change made in this project (and to the workspace's people and settings), newest first: when
(in the workspace's time zone), who, and what, in the words of the minutes.  A change made while a
meeting ran names the meeting.  More changes are read as the cursor reaches the end of the list.

**Filter** (`/`, `escape` clears): `@ana` changes made by ana, `card:#12` (or `#12`) one card's,
`kind:move` one kind ({", ".join(KINDS)}), `since:monday`, `since:2026-11-20`, `since:3d`,
`until:yesterday`, and words found in the change ("login").  The line under it says what the filter
was read as.  `s`: since the last stand-up ended.

`enter` on a change of a card shows the card on the board.  Nothing is changed here.
"""

COLUMNS = (("When", 16), ("Who", 12), ("What", None), ("Meeting", 18))
#: Below this width the meeting has no column (the line under the list names it).
NARROW = 110
#: Load the next page when the cursor comes this close to the end of the list.
NEAR_END = 10


class HistoryScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    HistoryScreen #history-filter { dock: top; height: 3; border: tall $accent; }
    HistoryScreen #history-said { height: 1; color: $text-muted; padding: 0 1; }
    HistoryScreen #history-table { height: 1fr; }
    HistoryScreen #history-detail { height: 2; padding: 0 1; background: $panel; }
    """
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="history.filter",
                tooltip="Filter by @person, card:#12, kind:move, since:monday, until:..., words"),
        Binding("s", "since_standup", "Since stand-up", id="history.since_standup",
                tooltip="Only the changes made since the last stand-up ended"),
        Binding("enter", "show_card", "Show card", id="history.show_card", priority=True,
                tooltip="Show the card of this change on the board"),
        Binding("escape", "clear_filter", "Clear filter", id="history.clear_filter", show=False,
                tooltip="Show every change"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = HistoryController(workspace.store)
        self.rows: list[HistoryRow] = []
        self._width = 0  # the width the table was laid out for

    def compose_body(self) -> ComposeResult:
        yield FilterBox(placeholder="filter: @person card:#12 kind:move since:monday until:... words — escape clears",
                        id="history-filter")
        yield Static("", id="history-said", markup=False)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-detail", markup=False)

    @property
    def table(self) -> DataTable:
        return self.query_one("#history-table", DataTable)

    @property
    def filter_box(self) -> FilterBox:
        return self.query_one("#history-filter", FilterBox)

    def on_mount(self) -> None:
        self.refresh_data()
        self.table.focus()

    def header_scope(self) -> str | None:
        return "History: every change, newest first"

    # --- showing -------------------------------------------------------------------------------

    def refresh_data(self, reread: bool = True) -> None:
        """Reload (``reread``: the meetings and people too; a new filter keeps them)."""
        if not self.is_mounted:
            return
        keep = self.current.id if self.current is not None else None
        self.controller.set_filter(self.filter_box.value, self.today)
        try:
            self.controller.load(reread)
        except StoreError as error:
            self.report(error)
            return
        self._fill(keep)

    @property
    def columns(self) -> tuple[tuple[str, int | None], ...]:
        return COLUMNS if self.size.width >= NARROW else COLUMNS[:3]

    def _fill(self, keep: int | None = None) -> None:
        """Draw the controller's entries (the table is cleared: a filter or a reload)."""
        table = self.table
        self._width = self.size.width
        table.clear(columns=True)
        for name, width in self.columns:
            table.add_column(name, width=width, key=name)
        self._fit_what()
        self.rows = []
        self._append()
        index = next((i for i, row in enumerate(self.rows) if row.id == keep), 0)
        if self.rows:
            table.move_cursor(row=index)
        self._show_said()
        self._show_detail()

    def _append(self) -> None:
        """Add the rows of entries not drawn yet."""
        secrets = self.secrets()
        rows = self.controller.rows(secrets)[len(self.rows):]
        wide = len(self.table.columns) == len(COLUMNS)
        for row in rows:
            cells = [f"{row.at:%a %d %b %H:%M}", Text(row.who), Text(row.what)]
            self.table.add_row(*cells, *([Text(row.meeting)] if wide else []), key=str(row.id))
        self.rows.extend(rows)

    def _fit_what(self) -> None:
        """The "What" column takes the width the others leave."""
        others = sum(width or 0 for _name, width in self.columns) + 2 * len(self.columns) + 2
        column = self.table.columns.get("What")  # type: ignore[call-overload]
        if column is not None:
            column.width = max(self.size.width - others, 20)
            column.auto_width = False

    def on_resize(self) -> None:
        """Redraw for the new width (only when it changed: the first resize follows the mount's fill)."""
        if self.is_mounted and self.table.columns and self.size.width != self._width:
            self._fill(self.current.id if self.current else None)

    def _show_said(self) -> None:
        more = "" if self.controller.complete else " so far (more as you scroll)"
        count = plural(len(self.rows), "change")
        self.query_one("#history-said", Static).update(f"{count}{more} · {self.controller.said_back()}")

    def _show_detail(self) -> None:
        row = self.current
        text = Text()
        if row is not None:
            text.append(f"{row.at:%A %d %B %Y %H:%M} · {row.who}", style="bold")
            if row.meeting:
                text.append(f" · during {row.meeting}")
            text.append("\n" + row.what)
        self.query_one("#history-detail", Static).update(text)

    @property
    def current(self) -> HistoryRow | None:
        if not self.is_mounted or not self.rows:
            return None
        index = self.table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - NEAR_END and not self.controller.complete:
            try:
                added = self.controller.more()
            except StoreError as error:
                self.report(error)
                added = 0
            if added:
                self._append()
                self._show_said()
        self._show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_card":
            if self.is_mounted and self.filter_box.has_focus:
                return False  # enter keeps the filter
            return True if self.current is not None and self.current.item_id is not None else None
        if action == "clear_filter":
            return bool(self.filter_box.value) or self.filter_box.has_focus
        return True

    # --- the filter ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.filter_box.open()
        self.filter_box.focus()

    @on(Input.Changed, "#history-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_data(reread=False)

    @on(Input.Submitted, "#history-filter")
    def _filter_kept(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.filter_box.value:
            self.filter_box.close()
        self.table.focus()

    def action_clear_filter(self) -> None:
        box = self.filter_box
        box.value = ""
        box.close()
        self.table.focus()

    def action_since_standup(self) -> None:
        self.filter_box.value = with_standup(self.filter_box.value)
        self.table.focus()

    def presentation_changed(self, presenting: bool) -> None:
        if self.is_mounted:
            self._fill(self.current.id if self.current else None)

    # --- going to the card ---------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_show_card()

    def action_show_card(self) -> None:
        row = self.current
        if row is None or row.item_id is None:
            return
        self.app.call_later(self._go_to_card, row.item_id)

    async def _go_to_card(self, item_id: int) -> None:
        from cockpit.screens.board.screen import BoardScreen

        app = self.app
        try:
            await app.switch_mode("board")
        except Exception:  # noqa: BLE001 - a screen hosted alone (no board mode): nothing to show
            self.notify("The board is not available here", severity="warning", markup=False)
            return
        board = app.screen
        if isinstance(board, BoardScreen):
            board.focus_item(item_id)
