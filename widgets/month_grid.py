"""A Monday-first month grid: each day lists its entries, "+N more" when they do not fit.

Plain data in (``MonthView``), messages out (``DayClicked``).  It is drawn with Textual's line API:
the strips of the visible lines are built once per change (only what fits in a cell is built), so a
month with a thousand occurrences costs about the same as an empty one.  Colours come from component
classes styled with theme variables.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from cockpit.db.text import clean_line

WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Entry styles a caller may name (``DayEntry.style``, ``MonthView.bands``).
STYLES = ("iteration-0", "iteration-1", "iteration-2", "iteration-3", "iteration-4",
          "release", "review", "holiday", "milestone", "meeting", "other")


class DayEntry(NamedTuple):
    """One line in a day: a key node, an event occurrence (a named tuple: a month builds a thousand)."""

    key: str
    """What it refers to, e.g. "event:12:2026-11-27" or "key:4" (the screen decides)."""
    label: str
    style: str = ""
    """One of ``STYLES`` (or "" for the default text colour)."""
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


@lru_cache(maxsize=8192)
def fit(text: str, width: int) -> str:
    """User text made safe and cut or padded to exactly ``width`` cells (wide characters count)."""
    text = clean_line(text)
    if cell_len(text) > width > 1:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class MonthGrid(Widget, can_focus=True):
    COMPONENT_CLASSES = {
        "month-grid--weekday", "month-grid--day", "month-grid--day-out", "month-grid--cursor",
        "month-grid--today", "month-grid--more", "month-grid--separator", "month-grid--cursor-cell",
        *(f"month-grid--{name}" for name in STYLES),
    }
    DEFAULT_CSS = """
    MonthGrid { height: 1fr; width: 1fr; }
    MonthGrid > .month-grid--weekday { color: $secondary; text-style: bold; }
    MonthGrid > .month-grid--day { background: $panel; color: $foreground; }
    MonthGrid > .month-grid--day-out { background: $panel; color: $foreground 50%; }
    MonthGrid > .month-grid--cursor { background: $primary; color: $foreground; text-style: bold; }
    MonthGrid > .month-grid--today { background: $warning; color: $background; text-style: bold; }
    MonthGrid > .month-grid--more { color: $text-accent; text-style: italic; }
    MonthGrid > .month-grid--separator { color: $foreground 30%; }
    MonthGrid > .month-grid--cursor-cell { background: $boost; }
    MonthGrid > .month-grid--iteration-0 { color: $primary; }
    MonthGrid > .month-grid--iteration-1 { color: $success; }
    MonthGrid > .month-grid--iteration-2 { color: $accent; }
    MonthGrid > .month-grid--iteration-3 { color: $warning; }
    MonthGrid > .month-grid--iteration-4 { color: $secondary; }
    MonthGrid > .month-grid--release { color: $error; text-style: bold; }
    MonthGrid > .month-grid--review { color: $secondary; }
    MonthGrid > .month-grid--holiday { color: $success; text-style: italic; }
    MonthGrid > .month-grid--milestone { color: $accent; }
    MonthGrid > .month-grid--meeting { color: $foreground; }
    MonthGrid > .month-grid--other { color: $foreground; }
    """

    @dataclass
    class DayClicked(Message):
        day: date

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.view: MonthView | None = None
        self._strips: list[Strip] | None = None
        self._built_for: tuple[int, int] | None = None
        self._looks: tuple[dict[str, Style], dict[str, Style], Style] | None = None

    def show(self, view: MonthView) -> None:
        self.view = view
        self._strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None
        self._looks = None

    # --- layout ------------------------------------------------------------------------------------

    @staticmethod
    def _columns(width: int) -> list[int]:
        usable = max(width - 6, 7)
        base, extra = divmod(usable, 7)
        return [base + (1 if index < extra else 0) for index in range(7)]

    @staticmethod
    def _rows(height: int, weeks: int) -> list[int]:
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

    def render_line(self, y: int) -> Strip:
        size = (self.size.width, self.size.height)
        if self._strips is None or self._built_for != size:
            self._strips = self._build(*size)
            self._built_for = size
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width)

    def lines_text(self) -> list[str]:
        """The grid as plain text (tests and benchmarks)."""
        return [self.render_line(y).text for y in range(self.size.height)]

    def _build(self, width: int, height: int) -> list[Strip]:
        view = self.view
        if view is None or width <= 0 or height <= 0:
            return []
        if self._looks is None:  # resolved once per theme or style change
            self._looks = self._resolve_styles()
        styles, look, base = self._looks
        columns = self._columns(width)
        separator = Segment("│", base + look["separator"])
        strips = [self._weekday_strip(columns, base + look["weekday"])]
        for week, rows in zip(view.weeks, self._rows(height, len(view.weeks))):
            cells = [self._cell(view, day, cell_width, rows, base, styles, look)
                     for day, cell_width in zip(week, columns)]
            for row in range(rows):
                segments: list[Segment] = []
                for index, cell in enumerate(cells):
                    if index:
                        segments.append(separator)
                    segments.extend(cell[row])
                strips.append(Strip(segments))
        return [strip.crop_extend(0, width, base) for strip in strips[:height]]

    def _resolve_styles(self) -> tuple[dict[str, Style], dict[str, Style], Style]:
        styles = {name: self.get_component_rich_style(f"month-grid--{name}", partial=True) for name in STYLES}
        styles[""] = Style()
        look = {name: self.get_component_rich_style(f"month-grid--{name}") for name in
                ("weekday", "day", "day-out", "cursor", "today", "separator")}
        look["more"] = self.get_component_rich_style("month-grid--more", partial=True)
        look["cursor-cell"] = self.get_component_rich_style("month-grid--cursor-cell", partial=True)
        return styles, look, self.rich_style

    @staticmethod
    def _weekday_strip(columns: list[int], style: Style) -> Strip:
        segments = []
        for index, (label, width) in enumerate(zip(WEEKDAY_LABELS, columns)):
            text = label if width >= 4 else label[:2]
            segments.append(Segment(("" if index == 0 else " ") + text.center(width)[:width], style))
        return Strip(segments)

    def _cell(self, view: MonthView, day: date, width: int, rows: int, base: Style,
              styles: dict[str, Style], look: dict[str, Style]) -> list[list[Segment]]:
        in_month = day.month == view.month.month
        is_cursor = day == view.cursor
        cell_base = base + look["cursor-cell"] if is_cursor else base
        lines = [self._header(view, day, width, in_month, is_cursor, base, styles, look)]
        entries = view.entries.get(day, [])
        room = rows - 1
        shown = entries if len(entries) <= room else entries[: max(room - 1, 0)]
        for index, entry in enumerate(shown):
            style = cell_base + styles.get(entry.style, styles[""])
            if is_cursor and index == view.selected:
                style += Style(reverse=True)
            elif not in_month:
                style += Style(dim=True)
            lines.append([Segment(fit(entry.text(width), width), style)])
        if len(shown) < len(entries) and room >= 1:
            more = Style(reverse=True) if is_cursor else Style()
            lines.append([Segment(fit(f"+{len(entries) - len(shown)} more", width), cell_base + look["more"] + more)])
        blank = [Segment(" " * width, cell_base)]
        while len(lines) < rows:
            lines.append(blank)
        return lines

    @staticmethod
    def _header(view: MonthView, day: date, width: int, in_month: bool, is_cursor: bool, base: Style,
                styles: dict[str, Style], look: dict[str, Style]) -> list[Segment]:
        number = f"{day:%b} {day.day}" if day.day == 1 and width >= 7 else f"{day.day:>2}"
        number = number[:width]
        background = look["cursor"] if is_cursor else look["day"] if in_month else look["day-out"]
        style = base + background
        bars = view.bands.get(day, [])[: max(width - len(number) - 1, 0)]
        pad = width - len(number) - len(bars)
        segments = [Segment(number, base + look["today"] if day == view.today else style),
                    Segment(" " * pad, style)]
        bar_background = Style(bgcolor=background.bgcolor)
        segments.extend(Segment("▌", base + bar_background + styles.get(name, styles[""])) for name in bars)
        return segments
