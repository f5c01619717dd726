"""The day view (enter on a day): its key nodes, event occurrences and the board cards due that day.

Key nodes and events can be edited (e), deleted (x) and moved by a day (shift+left / shift+right)
from here: the view dismisses with the request (a ``DayRequest``), the calendar carries it out and
opens the day again (the day the entry moved to, after a move).  Cards belong to the board and are
listed read-only (a confidential card's title is masked while presenting, f5).
"""

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cockpit.screens.calendar.data import NOTE_PREFIXES, DayRow

EMPTY = DayRow("item:none", "", "Nothing on this day (n on the calendar adds an event)", "", "")


@dataclass(frozen=True)
class DayRequest:
    """What the day view asks the calendar to do with an entry: "edit", "delete" or "move" (by ``days``)."""

    action: str
    key: str
    row: int
    days: int = 0


class DayModal(ModalScreen[DayRequest | None]):
    DEFAULT_CSS = """
    DayModal { align: center middle; }
    DayModal > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    DayModal #day-title { text-style: bold; }
    DayModal DataTable { height: auto; max-height: 20; }
    DayModal #day-help { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="day.close"),
        Binding("e", "request('edit')", "Edit", id="day.edit", tooltip="Edit the highlighted key node or event"),
        Binding("x,delete", "request('delete')", "Delete", id="day.delete", tooltip="Delete the highlighted entry"),
        Binding("shift+left", "request('move', -1)", "Earlier", id="day.move_earlier", tooltip="Move it one day earlier"),
        Binding("shift+right", "request('move', 1)", "Later", id="day.move_later", tooltip="Move it one day later"),
        # A read-only view: f5 works here too (app keys stop at a modal), and the list follows at once.
        Binding("f5", "app.toggle_presentation", "Present", id="app.present",
                tooltip="Presentation mode: confidential cards' titles hidden"),
    ]

    def __init__(self, day: date, rows: list[DayRow], row: int = 0, *, read_only: bool = False) -> None:
        super().__init__()
        #: A read-only view: the day is listed, its edits are not offered.
        self.read_only = read_only
        self.day = day
        self.rows = rows
        self.start_row = row

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"{self.day:%A %d %B %Y}", id="day-title", markup=False)
            yield DataTable(id="day-table", cursor_type="row", zebra_stripes=True)
            keys = "f5 present · esc close" if self.read_only else \
                "e edit · x delete · shift+←/→ move a day · f5 present · esc close"
            yield Static(keys, id="day-help", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("When", "What", "Kind", "Iteration / owner")
        self.show(self.rows, self.start_row)
        table.focus()

    def show(self, rows: list[DayRow], row: int | None = None) -> None:
        """Draw ``rows`` (keeping the cursor row unless ``row`` is given)."""
        self.rows = rows
        table = self.query_one(DataTable)
        current = table.cursor_row if row is None else row
        table.clear()
        for entry in rows or [EMPTY]:
            table.add_row(Text(entry.when), Text(entry.what), Text(entry.kind), Text(entry.who), key=entry.key)
        table.move_cursor(row=min(max(current, 0), table.row_count - 1))

    def highlighted(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key if key and not key.startswith(NOTE_PREFIXES) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request" and self.read_only:
            return False
        if action == "request" and self.is_mounted:
            return True if self.highlighted() is not None else None
        return True

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_request(self, action: str, days: int = 0) -> None:
        key = self.highlighted()
        if key:
            self.dismiss(DayRequest(action, key, self.query_one(DataTable).cursor_row, days))
