"""The OKR board's cells: what each column of a row shows (a KR's two lines, an objective's one), the
sparkline and the progress bar, and the lazy cell the table holds until a row is first drawn."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from cockpit.widgets.okr_table import OkrLine

BLOCKS = "▁▂▃▄▅▆▇█"


#: A run of text in one style (a Rich style name, "" for none); a cell is a tuple of lines of them.
Chunk = tuple[str, str]
CellLines = tuple[tuple[Chunk, ...], ...]


class LazyCell:
    """A cell made the first time it is drawn or read: a table of 300 rows fills at once, but only
    the rows on screen (about 20) have their cells made (the sparkline, the progress bar, the cropped
    texts of all 300: about 15 ms of a 140 ms opening of the Goals screen at 250 KRs).  It is made as
    lines of styled runs (``lines``), which the table turns into segments directly (``cell_lines``);
    it draws as Rich text too (``__rich__``), reads as its words (``str``) and equals a cell of the
    same runs."""

    __slots__ = ("_make", "_lines")

    def __init__(self, make: "Callable[[], CellLines]") -> None:
        self._make: Callable[[], CellLines] | None = make
        self._lines: CellLines | None = None

    @property
    def lines(self) -> CellLines:
        if self._lines is None:
            assert self._make is not None
            self._lines, self._make = self._make(), None
        return self._lines

    @property
    def text(self) -> Text:
        text = Text()
        for number, line in enumerate(self.lines):
            if number:
                text.append("\n")
            for chunk, style in line:
                text.append(chunk, style or None)
        return text

    def __rich__(self) -> Text:
        return self.text

    def __str__(self) -> str:
        return "\n".join("".join(chunk for chunk, _style in line) for line in self.lines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyCell) and self.lines == other.lines

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


def progress_bar(progress: float | None, width: int) -> tuple[Chunk, ...]:
    """``███░░ 62%``: the bar and the percentage in ``width`` cells; "no data" without one."""
    if progress is None:
        return (("no data", "dim"),)
    percent = f"{progress * 100:.0f}%"
    cells = max(width - len(percent) - 1, 1)
    filled = min(max(round(progress * cells), 0), cells)
    style = "bold green" if progress >= 1 else "yellow" if progress >= 0.5 else "red"
    return ("█" * filled, style), ("░" * (cells - filled), "dim"), (f" {percent}", "")


def kr_cell(line: "OkrLine", key: str, width: int) -> CellLines:
    """The lines of ``line``'s cell in column ``key``, ``width`` cells wide (a KR's two lines, an
    objective's one)."""
    if line.kr_id is None:
        return (_objective_cell(line, key, width),)
    if key == "code":
        return ((line.code, "bold"),),
    if key == "title":
        return ((_crop(line.title, width), ""),), ((_crop(line.detail, width), "dim"),)
    if key == "who":
        return ((_crop(f"@{line.owner}" if line.owner else "@—", width), ""),), ((_crop(line.module or "—", width), "dim"),)
    if key == "cards":
        return ((f"{line.delivered} done", ""),), ((f"{line.in_progress} doing", "dim"),)
    if key == "target":
        return ((_crop(line.target, width), ""),), ((_crop(f"from {line.baseline}", width), "dim"),)
    if key == "avg":
        if not line.days:
            return (("no data", "dim"),),
        style = "green" if line.change_sign > 0 else "red" if line.change_sign < 0 else "dim"
        arrow = "▲ " if line.change_up else "▼ " if line.change_up is False else ""
        return ((_crop(f"{line.average} ·{line.days}d", width), ""),), ((f"{arrow}{line.change}", style),)
    if key == "progress":
        return (progress_bar(line.progress, width),)
    if key == "spark":
        spark = spark_text(line.spark, width)
        return ((spark, "cyan") if spark.strip() else ("no data", "dim"),),
    return ((),)


def _objective_cell(line: "OkrLine", key: str, width: int) -> tuple[Chunk, ...]:
    if key == "code":
        return ((line.code, "bold reverse"),)
    if key == "title":
        return ((_crop(line.title, width), "bold"),)
    if key == "who":
        return ((_crop(f"@{line.owner}" if line.owner else "", width), "bold"),)
    if key == "target":
        return ((_crop(line.detail, width), "dim"),)
    if key == "progress" and line.achieved is not None:
        return (("✓ achieved", "bold green") if line.achieved else ("✗ missed", "bold red"),)
    return ()


def _crop(text: str, width: int) -> str:
    """One line of user text cut to ``width`` cells (control characters already stripped)."""
    text = text.replace("\n", " ")
    if len(text) <= width // 2 or cell_len(text) <= width:  # most cells: nothing to cut
        return text
    line = Text(text, no_wrap=True, overflow="ellipsis")
    line.truncate(width, overflow="ellipsis")
    return line.plain


def cell_lines(console: Console, cell: CellLines, width: int, height: int, padding: int, pre: Style,
               post: Style) -> list[list[Segment]] | None:
    """The lines DataTable draws for a cell (Rich's ``Styled(Padding(text, (0, padding)), pre, post)``
    rendered ``width`` x ``height``), made straight from the cell's runs when every line fits: every
    cell of the OKR board, whose texts are cut to their column.  Each run keeps the style Rich gives
    it (``pre`` + its own + ``post``; the padding ``pre`` + ``post``; a test compares the two ways),
    without Rich's wrapping, cropping and padding of each line in three passes (most of the cost of
    drawing the board).  None when a line does not fit or holds a tab: Rich's way wraps or crops it."""
    inner = width - 2 * padding
    used = [sum(cell_len(chunk) for chunk, _style in line) for line in cell]
    if inner < 0 or any(size > inner for size in used) or any("\t" in chunk for line in cell for chunk, _ in line):
        return None
    blank = pre + post if post else pre  # Rich pads with a null style, then adds ``pre`` and ``post``
    left = [Segment(" " * padding, blank)] if padding else []
    get_style = console.get_style
    lines: list[list[Segment]] = []
    for line, size in zip(cell[:height], used):
        segments = left + [Segment(chunk, (pre + get_style(style) + post if post else pre + get_style(style))
                                   if style else blank) for chunk, style in line if chunk]
        if inner - size + padding:
            segments.append(Segment(" " * (inner - size + padding), blank))
        lines.append(segments)
    while len(lines) < height:
        lines.append([Segment(" " * width, blank)])
    return lines
