"""A Monday-first month grid: each day lists its entries, "+N more" when they do not fit.

Plain data in (``MonthView``), messages out (``DayClicked``).  The whole grid is one widget drawn as
one piece of content, so a month with a thousand occurrences costs about the same as an empty one:
only the lines that fit are built.  Styles are theme variables, never colours.
"""

from dataclasses import dataclass, field
from datetime import date

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One line in a day: a key node, an event occurrence."""

    key: str
    """What it refers to, e.g. "event:12:2026-11-27" or "key:4" (the screen decides)."""
    label: str
    style: str = ""
    marker: str = "•"
    time: str = ""
    """A start time, shown when the cell is wide enough."""
    detail: str = ""
    """Shown after the label when the cell is wide enough (e.g. the iteration's name)."""

    def text(self, width: int) -> str:
        label = f"{self.time} {self.label}" if self.time and width >= 16 else self.label
        if self.detail and width >= 22:
            label = f"{label} · {self.detail}"
        return f"{self.marker}{label}"


@dataclass
class MonthView:
    month: date
    """The first day of the month shown."""
    weeks: list[list[date]]
    today: date
    cursor: date
    entries: dict[date, list[DayEntry]] = field(default_factory=dict)
    bands: dict[date, list[str]] = field(default_factory=dict)
    """Per day, the styles of the iterations running that day (drawn as small bars)."""
    selected: int = 0
    """The entry of the cursor day that is selected (moved by shift+arrows)."""


def fit(text: str, width: int) -> Content:
    """User text cut or padded to exactly ``width`` cells (wide characters count twice)."""
    return Content(text).truncate(width, ellipsis=width > 3, pad=True)


class MonthGrid(Widget, can_focus=True):
    DEFAULT_CSS = """
    MonthGrid { height: 1fr; width: 1fr; }
    """

    view: reactive[MonthView | None] = reactive(None, layout=False)

    @dataclass
    class DayClicked(Message):
        day: date

    def show(self, view: MonthView) -> None:
        self.view = view
        self.refresh()

    # --- layout ------------------------------------------------------------------------------------

    def _columns(self, width: int) -> list[int]:
        usable = max(width - 6, 7)
        base, extra = divmod(usable, 7)
        return [base + (1 if index < extra else 0) for index in range(7)]

    def _rows(self, height: int, weeks: int) -> list[int]:
        """Lines per week: the height shared out, the first weeks taking any spare line."""
        base, extra = divmod(max(height - 1, 0), max(weeks, 1))
        return [max(base + (1 if index < extra else 0), 2) for index in range(weeks)]

    def day_at(self, x: int, y: int) -> date | None:
        view = self.view
        if view is None or y < 1:
            return None
        top, week = 1, None
        for index, rows in enumerate(self._rows(self.size.height, len(view.weeks))):
            if top <= y < top + rows:
                week = index
                break
            top += rows
        if week is None:
            return None
        left = 0
        for column, width in enumerate(self._columns(self.size.width)):
            if left <= x < left + width + 1:
                return view.weeks[week][column]
            left += width + 1
        return None

    def on_click(self, event: events.Click) -> None:
        day = self.day_at(event.x, event.y)
        if day is not None:
            self.post_message(self.DayClicked(day))

    # --- drawing -----------------------------------------------------------------------------------

    def render(self) -> Content:
        view = self.view
        if view is None:
            return Content("")
        columns = self._columns(self.size.width)
        lines = [self._weekday_line(columns)]
        for week, rows in zip(view.weeks, self._rows(self.size.height, len(view.weeks))):
            cells = [self._cell(view, day, width, rows) for day, width in zip(week, columns)]
            for row in range(rows):
                lines.append(Content("│").join(cell[row] for cell in cells))
        return Content("\n").join(lines[: max(self.size.height, 1)])

    @staticmethod
    def _weekday_line(columns: list[int]) -> Content:
        parts = []
        for label, width in zip(WEEKDAY_LABELS, columns):
            text = label if width >= 4 else label[:2]
            parts.append(Content.styled(text.center(width)[:width], "bold $secondary"))
        return Content(" ").join(parts)

    def _cell(self, view: MonthView, day: date, width: int, rows: int) -> list[Content]:
        in_month = day.month == view.month.month
        is_cursor = day == view.cursor
        lines = [self._header(view, day, width, in_month, is_cursor)]
        entries = view.entries.get(day, [])
        room = rows - 1
        shown = entries if len(entries) <= room else entries[: max(room - 1, 0)]
        for index, entry in enumerate(shown):
            style = entry.style or ""
            if is_cursor and index == view.selected:
                style = f"{style} reverse".strip()
            elif not in_month:
                style = f"{style} dim".strip()
            line = fit(entry.text(width), width)
            lines.append(line.stylize(style) if style else line)
        if len(shown) < len(entries) and room >= 1:
            more = f"+{len(entries) - len(shown)} more"[:width].ljust(width)
            lines.append(Content.styled(more, "italic $text-accent" if not is_cursor else "italic reverse"))
        while len(lines) < rows:
            lines.append(Content(" " * width))
        if is_cursor:
            lines = [line if index == 0 else line.stylize_before("on $boost") for index, line in enumerate(lines)]
        return lines

    @staticmethod
    def _header(view: MonthView, day: date, width: int, in_month: bool, is_cursor: bool) -> Content:
        number = f"{day.day:>2}"
        if day.day == 1 and width >= 7:
            number = f"{day:%b} {day.day}"
        bands = view.bands.get(day, [])
        bar_room = max(width - len(number) - 2, 0)
        bars = bands[:bar_room]
        pad = width - len(number) - 1 - len(bars)
        base = "bold $foreground on $primary" if is_cursor else ("on $panel" if in_month else "dim on $panel")
        parts: list[Content | tuple[str, str]] = []
        if day == view.today:
            parts.append((f"{number}", "bold $background on $warning"))
        else:
            parts.append((number, base))
        parts.append((" " * max(pad, 0) + (" " if pad >= 0 else ""), base))
        for style in bars:
            parts.append(("▌", f"{style} on $panel" if not is_cursor else f"{style} on $primary"))
        content = Content.assemble(*parts)
        return content[:width] if content.cell_length > width else content
