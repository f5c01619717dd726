"""The calendar's state and its store calls: which month and day are shown, which entry is selected,
what each entry refers to, and the edits (move, edit, delete, new) as plain calls that raise
``StoreError`` on refusal.  The screen owns one ``CalendarController``; it asks it what to show and
hands its writes to ``CockpitScreen.write`` / ``submitter``.  No Textual here."""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual.content import Content

from cockpit.logic.recurrence import Occurrence
from cockpit.db.models_calendar import EventRead, KeyDateRead
from cockpit.db.store import Store
from cockpit.screens.calendar.data import (
    THEME_STYLES, CalendarData, DayRow, add_months, agenda_view, day_rows, load, month_view, month_weeks,
)
from cockpit.widgets.agenda import AgendaView
from cockpit.widgets.month_grid import MonthView

Ref = KeyDateRead | Occurrence
#: Where the cursor goes after an edit: the day, and the entry to select there (or None).
Landing = tuple[date, str | None]
EVENT_FORM_FIELDS = {"title", "kind", "all_day", "start_day", "end_day", "start_time", "end_time", "rrule",
                     "iteration_id", "notes"}


def occurrence_key(event: EventRead | Occurrence, day: date) -> str:
    event_id = event.id if isinstance(event, EventRead) else event.event_id
    return f"event:{event_id}:{day.isoformat()}"


