"""A 5×5 probability × impact heat map with a count per cell; choosing a cell posts a message.

Plain data in (``show``): counts per (probability, impact) cell, the severity band of each cell, the
mode name and the chosen cell.  Out: ``RiskHeatMap.CellChosen`` (a cell, or None to clear).
Arrows move the cell cursor, enter or space chooses (choosing the chosen cell again clears it);
a mouse click chooses too.
"""

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

Cell = tuple[int, int]  # (probability, impact)
CELL_WIDTH = 4
LABEL_WIDTH = 3
BAND_STYLES = {
    "low": "$text on $success 55%",
    "medium": "$text on $warning 40%",
    "high": "$text on $warning 85%",
    "critical": "bold $text on $error 90%",
}


class RiskHeatMap(Widget, can_focus=True):
    DEFAULT_CSS = """
    RiskHeatMap {
        width: 1fr;
        height: auto;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-color: $text;
    }
    RiskHeatMap:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding("up,k", "move(1, 0)", "Cell up", show=False, id="risks.heat_up"),
        Binding("down,j", "move(-1, 0)", "Cell down", show=False, id="risks.heat_down"),
        Binding("left,h", "move(0, -1)", "Cell left", show=False, id="risks.heat_left"),
        Binding("right,l", "move(0, 1)", "Cell right", show=False, id="risks.heat_right"),
        Binding("enter,space", "choose", "Filter by cell", id="risks.heat_choose",
                tooltip="Show only the risks in this cell (again: show all)"),
    ]

    cursor: reactive[Cell] = reactive((3, 3))

    @dataclass
    class CellChosen(Message):
        heat_map: "RiskHeatMap"
        cell: Cell | None

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.counts: dict[Cell, int] = {}
        self.bands: dict[Cell, str] = {}
        self.mode = "inherent"
        self.chosen: Cell | None = None

    def show(self, counts: dict[Cell, int], bands: dict[Cell, str], mode: str, chosen: Cell | None) -> None:
        if (counts, bands, mode, chosen) == (self.counts, self.bands, self.mode, self.chosen) and self.border_title:
            return  # nothing changed: no need to lay the screen out again
        self.counts = dict(counts)
        self.bands = dict(bands)
        self.mode = mode
        self.chosen = chosen
        total = sum(counts.values())
        self.border_title = f"{mode.capitalize()} · {total}"
        self.border_subtitle = "t: switch"
        self.refresh(layout=True)

    # --- drawing -------------------------------------------------------------------------------

    @property
    def cell_width(self) -> int:
        """Cells grow with the room given (4 to 8 wide); tall cells when they are wide."""
        room = self.content_size.width or (LABEL_WIDTH + 5 * CELL_WIDTH)
        return max(CELL_WIDTH, min(8, (room - LABEL_WIDTH) // 5))

    @property
    def row_height(self) -> int:
        return 2 if self.cell_width >= 7 else 1

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        return max(LABEL_WIDTH + 5 * CELL_WIDTH, min(container.width - 4, LABEL_WIDTH + 5 * 8))

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        cell = max(CELL_WIDTH, min(8, (width - LABEL_WIDTH) // 5))
        return 2 + 5 * (2 if cell >= 7 else 1)

    def render(self) -> Content:
        width, height = self.cell_width, self.row_height
        parts: list[str | tuple[str, str]] = []
        parts.append(("P\\I".ljust(LABEL_WIDTH), "$text-muted"))
        parts.extend((f"{i}".center(width), "$text-muted") for i in range(1, 6))
        parts.append("\n")
        for probability in range(5, 0, -1):
            for line in range(height):
                label = f" {probability}" if line == height - 1 or height == 1 else ""
                if height == 2:
                    label = f" {probability}" if line == 0 else ""
                parts.append((label.ljust(LABEL_WIDTH), "$text-muted"))
                for impact in range(1, 6):
                    parts.append(self._cell_text((probability, impact), width, show=line == 0))
                parts.append("\n")
        parts.append(("I: impact →  P: prob. ↑", "$text-muted"))
        return Content.assemble(*parts)

    def _cell_text(self, cell: Cell, width: int, *, show: bool) -> tuple[str, str]:
        count = self.counts.get(cell, 0)
        focused = cell == self.cursor and self.has_focus
        label = str(count) if count else "·"
        if cell == self.chosen:
            label = f"[{label}]"
        elif focused:
            label = f"‹{label}›"
        style = BAND_STYLES.get(self.bands.get(cell, "low"), "")
        if focused:
            style += " reverse"
        if cell == self.chosen:
            style += " bold underline"
        return ((label if show else "").center(width), style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    # --- input ---------------------------------------------------------------------------------

    def action_move(self, dp: int, di: int) -> None:
        probability, impact = self.cursor
        self.cursor = (min(5, max(1, probability + dp)), min(5, max(1, impact + di)))

    def action_choose(self) -> None:
        self._choose(self.cursor)

    def _choose(self, cell: Cell) -> None:
        self.chosen = None if self.chosen == cell else cell
        self.refresh()
        self.post_message(self.CellChosen(self, self.chosen))

    def cell_at(self, x: int, y: int) -> Cell | None:
        """The cell under content offset (x, y), or None."""
        row = (y - 1) // self.row_height if y >= 1 else -1
        column = (x - LABEL_WIDTH) // self.cell_width if x >= LABEL_WIDTH else -1
        if 0 <= row < 5 and 0 <= column < 5:
            return (5 - row, column + 1)
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        cell = self.cell_at(offset.x, offset.y)
        if cell is not None:
            self.cursor = cell
            self._choose(cell)
