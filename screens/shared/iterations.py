"""The iterations of a project (calendar `v`, board `I`, portfolio `i`): dates, running or closed,
committed estimates against the team's capacity; `c` closes (archives) or reopens one, `a` lists
closed ones too.  A closed iteration is never current and is not offered in forms; its cards and
history stay, and it can be reopened.

The modal writes through the callback it is given (the opening screen's store), reports a refusal,
and returns on close whether anything changed, so the opener reloads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cockpit.db.errors import StoreError
from cockpit.db.models import IterationRead
from cockpit.db.store import Store
from cockpit.logic.capacity import Capacity
from cockpit.logic.wording import plural
from cockpit.services.capacity import iteration_capacity
from cockpit.widgets.keys_footer import KeysFooter


@dataclass(frozen=True)
class IterationRow:
    iteration: IterationRead
    running: bool
    capacity: Capacity


def iteration_rows(store: Store, project_id: int, today: date, *, include_closed: bool) -> list[IterationRow]:
    current = store.workspace.current_iteration(today, project_id)
    return [IterationRow(it, current is not None and it.id == current.id, iteration_capacity(store, it))
            for it in store.workspace.iterations(project_id, include_closed=include_closed)]


class IterationsModal(ModalScreen[bool]):
    DEFAULT_CSS = """
    IterationsModal { align: center middle; }
    IterationsModal > Vertical {
        width: 100; max-width: 98%; height: 80%; border: thick $primary; background: $surface; padding: 0 1;
    }
    IterationsModal #iterations-title { text-style: bold; }
    IterationsModal #iterations-table { height: 1fr; }
    IterationsModal #iterations-info { height: auto; color: $text-muted; }
    """
    BINDINGS = [
        Binding("c", "close_iteration", "Close/reopen", id="iterations.close",
                tooltip="Archive the iteration (cards and history kept) or reopen it"),
        Binding("a", "show_closed", "Closed too", id="iterations.show_closed", tooltip="List closed iterations too"),
        Binding("escape", "back", "Back", id="iterations.back"),
    ]

    def __init__(self, title: str, rows: Callable[[bool], list[IterationRow]],
                 set_closed: Callable[[IterationRead, bool], object]) -> None:
        super().__init__()
        self.title_text = title
        self._rows = rows
        self._set_closed = set_closed
        self.rows: list[IterationRow] = []
        self.show_closed = False
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="iterations-title", markup=False)
            yield DataTable(id="iterations-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="iterations-info", markup=False)
        yield KeysFooter()

    @property
    def table(self) -> DataTable:
        return self.query_one("#iterations-table", DataTable)

    def on_mount(self) -> None:
        self.table.add_columns("Iteration", "Dates", "Status", "Load", "Goal")
        self.reload()
        self.table.focus()

    @property
    def current(self) -> IterationRow | None:
        row = self.table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.row_count else None

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else (self.current.iteration.id if self.current else None)
        try:
            self.rows = self._rows(self.show_closed)
        except StoreError as error:
            self.notify(error.message, title="Not read", severity="error", markup=False)
            return
        table = self.table
        table.clear()
        for row in self.rows:
            it = row.iteration
            status = "closed" if it.closed else "running" if row.running else ""
            load = Text(row.capacity.short(), style="bold red" if row.capacity.over else "")
            table.add_row(Text(it.name), f"{it.start:%d %b} – {it.end:%d %b %Y}", status, load,
                          Text(it.goal.splitlines()[0] if it.goal else ""), key=str(it.id))
        index = next((i for i, row in enumerate(self.rows) if row.iteration.id == keep), None)
        if index is None:
            index = next((i for i, row in enumerate(self.rows) if row.running), 0)
        if self.rows:
            table.move_cursor(row=index)
        self._info()

    def _info(self) -> None:
        row = self.current
        shown = "closed ones listed too (a hides them)" if self.show_closed else "open ones (a: closed too)"
        head = f"{row.iteration.name}: {row.capacity.text()}" if row else "No iteration yet."
        self.query_one("#iterations-info", Static).update(f"{head}\n{plural(len(self.rows), 'iteration')} · {shown}")

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._info()

    def action_close_iteration(self) -> None:
        row = self.current
        if row is None:
            return
        it = row.iteration
        try:
            self._set_closed(it, not it.closed)
        except StoreError as error:
            self.notify(error.message, title="Not saved", severity="error", markup=False)
        else:
            self.changed = True
            self.notify(f"{'Reopened' if it.closed else 'Closed'}: iteration {it.name}", markup=False)
        self.reload(keep=it.id)

    def action_show_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.reload()

    def action_back(self) -> None:
        self.dismiss(self.changed)


def open_iterations(screen, project_id: int, title: str, done: Callable[[], None]) -> None:  # noqa: ANN001
    """Push the iterations of ``project_id`` from a Cockpit screen; ``done`` runs if something changed."""
    store = screen.store
    modal = IterationsModal(
        title, lambda closed: iteration_rows(store, project_id, screen.today, include_closed=closed),
        lambda it, closed: store.portfolio.set_iteration_closed(it.id, it.version, closed))
    screen.app.push_screen(modal, lambda changed: done() if changed else None)
