"""The one form base: a framed dialog of label / field rows, an error line, save / cancel.

The contract every form follows:
- it **validates as you type**: each change of a field runs ``problems()`` (by default the first
  ``FormError`` of ``values()``, shown at once; a form that checks each field on its own returns them
  all and sets ``CHECKS_EACH_FIELD``: then the problems of the fields typed in are shown), naming the
  field, which is marked, and cleared when the text is fixed; saving shows them all;
- it **saves while it is still open**, through ``on_save(values)``, a helper of its screen
  (``CockpitScreen.submitter``) that writes through the store: a refusal (a ``StoreError``, e.g. a stale
  version after another window changed the row; or an error string) is shown in the form, which stays
  open with everything typed; only a saved form closes (dismissing with its values);
- a save refused because another window changed the row (``StaleEdit``) goes to ``stale(refused)``,
  where a form can show what the other window saved and offer to reload it;
- ``ctrl+s`` or ``enter`` in a one-line field saves, ``escape`` cancels.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from cockpit.db.errors import StaleEdit, StoreError, ValidationFailed
from cockpit.logic.dates import HINT, DateError, describe, parse_due

#: Writes the values through the store; returns an error message, or raises StoreError, on refusal.
SaveCallback = Callable[[dict[str, Any]], "str | None | object"]


class FormError(ValueError):
    """A field that cannot be read: ``field`` is the widget's id (marked); the message names it by
    ``label`` when given (what the person sees), else by the id."""

    def __init__(self, field: str, message: str, *, label: str | None = None) -> None:
        super().__init__(f"{label or field}: {message}")
        self.field = field


def parse_day(text: str, field: str, today: date | None = None) -> date:
    """A typed date.  Given ``today``, through the one date parser (``cockpit.logic.dates``: ISO,
    ``+3d``, ``fri``, ``next mon``, an unambiguous ``25/12``); without it, ISO only."""
    if today is None:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise FormError(field, "give a date as YYYY-MM-DD") from None
    try:
        day = parse_due(text, today)
    except DateError as error:
        raise FormError(field, str(error)) from None
    if day is None:
        raise FormError(field, f"give {HINT}")
    return day


def parse_time(text: str, field: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%H:%M", "%H%M", "%H"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    raise FormError(field, "give a time as HH:MM")


class FormModal(ModalScreen[dict[str, Any] | None]):
    """Subclasses compose rows in ``compose_fields`` and read them in ``values`` (raising FormError
    naming the field).  ``VALIDATE_AS_YOU_TYPE = False`` for a form whose ``values`` is costly."""

    VALIDATE_AS_YOU_TYPE = True
    #: ``problems()`` checks each field on its own: as you type, only the fields typed in are reported
    #: (else the first problem is, wherever it is).
    CHECKS_EACH_FIELD = False

    DEFAULT_CSS = """
    FormModal { align: center middle; }
    FormModal > VerticalScroll {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormModal .form-title { text-style: bold; margin-bottom: 1; }
    FormModal .row { height: auto; }
    FormModal .row > .label { width: 14; padding-top: 0; color: $text-muted; }
    FormModal .row > Input, FormModal .row > Select { width: 1fr; }
    FormModal .row > Checkbox { width: auto; }
    FormModal .form-error { color: $error; height: auto; }
    FormModal .-invalid { border: tall $error; }
    FormModal .form-info { color: $text-muted; height: auto; }
    FormModal .buttons { height: auto; margin-top: 1; }
    FormModal .buttons Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]
    TITLE_TEXT = "Form"
    #: Today (from the screen's clock): date fields read relative dates (``+3d``, ``fri``) from it.
    today: date | None = None

    def __init__(self, on_save: SaveCallback) -> None:
        super().__init__()
        self.on_save = on_save
        #: Ids of the fields the person has typed in: as-you-type checks report only these.
        self.touched: set[str] = set()

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.TITLE_TEXT, classes="form-title", markup=False)
            yield from self.compose_fields()
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def compose_fields(self) -> ComposeResult:
        yield from ()

    @staticmethod
    def row(label: str, *widgets) -> Horizontal:  # noqa: ANN002
        return Horizontal(Static(label, classes="label", markup=False), *widgets, classes="row")

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def read_day(self, field_id: str, field: str, text: str | None = None) -> date:
        """The date typed in ``#field_id`` (or ``text``), read with ``parse_day`` and this form's
        ``today``, and shown back in ``#field_id-parsed`` when the form has one."""
        value = self.query_one(f"#{field_id}", Input).value if text is None else text
        day = parse_day(value, field, self.today)
        for shown in self.query(f"#{field_id}-parsed"):
            if isinstance(shown, Static):
                shown.update(f"→ {describe(day, self.today)}" if self.today else "")
        return day

    def show_error(self, message: str, field: str | None = None) -> None:
        self.query_one("#form-error", Static).update(message)
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        if field:
            for widget in self.query(f"#{field}") if field.isidentifier() else ():
                widget.add_class("-invalid")

    def problems(self) -> list[FormError]:
        """Every field that cannot be read now; by default the first one ``values()`` finds."""
        try:
            self.values()
        except FormError as error:
            return [error]
        return []

    def check(self, only: set[str] | None = None) -> dict[str, Any] | None:
        """The values, or None with the bad fields shown (only those in ``only``, when given: the ones
        typed in so far); each message is cleared when its field is fixed."""
        problems = self.problems()
        shown = [p for p in problems if only is None or p.field in only]
        if shown:
            self.show_error("\n".join(str(p) for p in shown), shown[0].field)
            for problem in shown[1:]:
                if problem.field.isidentifier():
                    for widget in self.query(f"#{problem.field}"):
                        widget.add_class("-invalid")
        else:
            self.show_error("")
        if problems:
            return None
        return self.values()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.VALIDATE_AS_YOU_TYPE and self.is_mounted:
            if event.input.id:
                self.touched.add(event.input.id)
            self.check(self.touched if self.CHECKS_EACH_FIELD else None)

    def action_save(self) -> None:
        values = self.check()
        if values is None:
            return
        try:
            error = self.on_save(values)
        except StaleEdit as refused:
            self.stale(refused)
            return
        except StoreError as refused:
            self.show_error(refused.message, refused.field if isinstance(refused, ValidationFailed) else None)
            return
        if isinstance(error, str) and error:
            self.show_error(error)
        else:
            self.dismiss(values)

    def stale(self, refused: StaleEdit) -> None:
        """Another window changed the row since the form read it: nothing was saved, the form stays open
        with what was typed.  A form that can reload the row says what changed and offers it."""
        self.show_error(refused.message)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
