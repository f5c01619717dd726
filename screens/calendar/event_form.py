"""New / edit event: title, kind, all-day or timed, days and times, repeat preset or custom rule."""

from datetime import date, time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from cockpit.logic.recurrence import PRESETS, WEEKDAY_NAMES, describe, preset_of, preset_rule
from cockpit.db.kinds import EVENT_KINDS
from cockpit.db.models import IterationRead
from cockpit.db.models_calendar import check_rule
from cockpit.screens.shared.form import FormModal, FormError, SaveCallback, parse_time


class EventFormModal(FormModal):
    """``initial``: the event's fields (start_day at least).  ``occurrence``: editing one occurrence,
    so there is no repeat rule to set."""

    def __init__(self, on_save: SaveCallback, initial: dict[str, Any], iterations: list[IterationRead],
                 *, title: str = "New event", occurrence: bool = False, today: date | None = None) -> None:
        super().__init__(on_save)
        self.today = today
        self.initial = initial
        self.iterations = iterations
        self.TITLE_TEXT = title
        self.occurrence = occurrence

    def compose_fields(self) -> ComposeResult:
        v = self.initial
        start: date = v["start_day"]
        start_time: time | None = v.get("start_time")
        end_time: time | None = v.get("end_time")
        preset, weekday = preset_of(v.get("rrule", ""))
        yield self.row("Title", Input(v.get("title", ""), id="title", placeholder="what", compact=True))
        yield self.row("Kind", Select([(k, k) for k in EVENT_KINDS], value=v.get("kind", "meeting"),
                                      allow_blank=False, id="kind", compact=True))
        yield self.row("All day", Checkbox("no times", v.get("all_day", True), id="all_day", compact=True))
        yield self.row("Start day", Input(start.isoformat(), id="start_day", compact=True))
        yield Static("", id="start_day-parsed", classes="form-info", markup=False)
        yield self.row("End day", Input(v.get("end_day", start).isoformat(), id="end_day", compact=True))
        yield Static("", id="end_day-parsed", classes="form-info", markup=False)
        yield self.row("Start time", Input(f"{start_time:%H:%M}" if start_time else "", id="start_time",
                                           placeholder="HH:MM", compact=True))
        yield self.row("End time", Input(f"{end_time:%H:%M}" if end_time else "", id="end_time",
                                         placeholder="HH:MM", compact=True))
        if not self.occurrence:
            yield self.row("Repeat", Select([(label, key) for key, label in PRESETS], value=preset,
                                            allow_blank=False, id="repeat", compact=True))
            yield self.row("Weekday", Select([(name, index) for index, name in enumerate(WEEKDAY_NAMES)],
                                             value=start.weekday() if weekday is None else weekday,
                                             allow_blank=False, id="weekday", compact=True))
            yield self.row("Custom rule", Input(v.get("rrule", "") if preset == "custom" else "", id="rule",
                                                placeholder="FREQ=WEEKLY;BYDAY=FR;COUNT=10", compact=True))
            yield Static("", id="rule-info", classes="form-info", markup=False)
        options = [("(none)", -1)] + [(f"{it.name} ({it.start:%d %b} – {it.end:%d %b})", it.id)
                                      for it in self.iterations]
        yield self.row("Iteration", Select(options, value=v.get("iteration_id") or -1, allow_blank=False,
                                           id="iteration", compact=True))
        yield self.row("Notes", Input(v.get("notes", ""), id="notes", compact=True))

    def show_error(self, message: str, field: str | None = None) -> None:
        """The error names the field as the user reads it ("start day"); the widget is marked."""
        super().show_error(message, field.replace(" ", "_") if field else None)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._update_fields()

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Input.Changed, "#rule, #start_day")
    def _changed(self) -> None:
        self._update_fields()

    def _update_fields(self) -> None:
        timed = not self.query_one("#all_day", Checkbox).value
        for name in ("#start_time", "#end_time"):
            self.query_one(name, Input).disabled = not timed
        if self.occurrence:
            return
        preset = self.query_one("#repeat", Select).value
        self.query_one("#weekday", Select).disabled = preset not in ("weekly", "biweekly")
        self.query_one("#rule", Input).disabled = preset != "custom"
        try:
            rule = self._rule()
            text = f"Repeats: {describe(rule)}" if rule else "Does not repeat"
        except FormError as error:
            text = str(error)
        self.query_one("#rule-info", Static).update(text)

    def _rule(self) -> str:
        if self.occurrence:
            return ""
        preset = str(self.query_one("#repeat", Select).value)
        try:
            start = date.fromisoformat(self.query_one("#start_day", Input).value.strip())
        except ValueError:
            start = self.initial["start_day"]
        weekday = self.query_one("#weekday", Select).value
        rule = preset_rule(preset, start, int(weekday) if isinstance(weekday, int) else None,
                           self.query_one("#rule", Input).value)
        if preset == "custom" and not rule:
            raise FormError("rule", "type a rule, e.g. FREQ=WEEKLY;BYDAY=FR (or choose a preset)")
        try:
            return check_rule(rule)
        except ValueError as error:
            raise FormError("rule", str(error)) from None

    def values(self) -> dict[str, Any]:
        start = self.read_day("start_day", "start day")
        end = self.read_day("end_day", "end day", self.query_one("#end_day", Input).value or start.isoformat())
        all_day = self.query_one("#all_day", Checkbox).value
        start_time = parse_time(self.query_one("#start_time", Input).value, "start time")
        end_time = parse_time(self.query_one("#end_time", Input).value, "end time")
        if not all_day and start_time is None:
            raise FormError("start time", "a timed event needs a start time (or tick all day)")
        iteration = self.query_one("#iteration", Select).value
        return {
            "title": self.query_one("#title", Input).value,
            "kind": str(self.query_one("#kind", Select).value),
            "all_day": all_day, "start_day": start, "end_day": end,
            "start_time": None if all_day else start_time, "end_time": None if all_day else end_time,
            "rrule": self._rule(),
            "iteration_id": iteration if isinstance(iteration, int) and iteration >= 0 else None,
            "notes": self.query_one("#notes", Input).value,
        }