class CalendarController:
    """The calendar screen's state (month, cursor day, selected entry, the loaded month) and calls."""

    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        self.store = store
        self._today = today
        self.cursor = today()
        self.month = self.cursor.replace(day=1)
        self.selected = 0
        self.data: CalendarData | None = None

    @property
    def today(self) -> date:
        return self._today()

    # --- reading ---------------------------------------------------------------------------------

    def load(self) -> CalendarData:
        """Load the shown month (its whole weeks) from the store."""
        weeks = month_weeks(self.month)
        self.data = load(self.store, weeks[0][0], weeks[-1][-1])
        self.clamp()
        return self.data

    def agenda(self) -> AgendaView:
        return agenda_view(self.store, self.today)

    def month_view(self) -> MonthView | None:
        if self.data is None:
            return None
        return month_view(self.data, self.month, month_weeks(self.month), self.today, self.cursor, self.selected)

    def day_entries(self, day: date) -> list:
        return self.data.entries.get(day, []) if self.data else []

    def ref(self, key: str) -> Ref | None:
        return self.data.refs.get(key) if self.data else None

    def selected_key(self) -> str | None:
        entries = self.day_entries(self.cursor)
        if not entries:
            return None
        return entries[min(self.selected, len(entries) - 1)].key

    def selected_entry(self) -> Ref | None:
        key = self.selected_key()
        return self.ref(key) if key is not None else None

    def day_rows(self, day: date, presenting: bool) -> list[DayRow]:
        """The day view's rows: key nodes, event occurrences, then the board cards due that day."""
        return day_rows(self.store, self.data, day, presenting)

    def title(self) -> Content:
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

    # --- moving the cursor -----------------------------------------------------------------------

    def clamp(self) -> None:
        count = len(self.day_entries(self.cursor))
        self.selected = min(max(self.selected, 0), max(count - 1, 0))

    def go_to(self, day: date, select_key: str | None = None) -> bool:
        """Put the cursor on ``day`` (loading its month if needed: True), optionally selecting an entry."""
        self.cursor = day
        loaded = False
        if day.replace(day=1) != self.month or self.data is None or not (self.data.start <= day <= self.data.end):
            self.month = day.replace(day=1)
            self.load()
            loaded = True
        if select_key is not None:
            keys = [entry.key for entry in self.day_entries(day)]
            self.selected = keys.index(select_key) if select_key in keys else 0
        self.clamp()
        return loaded

    def step_days(self, days: int) -> bool:
        self.selected = 0
        return self.go_to(self.cursor + timedelta(days=days))

    def step_month(self, step: int) -> None:
        self.month = add_months(self.month, step)
        day = min(self.cursor.day, (add_months(self.month, 1) - timedelta(days=1)).day)
        self.cursor = self.month.replace(day=day)
        self.selected = 0
        self.load()

    def select(self, step: int) -> bool:
        count = len(self.day_entries(self.cursor))
        if count:
            self.selected = (self.selected + step) % count
        return bool(count)

    # --- edits (each one store call, one undo step; StoreError on refusal) -----------------------

    @staticmethod
    def repeats(ref: Ref | None) -> bool:
        """A series' own occurrence: an edit asks "this occurrence or all of them?"."""
        return isinstance(ref, Occurrence) and ref.recurring and ref.event_id == ref.series_id

    def move(self, ref: Ref, days: int, scope: str = "all") -> Landing:
        calendar = self.store.calendar
        if isinstance(ref, KeyDateRead):
            moved = calendar.move_key_date(ref.id, ref.version, days)
            return moved.day, f"key:{moved.id}"
        shift = timedelta(days=days)
        if self.repeats(ref) and scope == "one":
            override = calendar.edit_occurrence(ref.event_id, ref.version, ref.original_day or ref.day,
                                                start_day=ref.day + shift, end_day=ref.end_day + shift)
            return override.start_day, occurrence_key(override, override.start_day)
        event = calendar.move_event(ref.event_id, ref.version, days)
        landing = ref.day + shift if self.repeats(ref) else event.start_day
        return landing, occurrence_key(event, landing)

    def delete(self, ref: Ref, scope: str = "all") -> None:
        calendar = self.store.calendar
        if isinstance(ref, KeyDateRead):
            calendar.delete_key_date(ref.id, ref.version)
        elif ref.recurring:
            series = calendar.event(ref.series_id)
            if scope == "one":
                calendar.skip_occurrence(series.id, series.version, ref.original_day or ref.day)
            else:
                calendar.delete_event(series.id, series.version)
        else:
            calendar.delete_event(ref.event_id, ref.version)

    def event_fields(self, ref: Occurrence, scope: str = "all") -> tuple[EventRead, dict[str, Any]]:
        """The event behind an occurrence and the form's initial values (one occurrence: no rule)."""
        event = self.store.calendar.event(ref.event_id)
        fields = event.model_dump(include=EVENT_FORM_FIELDS)
        if scope == "one":
            fields |= {"start_day": ref.day, "end_day": ref.end_day, "rrule": ""}
        return event, fields

    def save_event(self, ref: Occurrence, scope: str, values: dict[str, Any]) -> EventRead:
        if scope == "one":
            return self.store.calendar.edit_occurrence(ref.event_id, ref.version, ref.original_day or ref.day,
                                                       **values)
        return self.store.calendar.update_event(ref.event_id, ref.version, **values)

    def update_key_date(self, ref: KeyDateRead, values: dict[str, Any]) -> KeyDateRead:
        return self.store.calendar.update_key_date(ref.id, ref.version, **values)

    def create_event(self, values: dict[str, Any]) -> EventRead:
        return self.store.calendar.create_event(**values)

    def new_event_fields(self) -> dict[str, Any]:
        return {"start_day": self.cursor, "end_day": self.cursor, "all_day": True, "kind": "meeting"}

    def export_ics(self, path: Path, progress: Callable[[int, int], None] | None = None) -> int:
        """Write the calendar to ``path`` (atomically); how many entries it holds."""
        from cockpit.services.calendar_files import export_calendar

        return export_calendar(self.store, path, progress)

    def import_ics(self, path: Path, progress: Callable[[int, int], None] | None = None) -> tuple[int, int, int]:
        """Add the events of ``path`` in one transaction: (added, already there, ignored)."""
        from cockpit.services.calendar_files import import_calendar

        return import_calendar(self.store, path, "other", progress)

    # --- files -----------------------------------------------------------------------------------

    def default_ics_path(self, files: Path) -> Path:
        """Beside the database file; a server workspace has none, so its files folder is used."""
        from cockpit.db.engine import sqlite_path

        path = sqlite_path(self.store.engine.url.render_as_string(hide_password=False))
        if path is not None:
            return path.with_name(f"{path.stem}-calendar.ics")
        return files / "cockpit-calendar.ics"
