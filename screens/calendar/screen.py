"""The Calendar screen (key 2): a month grid of iterations, key nodes and the release train, and an
agenda of the next two weeks.  The screen composes the widgets, binds the keys and opens the dialogs;
its ``CalendarController`` keeps the month, the cursor and the selection and makes the store calls.
Every edit is one store call (one undo step), written through ``self.write`` / ``self.submitter``.
A repeating event asks first whether the change is for this occurrence or all of them."""

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cockpit.logic.recurrence import Occurrence
from cockpit.db.errors import StoreError
from cockpit.db.models_calendar import KeyDateRead
from cockpit.screens.base import CockpitScreen, TitleChanged
from cockpit.screens.calendar.choice import ChoiceModal
from cockpit.screens.calendar.controller import CalendarController, Landing, Ref, occurrence_key
from cockpit.screens.calendar.day import DayModal, DayRequest
from cockpit.screens.calendar.event_form import EventFormModal
from cockpit.screens.calendar.help import HELP
from cockpit.screens.calendar.iteration_form import IterationFormModal
from cockpit.screens.calendar.key_date_form import KeyDateFormModal
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.shared.path_prompt import PathPrompt
from cockpit.screens.shared.progress import SlowWork, run_slow
from cockpit.widgets.agenda import Agenda
from cockpit.widgets.month_grid import MonthGrid
from cockpit.logic.wording import plural

if TYPE_CHECKING:
    from cockpit.context import Workspace

Done = Callable[[], None] | None
ONE_OR_ALL = [("one", "This occurrence", "o"), ("all", "All occurrences", "a"), ("cancel", "Cancel", "c")]
SKIP_OR_DELETE = [("one", "Skip this occurrence", "o"), ("all", "Delete all", "a"), ("cancel", "Cancel", "c")]


class CalendarScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    CalendarScreen #cal-body { height: 1fr; }
    CalendarScreen #cal-main { width: 1fr; }
    CalendarScreen #cal-title { height: 1; padding: 0 1; background: $panel; }
    CalendarScreen #cal-agenda-pane { width: 40; border-left: vkey $primary 50%; }
    CalendarScreen.-narrow #cal-agenda-pane { display: none; }
    CalendarScreen.-no-agenda #cal-agenda-pane { display: none; }
    """
    WRITES = frozenset({"new_event", "new_iteration", "move", "edit", "delete", "import_ics", "templates"})
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
        Binding("v", "iterations", "Iterations", id="calendar.iterations",
                tooltip="The project's iterations: capacity, close or reopen"),
        Binding("T", "templates", "Templates", id="calendar.templates", show=False,
                tooltip="Edit the iteration template's key nodes"),
        Binding("a", "toggle_agenda", "Agenda", id="calendar.agenda", show=False,
                tooltip="Show or hide the agenda pane"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = CalendarController(self.store, self.clock.today)
        #: The last import or export (tests await ``slow.finished``; ``slow.progress.cancel()`` stops it).
        self.slow: SlowWork | None = None
        self._had_entry: bool | None = None

    # The state lives in the controller; these read it (tests and the day view use them).
    @property
    def cursor(self) -> date:
        return self.controller.cursor

    @property
    def month(self) -> date:
        return self.controller.month

    def selected_entry(self) -> Ref | None:
        return self.controller.selected_entry()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="cal-body"):
            with Vertical(id="cal-main"):
                yield Static("", id="cal-title", markup=False)
                yield MonthGrid(id="cal-grid")
            with VerticalScroll(id="cal-agenda-pane", can_focus=False):
                yield Agenda(id="cal-agenda")

    def on_mount(self) -> None:
        self.controller.go_to(self.today)
        self.query_one(MonthGrid).focus()
        self.refresh_data()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    # --- loading and drawing ---------------------------------------------------------------------

    def refresh_data(self, agenda: bool = True) -> None:
        """Reload the month (and the agenda) from the store and draw them."""
        if not self.is_mounted:
            return
        try:
            self.controller.load()
            if agenda:
                self.query_one(Agenda).show(self.controller.agenda())
        except StoreError as error:
            self.report(error)
            return
        self._redraw()

    def presentation_changed(self, presenting: bool) -> None:
        """f5: the day view, if open, masks (or shows again) the titles of confidential cards at once."""
        self.refresh_data()
        for screen in self.app.screen_stack:
            if isinstance(screen, DayModal) and screen.is_mounted:
                rows = self._day_rows(screen.day)
                if rows is not None:
                    screen.show(rows)

    def _redraw(self) -> None:
        """Cursor moves within the loaded month: no store call, just draw again."""
        view = self.controller.month_view()
        if view is None:
            return
        self.query_one(MonthGrid).show(view)
        # A one-line title of fixed size: no layout pass (which would repaint the whole screen).
        self.query_one("#cal-title", Static).update(self.controller.title(), layout=False)
        has_entry = self.selected_entry() is not None
        if has_entry != self._had_entry:  # the footer greys out move / edit / delete
            self._had_entry = has_entry
            self.refresh_bindings()

    def go_to(self, day: date, select_key: str | None = None) -> None:
        """Put the cursor on ``day`` (changing month if needed), optionally selecting an entry."""
        self._navigate(self.controller.go_to, day, select_key)

    def _navigate(self, step: Callable[..., object], *args: object) -> None:
        try:
            step(*args)
        except StoreError as error:
            self.report(error)
        self._redraw()

    def _land(self, landing: Landing | None, done: Done = None) -> None:
        if landing is not None:
            self.go_to(*landing)
        if done is not None:
            done()

    # --- navigation ------------------------------------------------------------------------------

    def action_cursor(self, days: int) -> None:
        self._navigate(self.controller.step_days, days)

    def action_month(self, step: int) -> None:
        self._navigate(self.controller.step_month, step)

    def action_today(self) -> None:
        self.controller.selected = 0
        self.go_to(self.today)

    def action_select(self, step: int) -> None:
        if self.controller.select(step):
            self._redraw()

    def action_toggle_agenda(self) -> None:
        self.toggle_class("-no-agenda")

    @on(MonthGrid.DayClicked)
    def _clicked(self, message: MonthGrid.DayClicked) -> None:
        self.controller.selected = 0
        self.go_to(message.day)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        if action in ("move", "edit", "delete"):
            return True if self.selected_entry() is not None else None  # greyed out, still listed
        return True

    # --- the day view ----------------------------------------------------------------------------

    def _day_rows(self, day: date) -> list | None:
        try:
            return self.controller.day_rows(day, self.presenting)
        except StoreError as error:
            self.report(error)
            return None

    def action_open_day(self, day: date | None = None, row: int = 0) -> None:
        day = self.cursor if day is None else day
        self.app.push_screen(DayModal(day, self._day_rows(day) or [], row, read_only=self.read_only),
                             partial(self._day_request, day))

    def _day_request(self, day: date, request: DayRequest | None) -> None:
        """The day view asked for an edit: carry it out, then open the day again (where the entry went)."""
        if request is None or self.refuses(request.action):
            return
        if request.action == "move":
            self.move_entry(request.key, request.days, lambda: self.action_open_day(self.cursor, request.row))
        elif request.action == "edit":
            self.edit_entry(request.key, lambda: self.action_open_day(day, request.row))
        elif request.action == "delete":
            self.delete_entry(request.key, lambda: self.action_open_day(day, request.row))

    # --- edits -----------------------------------------------------------------------------------

    def _scoped(self, ref: Ref, title: str, then: Callable[[str | None], None]) -> None:
        """A series' occurrence asks "this one or all?" (``then("one" | "all" | None)``); else ``then("all")``."""
        if not self.controller.repeats(ref):
            then("all")
            return
        question = "This event repeats. Change only this occurrence, or all of them?"
        self.app.push_screen(ChoiceModal(title, question, ONE_OR_ALL),
                             lambda answer: then(answer if answer in ("one", "all") else None))

    def action_move(self, days: int) -> None:
        key = self.controller.selected_key()
        if key is not None:
            self.move_entry(key, days)

    def move_entry(self, key: str, days: int, done: Done = None) -> None:
        ref = self.controller.ref(key)
        if ref is None:
            self._land(None, done)
            return

        def apply(scope: str | None) -> None:
            landing = self.write(self.controller.move, ref, days, scope) if scope else None
            self._land(landing, done)
        title = ref.name if isinstance(ref, KeyDateRead) else ref.title
        self._scoped(ref, f"Move {title}", apply)

    def action_edit(self) -> None:
        key = self.controller.selected_key()
        if key is not None:
            self.edit_entry(key)

    def edit_entry(self, key: str, done: Done = None) -> None:
        ref = self.controller.ref(key)

        def closed(values: dict[str, Any] | None) -> None:
            self._land(None if values is None else (values.get("day") or values["start_day"], None), done)

        if isinstance(ref, KeyDateRead):
            self.app.push_screen(KeyDateFormModal(self.submitter(partial(self.controller.update_key_date, ref)),
                                                  ref.name, ref.day, ref.iteration_name, today=self.today), closed)
        elif isinstance(ref, Occurrence):
            self._scoped(ref, f"Edit {ref.title}", partial(self._edit_event, ref, closed, done))
        else:
            self._land(None, done)

    def _edit_event(self, ref: Occurrence, closed: Callable[[dict[str, Any] | None], None], done: Done,
                    scope: str | None) -> None:
        found = self.write(self.controller.event_fields, ref, scope, reload=False) if scope else None
        if found is None:
            self._land(None, done)
            return
        event, fields = found
        title = (f"Edit {event.title} on {ref.day:%a %d %b}" if scope == "one" else
                 f"Edit every {event.title}" if self.controller.repeats(ref) else f"Edit {event.title}")
        form = EventFormModal(self.submitter(partial(self.controller.save_event, ref, scope)), fields,
                              self.store.workspace.iterations(), title=title,
                              occurrence=scope == "one" or event.series_id is not None, today=self.today)
        self.app.push_screen(form, closed)

    def action_delete(self) -> None:
        key = self.controller.selected_key()
        if key is not None:
            self.delete_entry(key)

    def delete_entry(self, key: str, done: Done = None) -> None:
        ref = self.controller.ref(key)
        day = self.cursor
        if ref is None:
            self._land(None, done)
            return

        def apply(scope: str | None) -> None:
            if scope is not None:
                self.write(self.controller.delete, ref, scope)
            self._land((day, None), done)

        if isinstance(ref, Occurrence) and ref.recurring:  # a moved occurrence goes with its series
            question = "This event repeats. Skip only this occurrence, or delete the whole series?"
            self.app.push_screen(ChoiceModal(f"Delete {ref.title}", question, SKIP_OR_DELETE, focus="cancel"),
                                 lambda answer: apply(answer if answer in ("one", "all") else None))
            return
        question = (f"Delete {ref.name} of iteration {ref.iteration_name}?" if isinstance(ref, KeyDateRead)
                    else f"Delete {ref.title}?")
        self.app.push_screen(ConfirmModal("Delete key date" if isinstance(ref, KeyDateRead) else "Delete event",
                                          question, yes="Delete", no="Keep", danger=True),
                             lambda yes: apply("all") if yes else self._land(None, done))

    # --- new -------------------------------------------------------------------------------------

    def action_new_event(self) -> None:
        created: list = []

        def save(values: dict[str, Any]) -> object:
            created.append(self.controller.create_event(values))
            return created[-1]

        def closed(values: dict[str, Any] | None) -> None:
            if values is not None and created:
                self.go_to(created[-1].start_day, occurrence_key(created[-1], created[-1].start_day))

        self.app.push_screen(EventFormModal(self.submitter(save), self.controller.new_event_fields(),
                                            self.store.workspace.iterations(include_closed=False), today=self.today),
                             closed)

    def action_new_iteration(self) -> None:
        created: list = []

        def save(values: dict[str, Any]) -> object:
            created.append(self.store.calendar.new_iteration(**values))
            return created[-1]

        def closed(values: dict[str, Any] | None) -> None:
            if values is not None and created:
                self.notify(f"Iteration {created[-1].name} added with its key dates", markup=False)
                self.post_message(TitleChanged())  # the header names the running iteration
                self.go_to(created[-1].start)

        calendar = self.store.calendar
        project_id = self.store.workspace.project_id()

        def capacity(start: date, end: date) -> str:
            from cockpit.services.capacity import planned_capacity

            cap = planned_capacity(self.store, project_id, start, end)
            if not cap.people:
                return "Capacity: unknown (nobody holds a role in this project yet: Setup, key 0)"
            return f"Capacity: {cap.capacity:g} person-days, {cap.people} people (availability and days off)"

        self.app.push_screen(IterationFormModal(self.submitter(save), calendar.templates(), self.cursor,
                                                calendar.preview, today=self.today, capacity=capacity), closed)

    def action_iterations(self) -> None:
        from cockpit.screens.shared.iterations import open_iterations

        def changed() -> None:
            self.refresh_data()
            self.post_message(TitleChanged())

        open_iterations(self, self.store.workspace.project_id(), "Iterations", changed)

    def action_templates(self) -> None:
        from cockpit.screens.calendar.template_form import TemplateModal

        template = self.write(self.store.calendar.ensure_default_template, reload=False)
        if template is not None:
            self.app.push_screen(TemplateModal(self.store, template.id, self.submitter(_call)),
                                 lambda _closed: self.refresh_data())

    # --- export / import -------------------------------------------------------------------------

    def action_export_ics(self) -> None:
        from cockpit.services.calendar_files import CalendarFileError  # a bad COCKPIT_TZ is named

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            self.slow = run_slow(self, lambda progress: self.controller.export_ics(path, progress.update),
                                 title="Export .ics", errors=(OSError, StoreError, CalendarFileError),
                                 done=lambda count: self.notify(
                                     f"Wrote {plural(count, 'calendar entry', 'calendar entries')} to {path}", markup=False),
                                 failed=lambda error: self.notify(
                                     f"{path} not written: {getattr(error, 'strerror', None) or error}",
                                     severity="error", markup=False))
        default = self.controller.default_ics_path(self.workspace.files)
        self.app.push_screen(PathPrompt("Export the calendar (.ics)", str(default)), chosen)

    def action_import_ics(self) -> None:
        from cockpit.services.calendar_files import CalendarFileError

        def done(result: tuple[int, int, int]) -> None:
            added, skipped, _ignored = result
            self.notify(f"Imported {plural(added, 'event')}" + (f" ({skipped} already there)" if skipped else ""),
                        markup=False)
            self.refresh_data()

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.slow = run_slow(self, lambda progress: self.controller.import_ics(path, progress.update),
                                     title="Import .ics", done=done, errors=(CalendarFileError, StoreError))
        self.app.push_screen(PathPrompt("Import events from an .ics file (all or nothing)", must_exist=True),
                             chosen)


def _call(call: Callable[..., object], *args: object, **kwargs: object) -> object:
    return call(*args, **kwargs)
