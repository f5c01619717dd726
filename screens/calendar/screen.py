"""The Calendar screen (key 2): a month grid of iterations, key nodes and the release train, and an
agenda of the next two weeks.  Every edit goes through the store (one undo step each)."""

from datetime import date, timedelta
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cockpit.logic.recurrence import Occurrence
from db.errors import StoreError
from db.models_calendar import KeyDateRead
from screens.base import CockpitScreen
from screens.calendar.actions import CalendarActions
from screens.calendar.data import THEME_STYLES, CalendarData, add_months, agenda_view, load, month_view, month_weeks
from widgets.agenda import Agenda
from widgets.month_grid import MonthGrid

HELP = """
The month grid shows every iteration at once: the coloured bars in a day's header are the iterations
running that day, **◆** lines are their key nodes (requirement focus meeting, reviews, iteration end,
release), **▲** is the weekly release, **☼** a holiday.  The agenda on the right lists the next 14 days
and the next key node of each running iteration.

- Arrows move the day, `[` / `]` or page up / down change month, `t` jumps to today.
- `tab` selects the next entry of the day; `shift+left` / `shift+right` move it by a day (a repeating
  event asks whether to move this occurrence or all of them).
- `enter` opens the day: its events, key nodes and the board cards due that day.
- `n` adds an event (repeat presets or a custom RFC 5545 rule), `i` a new iteration from a template
  (its key dates are previewed before saving), `e` edits, `x` deletes the selected entry.
- `T` edits the iteration template's key nodes (day offsets and names); iterations stamped later use it.
- `a` shows or hides the agenda pane (hidden by itself below 110 columns).
- `E` exports the calendar as an .ics file, `I` imports one (a holiday calendar, for example).
- Every change is one undo step (`u`).
"""


