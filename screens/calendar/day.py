"""The day view (enter on a day): its key nodes, event occurrences and the board cards due that day.

Key nodes and events can be edited (e), deleted (x) and moved by a day (shift+left / shift+right)
from here; cards belong to the board and are listed read-only (a confidential card's title is
masked while presenting, f5).
"""

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cockpit.logic.present import shown
from cockpit.logic.recurrence import Occurrence, describe
from db.errors import StoreError
from db.models_calendar import KeyDateRead
from screens.calendar.data import event_key, items_due

if TYPE_CHECKING:
    from screens.calendar.screen import CalendarScreen


class DayModal(ModalScreen[None]):
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
        Binding("e", "edit", "Edit", id="day.edit", tooltip="Edit the highlighted key node or event"),
        Binding("x,delete", "delete", "Delete", id="day.delete", tooltip="Delete the highlighted entry"),
        Binding("shift+left", "move(-1)", "Earlier", id="day.move_earlier", tooltip="Move it one day earlier"),
        Binding("shift+right", "move(1)", "Later", id="day.move_later", tooltip="Move it one day later"),
        # A read-only view: f5 works here too (app keys stop at a modal), and the list follows at once.
        Binding("f5", "app.toggle_presentation", "Present", id="app.present",
                tooltip="Presentation mode: confidential cards' titles hidden"),
    ]

    def __init__(self, owner: "CalendarScreen", day: date) -> None:
        super().__init__()
        self.owner = owner
        self.day = day

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"{self.day:%A %d %B %Y}", id="day-title", markup=False)
            yield DataTable(id="day-table", cursor_type="row", zebra_stripes=True)
            yield Static("e edit · x delete · shift+←/→ move a day · f5 present · esc close", id="day-help", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("When", "What", "Kind", "Iteration / owner")
        self.reload()
        table.focus()

    def reload(self) -> None:
        owner = self.owner
        table = self.query_one(DataTable)
        current = table.cursor_row
        table.clear()
        data = owner.data
        if data is None:
            return
        for entry in data.entries.get(self.day, []):
            ref = data.refs.get(entry.key)
            if isinstance(ref, KeyDateRead):
                table.add_row(Text("key node"), Text(f"◆ {ref.name}"), Text(ref.kind), Text(ref.iteration_name),
                              key=entry.key)
            elif isinstance(ref, Occurrence):
                when = "all day" if ref.all_day else f"{ref.start_time:%H:%M}–{ref.end_time:%H:%M}" if ref.end_time else f"{ref.start_time:%H:%M}"
                title = ref.title
                series = data.events.get(ref.series_id) if ref.series_id is not None else None
                if series is not None and series.rrule:
                    title += f"  ({describe(series.rrule)})"
                elif ref.recurring:
                    title += "  (moved occurrence)"
                table.add_row(Text(when), Text(title), Text(ref.kind), Text(data.iteration_name(ref.iteration_id)),
                              key=event_key(ref))
        try:
            items = items_due(owner.store.items.all(), self.day)
            people = {person.id: person.name for person in owner.store.workspace.people()}
        except StoreError as error:
            owner.report(error)
            items, people = [], {}
        presenting = owner.presenting
        for item in items:
            title = shown(item.title, item.confidential, presenting)
            table.add_row(Text("card due"), Text(f"#{item.id} {title}"), Text(item.kind),
                          Text(people.get(item.owner_id, "") if item.owner_id else ""), key=f"item:{item.id}")
        if not table.row_count:
            table.add_row(Text(""), Text("Nothing on this day (n on the calendar adds an event)"), Text(""), Text(""),
                          key="item:none")
        if table.row_count:
            table.move_cursor(row=min(max(current, 0), table.row_count - 1))

    def highlighted(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key if key and not key.startswith("item:") else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "move") and self.is_mounted:
            return True if self.highlighted() is not None else None
        return True

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        key = self.highlighted()
        if key:
            self.owner.edit_ref(key, self.reload)

    def action_delete(self) -> None:
        key = self.highlighted()
        if key:
            self.owner.delete_ref(key, self.reload)

    def action_move(self, days: int) -> None:
        key = self.highlighted()
        if key:
            # The entry leaves this day: the day view follows it.
            def follow() -> None:
                self.day = self.owner.cursor
                self.query_one("#day-title", Static).update(f"{self.day:%A %d %B %Y}")
                self.reload()
            self.owner.move_ref(key, days, follow)
