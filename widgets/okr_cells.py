"""The OKR board's cells: what each column of a row shows (a KR's two lines, an objective's one), the
sparkline and the progress bar, and the lazy cell the table holds until a row is first drawn."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

if TYPE_CHECKING:
    from cockpit.widgets.okr_table import OkrLine

BLOCKS = "▁▂▃▄▅▆▇█"


class LazyCell:
    """A cell made the first time it is drawn or read: a table of 300 rows fills at once, but only
    the rows on screen (about 20) have their cells made (the sparkline, the progress bar, the cropped
    texts of all 300: about 15 ms of a 140 ms opening of the Goals screen at 250 KRs).  It draws as
    the text it makes (``__rich__``), reads as its words (``str``) and equals a cell of the same text."""

    __slots__ = ("_make", "_text")

    def __init__(self, make: "Callable[[], Text]") -> None:
        self._make: Callable[[], Text] | None = make
        self._text: Text | None = None

    @property
    def text(self) -> Text:
        if self._text is None:
            assert self._make is not None
            self._text, self._make = self._make(), None
        return self._text

    def __rich__(self) -> Text:
        return self.text

    def __str__(self) -> str:
        return self.text.plain

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyCell) and self.text == other.text

    __hash__ = None  # type: ignore[assignment]  # compared by text, never a dict key


def spark_text(values: Sequence[float | None], width: int) -> str:
    """A text sparkline of ``values`` in ``width`` cells (each cell the mean of its share of days; a
    cell without a value is blank).  Scaled between the lowest and highest value shown."""
    if width <= 0 or not values:
        return ""
    cells: list[float | None] = []
    for index in range(width):
        start, end = index * len(values) // width, (index + 1) * len(values) // width
        chunk = [v for v in values[start:max(end, start + 1)] if v is not None]
        cells.append(sum(chunk) / len(chunk) if chunk else None)
    known = [c for c in cells if c is not None]
    if not known:
        return " " * width
    low, high = min(known), max(known)
    span = high - low
    return "".join(" " if c is None else BLOCKS[-1 if span == 0 else round((c - low) / span * (len(BLOCKS) - 1))]
                   for c in cells)


def progress_bar(progress: float | None, width: int) -> Text:
    """``███░░ 62%``: the bar and the percentage in ``width`` cells; "no data" without one."""
    if progress is None:
        return Text("no data", style="dim")
    percent = f"{progress * 100:.0f}%"
    cells = max(width - len(percent) - 1, 1)
    filled = min(max(round(progress * cells), 0), cells)
    style = "bold green" if progress >= 1 else "yellow" if progress >= 0.5 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (cells - filled), "dim"), " ", percent)


def kr_cell(line: "OkrLine", key: str, width: int) -> Text:
    """The text of ``line``'s cell in column ``key``, ``width`` cells wide (a KR's two lines, an
    objective's one)."""
    if line.kr_id is None:
        return _objective_cell(line, key, width)
    if key == "code":
        return Text(line.code, style="bold")
    if key == "title":
        return Text.assemble(_crop(line.title, width), "\n", (_crop(line.detail, width), "dim"))
    if key == "who":
        return Text.assemble(_crop(f"@{line.owner}" if line.owner else "@—", width), "\n",
                             (_crop(line.module or "—", width), "dim"))
    if key == "cards":
        return Text.assemble(f"{line.delivered} done", "\n", (f"{line.in_progress} doing", "dim"))
    if key == "target":
        return Text.assemble(_crop(line.target, width), "\n", (_crop(f"from {line.baseline}", width), "dim"))
    if key == "avg":
        if not line.days:
            return Text("no data", style="dim")
        style = "green" if line.change_sign > 0 else "red" if line.change_sign < 0 else "dim"
        arrow = "▲ " if line.change_up else "▼ " if line.change_up is False else ""
        return Text.assemble(_crop(f"{line.average} ·{line.days}d", width), "\n",
                             (f"{arrow}{line.change}", style))
    if key == "progress":
        return progress_bar(line.progress, width)
    if key == "spark":
        spark = spark_text(line.spark, width)
        return Text(spark if spark.strip() else "no data", style="cyan" if spark.strip() else "dim")
    return Text("")


def _objective_cell(line: "OkrLine", key: str, width: int) -> Text:
    if key == "code":
        return Text(line.code, style="bold reverse")
    if key == "title":
        return Text(_crop(line.title, width), style="bold")
    if key == "who":
        return Text(_crop(f"@{line.owner}" if line.owner else "", width), style="bold")
    if key == "target":
        return Text(_crop(line.detail, width), style="dim")
    if key == "progress" and line.achieved is not None:
        return Text("✓ achieved" if line.achieved else "✗ missed", style="bold green" if line.achieved else "bold red")
    return Text("")


def _crop(text: str, width: int) -> str:
    """One line of user text cut to ``width`` cells (control characters already stripped)."""
    text = text.replace("\n", " ")
    if len(text) <= width // 2 or cell_len(text) <= width:  # most cells: nothing to cut
        return text
    line = Text(text, no_wrap=True, overflow="ellipsis")
    line.truncate(width, overflow="ellipsis")
    return line.plain