class CalendarScreen(CalendarActions, CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    CalendarScreen #cal-body { height: 1fr; }
    CalendarScreen #cal-main { width: 1fr; }
    CalendarScreen #cal-title { height: 1; padding: 0 1; background: $panel; }
    CalendarScreen #cal-agenda-pane { width: 40; border-left: vkey $primary 50%; }
    CalendarScreen.-narrow #cal-agenda-pane { display: none; }
    CalendarScreen.-no-agenda #cal-agenda-pane { display: none; }
    """
    BINDINGS = [
        Binding("left", "cursor(-1)", "Previous day", id="calendar.left", show=False),
        Binding("right", "cursor(1)", "Next day", id="calendar.right", show=False),
        Binding("up", "cursor(-7)", "Previous week", id="calendar.up", show=False),
        Binding("down", "cursor(7)", "Next week", id="calendar.down", show=False),
        Binding("pageup,left_square_bracket", "month(-1)", "Previous month", id="calendar.prev_month",
                key_display="[", tooltip="Show the previous month"),
        Binding("pagedown,right_square_bracket", "month(1)", "Next month", id="calendar.next_month",
                key_display="]", tooltip="Show the next month"),
        Binding("t", "today", "Today", id="calendar.today", tooltip="Jump to today"),
        Binding("enter", "open_day", "Day", id="calendar.open_day",
                tooltip="Open the day: events, key nodes and cards due"),
        Binding("n", "new_event", "New event", id="calendar.new_event", tooltip="Add an event on this day"),
        Binding("i", "new_iteration", "New iteration", id="calendar.new_iteration",
                tooltip="A new iteration stamped from a template"),
        Binding("tab", "select(1)", "Next entry", id="calendar.select_next", show=False,
                tooltip="Select the next entry of the day"),
        Binding("shift+tab", "select(-1)", "Previous entry", id="calendar.select_previous", show=False),
        Binding("shift+left", "move(-1)", "Move earlier", id="calendar.move_earlier", show=False,
                tooltip="Move the selected key node or event one day earlier"),
        Binding("shift+right", "move(1)", "Move later", id="calendar.move_later", show=False,
                tooltip="Move the selected key node or event one day later"),
        Binding("e", "edit", "Edit", id="calendar.edit", tooltip="Edit the selected entry"),
        Binding("x,delete", "delete", "Delete", id="calendar.delete", tooltip="Delete the selected entry"),
        Binding("E", "export_ics", "Export .ics", id="calendar.export_ics",
                tooltip="Export the calendar as an iCalendar file"),
        Binding("I", "import_ics", "Import .ics", id="calendar.import_ics", show=False,
                tooltip="Add the events of an iCalendar file (all or nothing)"),
        Binding("T", "templates", "Templates", id="calendar.templates", show=False,
                tooltip="Edit the iteration template's key nodes"),
        Binding("a", "toggle_agenda", "Agenda", id="calendar.agenda", show=False,
                tooltip="Show or hide the agenda pane"),
    ]

    def __init__(self, store, **kwargs: object) -> None:  # noqa: ANN001
        super().__init__(store, **kwargs)
        today = self._today()
        self.cursor: date = today
        self.month: date = today.replace(day=1)
        self.selected = 0
        self.data: CalendarData | None = None
        self._had_entry: bool | None = None

    def _today(self) -> date:
        app_today = getattr(self.app, "today", None) if self.is_attached else None
        return app_today or self.store.today()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="cal-body"):
            with Vertical(id="cal-main"):
                yield Static("", id="cal-title", markup=False)
                yield MonthGrid(id="cal-grid")
            with VerticalScroll(id="cal-agenda-pane", can_focus=False):
                yield Agenda(id="cal-agenda")

    def on_mount(self) -> None:
        today = self._today()
        self.cursor = today
        self.month = today.replace(day=1)
        self.query_one(MonthGrid).focus()
        self.refresh_data()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    # --- loading ---------------------------------------------------------------------------------

    def refresh_data(self, agenda: bool = True) -> None:
        """Reload the month (and the agenda) from the store and draw them."""
        if not self.is_mounted:
            return
        weeks = month_weeks(self.month)
        try:
            self.data = load(self.store, weeks[0][0], weeks[-1][-1])
            if agenda:
                self.query_one(Agenda).show(agenda_view(self.store, self._today()))
        except StoreError as error:
            self.report(error)
            return
        self._redraw()

    def presentation_changed(self, presenting: bool) -> None:
        """f5: the day view, if open, masks (or shows again) the titles of confidential cards at once."""
        self.refresh_data()
        from screens.calendar.day import DayModal

        for screen in self.app.screen_stack:
            if isinstance(screen, DayModal) and screen.is_mounted:
                screen.reload()

    def _redraw(self) -> None:
        """Cursor moves within the loaded month: no store call, just draw again."""
        if self.data is None:
            return
        self._clamp_selection()
        weeks = month_weeks(self.month)
        self.query_one(MonthGrid).show(month_view(self.data, self.month, weeks, self._today(), self.cursor,
                                                  self.selected))
        # A one-line title of fixed size: no layout pass (which would repaint the whole screen).
        self.query_one("#cal-title", Static).update(self._title(), layout=False)
        has_entry = self.selected_entry() is not None
        if has_entry != self._had_entry:  # the footer greys out move / edit / delete
            self._had_entry = has_entry
            self.refresh_bindings()

    def _title(self) -> Content:
        """Month, cursor day, a colour legend of the iterations in view, and the selected entry."""
        entry = self.selected_entry()
        what = ""
        if isinstance(entry, KeyDateRead):
            what = f" · ◆ {entry.name} ({entry.iteration_name})"
        elif isinstance(entry, Occurrence):
            what = f" · {entry.title}" + (" (repeats)" if entry.recurring else "")
        parts: list[Content | tuple[str, str] | str] = [(f"{self.month:%B %Y}", "bold"), f" · {self.cursor:%a %d %b}"]
        data = self.data
        if data is not None:
            for iteration in data.iterations:
                if iteration.start <= data.end and iteration.end >= data.start:
                    running = iteration.start <= self.cursor <= iteration.end
                    parts.append(("  ▌", THEME_STYLES.get(data.iteration_style(iteration.id), "")))
                    parts.append((iteration.name, "bold" if running else "dim"))
        parts.append(Content(what))
        return Content.assemble(*parts)

    def _clamp_selection(self) -> None:
        count = len(self.day_entries(self.cursor))
        self.selected = min(max(self.selected, 0), max(count - 1, 0))

    def day_entries(self, day: date) -> list:
        return self.data.entries.get(day, []) if self.data else []

    def selected_entry(self) -> KeyDateRead | Occurrence | None:
        entries = self.day_entries(self.cursor)
        if not entries or self.data is None:
            return None
        return self.data.refs.get(entries[min(self.selected, len(entries) - 1)].key)

    def go_to(self, day: date, select_key: str | None = None) -> None:
        """Put the cursor on ``day`` (changing month if needed), optionally selecting an entry."""
        self.cursor = day
        month = day.replace(day=1)
        if month != self.month or self.data is None or not (self.data.start <= day <= self.data.end):
            self.month = month
            self.refresh_data(agenda=False)
        if select_key is not None:
            keys = [entry.key for entry in self.day_entries(day)]
            self.selected = keys.index(select_key) if select_key in keys else 0
        self._redraw()

    # --- navigation ------------------------------------------------------------------------------

    def action_cursor(self, days: int) -> None:
        self.selected = 0
        self.go_to(self.cursor + timedelta(days=days))

    def action_month(self, step: int) -> None:
        self.month = add_months(self.month, step)
        day = min(self.cursor.day, (add_months(self.month, 1) - timedelta(days=1)).day)
        self.cursor = self.month.replace(day=day)
        self.selected = 0
        self.refresh_data(agenda=False)

    def action_today(self) -> None:
        self.selected = 0
        self.go_to(self._today())

    def action_select(self, step: int) -> None:
        count = len(self.day_entries(self.cursor))
        if count:
            self.selected = (self.selected + step) % count
            self._redraw()

    def action_templates(self) -> None:
        from screens.calendar.template_form import TemplateModal

        template = self.store.calendar.default_template()
        if template is None:
            template = self.store.calendar.ensure_default_template()

        def closed(_result: None) -> None:
            self.refresh_data()
        self.app.push_screen(TemplateModal(self.store, template.id), closed)

    def action_toggle_agenda(self) -> None:
        self.toggle_class("-no-agenda")

    @on(MonthGrid.DayClicked)
    def _clicked(self, message: MonthGrid.DayClicked) -> None:
        self.selected = 0
        self.go_to(message.day)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "edit", "delete"):
            return True if self.selected_entry() is not None else None  # greyed out, still listed
        return True

    # --- export / import -------------------------------------------------------------------------

    def default_ics_path(self) -> Path:
        from cockpit.services.files import WorkspaceFiles

        return WorkspaceFiles.of(self.store).calendar_export()
