"""The RACI grid: activities (grouped by phase) down, roles across, one letter per cell.

Plain data in (``set_data``); the screen reads the cursor with ``current()``.  The header row and the
activity column stay in place while the grid scrolls; phase rows are headings the cursor skips.  At
narrow widths role columns show their short codes, at wide ones the full role names.
"""

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey

ACTIVITY = "activity"
#: Marks in the activity column: a problem with the row's letters, and a gate (checkpoint).
PROBLEM_MARK = "!"
GATE_MARK = "◆"


@dataclass(frozen=True)
class RoleColumn:
    role_id: int
    name: str
    code: str


@dataclass(frozen=True)
class ActivityRow:
    activity_id: int
    name: str
    gate: bool
    letters: tuple[str | None, ...]  # one per column, in column order
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhaseGroup:
    name: str
    rows: tuple[ActivityRow, ...]


def _role_key(role_id: int) -> str:
    return f"role:{role_id}"


class RaciTable(DataTable):
    """A DataTable with a cell cursor, a fixed activity column and phase heading rows."""

    COMPONENT_CLASSES = {
        "raci-table--owner",
        "raci-table--accountable",
        "raci-table--participant",
        "raci-table--gate",
        "raci-table--problem",
        "raci-table--phase",
    }
    DEFAULT_CSS = """
    RaciTable { height: 1fr; }
    RaciTable > .raci-table--owner { color: $text; background: $primary 35%; }
    RaciTable > .raci-table--accountable { color: $text; background: $primary 70%; text-style: bold; }
    RaciTable > .raci-table--participant { color: $text-muted; background: $secondary 12%; }
    RaciTable > .raci-table--gate { color: $error; text-style: bold; }
    RaciTable > .raci-table--problem { color: $error; text-style: bold; }
    RaciTable > .raci-table--phase { color: $accent; text-style: bold; }
    """
    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="cell", fixed_columns=1, zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self._columns: tuple[RoleColumn, ...] = ()
        self._groups: tuple[PhaseGroup, ...] = ()
        self._phase_rows: set[int] = set()
        self._row_ids: list[int | None] = []
        self._shape: tuple = ()
        self._shown: dict[int, ActivityRow] = {}
        self._style_cache: dict[str, Style] | None = None
        self._wide = False
        #: Rows repainted in place and tables built (tests check a letter repaints one row, no rebuild).
        self.rows_updated = 0
        self.rebuilds = 0

    # --- data in -------------------------------------------------------------------------------

    def set_data(self, columns: list[RoleColumn], groups: list[PhaseGroup]) -> None:
        """Show these roles and activities; the cursor stays on the same activity and role."""
        self._columns, self._groups = tuple(columns), tuple(groups)
        self._render_all()

    def _width(self) -> int:
        return self.size.width or (self.app.size.width if self.is_attached else 80)

    def _roles_width(self, wide: bool) -> int:
        """Cells taken by the role columns (each padded by one cell either side)."""
        return sum(max(len(c.name if wide else c.code), 3) + 2 for c in self._columns)

    def _longest(self) -> int:
        names = [len(row.name) + 3 for g in self._groups for row in g.rows] + [len(g.name) for g in self._groups]
        return max(names, default=10)

    def _fits_names(self) -> bool:
        """Full role names when they fit beside the activity names (up to 34 cells of them)."""
        return min(self._longest(), 34) + self._roles_width(True) + 3 <= self._width()

    def _activity_width(self, wide: bool) -> int:
        """Wide enough for the longest name, as room allows (at least 20, at most 48)."""
        room = self._width() - self._roles_width(wide) - 3
        return max(20, min(self._longest(), room, 48))

    def _render_all(self) -> None:
        activity_id, _role_id = self.current()
        column = self.cursor_column if self._row_ids else 1
        self._wide = self._fits_names()
        widths = {column.role_id: (max(len(column.name), 3) if self._wide else max(len(column.code), 3))
                  for column in self._columns}
        shape = (self._wide, tuple(c for c in self._columns),
                 tuple((g.name, tuple(r.activity_id for r in g.rows)) for g in self._groups),
                 self._activity_width(self._wide))
        if shape != self._shape:
            self._rebuild(widths, shape)
        else:
            self._update(widths)
        self._move_to(activity_id, column)

    def _rebuild(self, widths: dict[int, int], shape: tuple) -> None:
        self._shape = shape
        self.rebuilds += 1
        self.clear(columns=True)
        self.add_column(Text("Activity", style="bold"), key=ACTIVITY, width=shape[3])
        for column in self._columns:
            label = column.name if self._wide else column.code
            self.add_column(Text(label, justify="center", style="bold"), key=_role_key(column.role_id),
                            width=widths[column.role_id])
        self._phase_rows.clear()
        self._row_ids = []
        self._shown = {}
        for group in self._groups:
            self._phase_rows.add(len(self._row_ids))
            self._row_ids.append(None)
            self.add_row(self._phase_cell(group.name), *(Text("") for _ in self._columns),
                         key=f"phase:{group.name}")
            for row in group.rows:
                self._row_ids.append(row.activity_id)
                self._shown[row.activity_id] = row
                self.add_row(*self._cells(row, widths), key=f"activity:{row.activity_id}")

    def _update(self, widths: dict[int, int]) -> None:
        """Same rows and columns as shown: repaint only the cells whose content changed."""
        keys = [ACTIVITY, *(_role_key(c.role_id) for c in self._columns)]
        for group in self._groups:
            for row in group.rows:
                old = self._shown.get(row.activity_id)
                if old == row:
                    continue
                self._shown[row.activity_id] = row
                row_key = RowKey(f"activity:{row.activity_id}")
                changed = [(key, cell) for index, (key, cell) in enumerate(zip(keys, self._cells(row, widths)))
                           if old is None or index == 0 or old.letters[index - 1] != row.letters[index - 1]]
                self._update_row(row_key, changed)

    def _update_row(self, row_key: RowKey, cells: list[tuple[str, Text]]) -> None:
        """Put new cells in one row and redraw that row only.

        DataTable.update_cell bumps a count that every one of its render caches is keyed on, so one
        letter made it render every visible cell again (~0.5 ms each through a Console: 40 rows x 13
        cells at 200 activities).  Here the row's cells are replaced and only that row's cached
        renders are dropped; the other rows' stay.  Should DataTable's caches ever change shape,
        this falls back to ``update_cell`` (correct, only slower).
        """
        try:
            data = self._data[row_key]
            index = self._row_locations.get(row_key)
            caches = (self._row_renderable_cache, self._cell_render_cache, self._row_render_cache, self._line_cache)
        except AttributeError:  # pragma: no cover - another Textual
            index, caches = None, ()
        if index is None or not all(hasattr(cache, "keys") and hasattr(cache, "discard") for cache in caches):
            for key, cell in cells:  # pragma: no cover - another Textual
                self.update_cell(row_key, key, cell)
            return
        for key, cell in cells:
            data[ColumnKey(key)] = cell
        renderables, cell_renders, row_renders, lines = caches
        renderables.discard((self._update_count, index))
        for cache in (cell_renders, row_renders):  # keyed (row key, ...)
            for stale in [k for k in cache.keys() if k[0] == row_key]:
                cache.discard(stale)
        y = index + (self.header_height if self.show_header else 0)  # every row is one line high
        for stale in [k for k in lines.keys() if k[0] == y]:  # keyed (y, ...)
            lines.discard(stale)
        self.rows_updated += 1
        self.refresh_row(index)

    def _phase_cell(self, name: str) -> Text:
        return Text(name.upper(), style=self._styles()["phase"])

    def _styles(self) -> dict[str, Style]:
        if self._style_cache is None:
            self._style_cache = {name.removeprefix("raci-table--"): self.get_component_rich_style(name)
                                 for name in self.COMPONENT_CLASSES}
        return self._style_cache

    def _cells(self, row: ActivityRow, widths: dict[int, int]) -> list[Text]:
        styles = self._styles()
        problem, gate = styles["problem"], styles["gate"]
        name = Text.assemble((PROBLEM_MARK if row.problems else " ", problem),
                             (GATE_MARK if row.gate else " ", gate), " ", row.name)
        if row.problems:
            name.stylize(problem, 3)
        cells = [name]
        for column, letter in zip(self._columns, row.letters):
            width = widths[column.role_id]
            if not letter:
                cells.append(Text("·".center(width), style="dim"))
                continue
            kind = {"A": "accountable", "R": "owner"}.get(letter, "participant")
            cells.append(Text(letter.center(width), style=styles[kind]))
        return cells

    def on_resize(self) -> None:
        if self._groups:
            self._render_all()  # rebuilds only if the widths or names-vs-codes changed

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    def _restyle(self) -> None:
        self._style_cache = None
        self._shape = ()
        self._render_all()

    # --- cursor --------------------------------------------------------------------------------

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        """Keep the cursor off phase headings: step on in the direction it was going."""
        value = super().validate_cursor_coordinate(value)
        if value.row not in self._phase_rows or not self._row_ids:
            return value
        old = self.cursor_coordinate.row
        step = -1 if value.row < old else 1
        for direction in (step, -step):
            row = value.row + direction
            while 0 <= row < len(self._row_ids):
                if row not in self._phase_rows:
                    return Coordinate(row, value.column)
                row += direction
        return value

    def current(self) -> tuple[int | None, int | None]:
        """(activity id, role id) under the cursor; role None on the activity column."""
        if not self._row_ids or not self.columns:
            return None, None
        row, column = self.cursor_coordinate
        activity_id = self._row_ids[row] if 0 <= row < len(self._row_ids) else None
        role_id = self._columns[column - 1].role_id if 1 <= column <= len(self._columns) else None
        return activity_id, role_id

    def focus_cell(self, activity_id: int | None, role_id: int | None = None) -> None:
        """Put the cursor on this activity (and role, if given); the first activity if it is gone."""
        ids = [c.role_id for c in self._columns]
        self._move_to(activity_id, ids.index(role_id) + 1 if role_id in ids else self.cursor_column)

    def _move_to(self, activity_id: int | None, column: int) -> None:
        row = self._row_ids.index(activity_id) if activity_id in self._row_ids else None
        if row is None:
            row = next((i for i, ident in enumerate(self._row_ids) if ident is not None), 0)
        column = max(0, min(column, len(self._columns)))
        try:
            self.move_cursor(row=row, column=column, animate=False)
        except CellDoesNotExist:  # pragma: no cover - an empty table
            pass

    @property
    def wide(self) -> bool:
        """True while role columns show full names (False: short codes)."""
        return self._wide
