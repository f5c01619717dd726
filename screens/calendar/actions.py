"""The calendar screen's edits: new event / iteration, move, edit and delete an entry, export, import.

Each edit is one store call (one undo step).  A repeating event asks first whether the change is for
this occurrence or all of them.  Mixed into ``CalendarScreen``; the day view calls the same methods.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from cockpit.logic.recurrence import Occurrence
from db.errors import StoreError
from db.models_calendar import KeyDateRead
from screens.calendar.choice import ChoiceModal
from screens.calendar.event_form import EventFormModal
from screens.calendar.iteration_form import IterationFormModal
from screens.calendar.key_date_form import KeyDateFormModal
from screens.calendar.path_form import PathFormModal

Done = Callable[[], None] | None
ONE_OR_ALL = [("one", "This occurrence", "o"), ("all", "All occurrences", "a"), ("cancel", "Cancel", "c")]


def _attempt(call: Callable[[], Any]) -> str | None:
    """Run a store call; the refusal's message, or None when it was saved."""
    try:
        call()
    except StoreError as error:
        return error.message
    return None


class CalendarActions:
    """Needs ``store``, ``cursor``, ``data``, ``refresh_data``, ``go_to``, ``selected_entry``, ``report``."""

    # --- helpers ---------------------------------------------------------------------------------

    def ref(self, key: str) -> KeyDateRead | Occurrence | None:
        return self.data.refs.get(key) if self.data else None  # type: ignore[attr-defined]

    def selected_key(self) -> str | None:
        entries = self.day_entries(self.cursor)  # type: ignore[attr-defined]
        if not entries:
            return None
        return entries[min(self.selected, len(entries) - 1)].key  # type: ignore[attr-defined]

    def _reload_at(self, day: date, key: str | None, done: Done) -> None:
        self.refresh_data()  # type: ignore[attr-defined]
        self.go_to(day, key)  # type: ignore[attr-defined]
        if done is not None:
            done()

    def _run(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except StoreError as error:
            self.report(error)  # type: ignore[attr-defined]
            return None

    def _ask_one_or_all(self, title: str, then: Callable[[str], None]) -> None:
        def chosen(answer: str | None) -> None:
            if answer in ("one", "all"):
                then(answer)
        self.app.push_screen(ChoiceModal(title, "This event repeats. Change only this occurrence, or all of them?",  # type: ignore[attr-defined]
                                         ONE_OR_ALL), chosen)

    # --- new ---------------------------------------------------------------------------------------

    def action_new_event(self) -> None:
        day = self.cursor  # type: ignore[attr-defined]
        initial = {"start_day": day, "end_day": day, "all_day": True, "kind": "meeting"}
        created: list = []

        def save(values: dict[str, Any]) -> str | None:
            return _attempt(lambda: created.append(self.store.calendar.create_event(**values)))  # type: ignore[attr-defined]

        def closed(values: dict[str, Any] | None) -> None:
            if values is not None and created:
                self._reload_at(created[0].start_day, f"event:{created[0].id}:{created[0].start_day.isoformat()}", None)

        self.app.push_screen(EventFormModal(save, initial, self.store.workspace.iterations()), closed)  # type: ignore[attr-defined]

    def action_new_iteration(self) -> None:
        store = self.store  # type: ignore[attr-defined]
        created: list = []

        def save(values: dict[str, Any]) -> str | None:
            return _attempt(lambda: created.append(store.calendar.new_iteration(**values)))

        def closed(values: dict[str, Any] | None) -> None:
            if values is not None and created:
                self.app.notify(f"Iteration {created[0].name} added with its key dates", markup=False)  # type: ignore[attr-defined]
                self.app.refresh_title()  # type: ignore[attr-defined]
                self._reload_at(created[0].start, None, None)

        self.app.push_screen(IterationFormModal(save, store.calendar.templates(), self.cursor,  # type: ignore[attr-defined]
                                                store.calendar.preview), closed)

    # --- move --------------------------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        key = self.selected_key()
        if key is not None:
            self.move_ref(key, days)

    def move_ref(self, key: str, days: int, done: Done = None) -> None:
        store = self.store  # type: ignore[attr-defined]
        ref = self.ref(key)
        if isinstance(ref, KeyDateRead):
            moved = self._run(lambda: store.calendar.move_key_date(ref.id, ref.version, days))
            if moved is not None:
                self._reload_at(moved.day, key, done)
            return
        if not isinstance(ref, Occurrence):
            return
        shift = timedelta(days=days)
        if ref.recurring and ref.event_id == ref.series_id:
            def apply(answer: str) -> None:
                if answer == "all":
                    moved = self._run(lambda: store.calendar.move_event(ref.event_id, ref.version, days))
                    if moved is not None:
                        self._reload_at(ref.day + shift, f"event:{ref.event_id}:{(ref.day + shift).isoformat()}", done)
                else:
                    override = self._run(lambda: store.calendar.edit_occurrence(
                        ref.event_id, ref.version, ref.original_day or ref.day,
                        start_day=ref.day + shift, end_day=ref.end_day + shift))
                    if override is not None:
                        self._reload_at(override.start_day, f"event:{override.id}:{override.start_day.isoformat()}", done)
            self._ask_one_or_all(f"Move {ref.title}", apply)
            return
        moved = self._run(lambda: store.calendar.move_event(ref.event_id, ref.version, days))
        if moved is not None:
            self._reload_at(moved.start_day, f"event:{moved.id}:{moved.start_day.isoformat()}", done)

    # --- edit --------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.edit_ref(key)

    def edit_ref(self, key: str, done: Done = None) -> None:
        store = self.store  # type: ignore[attr-defined]
        ref = self.ref(key)
        if isinstance(ref, KeyDateRead):
            def save_key(values: dict[str, Any]) -> str | None:
                return _attempt(lambda: store.calendar.update_key_date(ref.id, ref.version, **values))

            def closed_key(values: dict[str, Any] | None) -> None:
                if values is not None:
                    self._reload_at(values["day"], key, done)
            self.app.push_screen(KeyDateFormModal(save_key, ref.name, ref.day, ref.iteration_name), closed_key)  # type: ignore[attr-defined]
            return
        if not isinstance(ref, Occurrence):
            return
        event = store.calendar.event(ref.event_id)
        iterations = store.workspace.iterations()
        fields = event.model_dump(include={"title", "kind", "all_day", "start_day", "end_day", "start_time",
                                           "end_time", "rrule", "iteration_id", "notes"})

        def closed(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._reload_at(values["start_day"], None, done)

        if ref.recurring and ref.event_id == ref.series_id:
            def apply(answer: str) -> None:
                if answer == "all":
                    save = lambda values: _attempt(lambda: store.calendar.update_event(ref.event_id, ref.version, **values))  # noqa: E731
                    self.app.push_screen(EventFormModal(save, fields, iterations, title=f"Edit every {event.title}"), closed)  # type: ignore[attr-defined]
                else:
                    one = fields | {"start_day": ref.day, "end_day": ref.end_day, "rrule": ""}
                    save = lambda values: _attempt(lambda: store.calendar.edit_occurrence(  # noqa: E731
                        ref.event_id, ref.version, ref.original_day or ref.day, **values))
                    self.app.push_screen(EventFormModal(save, one, iterations, occurrence=True,  # type: ignore[attr-defined]
                                                        title=f"Edit {event.title} on {ref.day:%a %d %b}"), closed)
            self._ask_one_or_all(f"Edit {ref.title}", apply)
            return
        save = lambda values: _attempt(lambda: store.calendar.update_event(ref.event_id, ref.version, **values))  # noqa: E731
        self.app.push_screen(EventFormModal(save, fields, iterations, title=f"Edit {event.title}",  # type: ignore[attr-defined]
                                            occurrence=event.series_id is not None), closed)

    # --- delete ------------------------------------------------------------------------------------

    def action_delete(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.delete_ref(key)

    def delete_ref(self, key: str, done: Done = None) -> None:
        store = self.store  # type: ignore[attr-defined]
        ref = self.ref(key)
        day = self.cursor  # type: ignore[attr-defined]
        if isinstance(ref, KeyDateRead):
            def confirmed_key(answer: str | None) -> None:
                if answer == "yes" and self._run(lambda: store.calendar.delete_key_date(ref.id, ref.version)) is None:
                    self._reload_at(day, None, done)
            self.app.push_screen(ChoiceModal("Delete key date", f"Delete {ref.name} of iteration {ref.iteration_name}?",  # type: ignore[attr-defined]
                                             [("yes", "Delete", "y"), ("no", "Keep", "n")]), confirmed_key)
            return
        if not isinstance(ref, Occurrence):
            return
        if ref.recurring:
            series_id = ref.series_id
            series = store.calendar.event(series_id)

            def chosen(answer: str | None) -> None:
                if answer == "one":
                    self._run(lambda: store.calendar.skip_occurrence(series_id, series.version, ref.original_day or ref.day))
                elif answer == "all":
                    self._run(lambda: store.calendar.delete_event(series_id, series.version))
                else:
                    return
                self._reload_at(day, None, done)
            self.app.push_screen(ChoiceModal(f"Delete {ref.title}", "This event repeats. Skip only this occurrence, "  # type: ignore[attr-defined]
                                             "or delete the whole series?",
                                             [("one", "Skip this occurrence", "o"), ("all", "Delete all", "a"),
                                              ("cancel", "Cancel", "c")]), chosen)
            return

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                self._run(lambda: store.calendar.delete_event(ref.event_id, ref.version))
                self._reload_at(day, None, done)
        self.app.push_screen(ChoiceModal("Delete event", f"Delete {ref.title}?",  # type: ignore[attr-defined]
                                         [("yes", "Delete", "y"), ("no", "Keep", "n")]), confirmed)

    # --- day view, export, import --------------------------------------------------------------------

    def action_open_day(self) -> None:
        from screens.calendar.day import DayModal

        self.app.push_screen(DayModal(self, self.cursor))  # type: ignore[attr-defined, arg-type]

    def action_export_ics(self) -> None:
        from cockpit.commands.ics import export_calendar

        def save(values: dict[str, Any]) -> str | None:
            path = values["path"]
            if path.is_dir():
                return f"{path} is a folder; give a file name"
            try:
                count = export_calendar(self.store, path)  # type: ignore[attr-defined]
            except (OSError, StoreError) as error:
                return f"not written: {getattr(error, 'strerror', None) or error}"
            self.app.notify(f"Wrote {count} calendar entries to {path}", markup=False)  # type: ignore[attr-defined]
            return None

        self.app.push_screen(PathFormModal(save, "Export the calendar (.ics)", self.default_ics_path()))  # type: ignore[attr-defined]

    def action_import_ics(self) -> None:
        from cockpit.commands import CommandError
        from cockpit.commands.ics import import_calendar

        def save(values: dict[str, Any]) -> str | None:
            try:
                added, skipped, _ignored = import_calendar(self.store, values["path"], "other")  # type: ignore[attr-defined]
            except (CommandError, StoreError) as error:
                return str(error)
            self.app.notify(f"Imported {added} events" + (f" ({skipped} already there)" if skipped else ""),  # type: ignore[attr-defined]
                            markup=False)
            return None

        def closed(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.refresh_data()  # type: ignore[attr-defined]

        self.app.push_screen(PathFormModal(save, "Import events from an .ics file (all or nothing)"), closed)  # type: ignore[attr-defined]


__all__ = ["CalendarActions"]
