"""New card / edit card.  Nothing is saved until the form is valid; the error names the field and
the due date shows the day it was understood as (``fri`` → Fri 27 Nov 2026) before saving."""

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from cockpit.logic.card_draft import MAX_TITLE, CardDraft, DraftError, check_draft, check_due
from cockpit.logic.dates import HINT, describe
from db.models import ITEM_KINDS, PRIORITIES, IterationRead, ItemRead, PersonRead


class CardFormModal(ModalScreen[CardDraft | None]):
    DEFAULT_CSS = """
    CardFormModal { align: center middle; }
    CardFormModal > Vertical {
        width: 84; max-width: 98%; height: auto; max-height: 98%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CardFormModal #form-title { text-style: bold; padding: 0 1; }
    CardFormModal VerticalScroll { height: auto; max-height: 60vh; }
    CardFormModal .row { height: auto; }
    CardFormModal .field { width: 1fr; height: auto; padding: 0 1 0 0; }
    CardFormModal Label { color: $text-muted; padding: 0 1; }
    CardFormModal Input.-invalid { border: tall $error; }
    CardFormModal #due-parsed { color: $success; padding: 0 1; height: 1; }
    CardFormModal #due-parsed.-bad { color: $error; }
    CardFormModal #description { height: 5; }
    CardFormModal #confidential { margin: 1 1 0 1; }
    CardFormModal #form-error { color: $error; text-style: bold; padding: 0 1; height: auto; }
    CardFormModal #form-buttons { height: auto; align-horizontal: right; }
    CardFormModal Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="card_form.save", tooltip="Save the card (checks every field first)"),
        Binding("escape", "cancel", "Cancel", id="card_form.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, *, title: str, today: date, people: list[PersonRead], iterations: list[IterationRead],
                 item: ItemRead | None = None, default_iteration: int | None = None) -> None:
        super().__init__()
        self.form_title = title
        self.today = today
        self.people = people
        self.iterations = iterations
        self.item = item
        self.default_iteration = default_iteration

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical():
            yield Static(self.form_title, id="form-title", markup=False)
            with VerticalScroll():
                yield Label("Title")
                yield Input(item.title if item else "", id="title", max_length=MAX_TITLE + 50,
                            placeholder="what is to be done, in a line")
                with Horizontal(classes="row"):
                    with Vertical(classes="field"):
                        yield Label("Kind")
                        yield Select([(k, k) for k in ITEM_KINDS], value=item.kind if item else "task",
                                     allow_blank=False, id="kind")
                    with Vertical(classes="field"):
                        yield Label("Priority")
                        yield Select([(p, p) for p in PRIORITIES], value=item.priority if item else "medium",
                                     allow_blank=False, id="priority")
                with Horizontal(classes="row"):
                    with Vertical(classes="field"):
                        yield Label("Owner")
                        yield Select([(f"{p.name} (@{p.handle})", p.id) for p in self.people],
                                     value=item.owner_id if item and item.owner_id else Select.NULL,
                                     prompt="nobody", id="owner")
                    with Vertical(classes="field"):
                        yield Label("Iteration")
                        current = item.iteration_id if item else self.default_iteration
                        yield Select([(f"{i.name} ({i.start:%d %b}–{i.end:%d %b})", i.id) for i in self.iterations],
                                     value=current if current else Select.NULL, prompt="none", id="iteration")
                with Horizontal(classes="row"):
                    with Vertical(classes="field"):
                        yield Label("Estimate (person-days; over 2 is flagged)")
                        estimate = "" if not item or item.estimate is None else f"{item.estimate:g}"
                        yield Input(estimate, id="estimate", placeholder="e.g. 1.5")
                    with Vertical(classes="field"):
                        yield Label("Due")
                        yield Input(item.due.isoformat() if item and item.due else "", id="due",
                                    placeholder="2026-12-04, fri, next mon, +3d")
                        yield Static("", id="due-parsed", markup=False)
                yield Label("Description")
                yield TextArea(item.description if item else "", id="description")
                yield Checkbox("Confidential (title, description and block reason hidden while presenting, f5)",
                               item.confidential if item else False, id="confidential", compact=True)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._show_due(self.query_one("#due", Input).value)

    # --- live feedback -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.input.remove_class("-invalid")
        if event.input.id == "due":
            self._show_due(event.value)

    def _show_due(self, text: str) -> None:
        label = self.query_one("#due-parsed", Static)
        try:
            day = check_due(text, self.today)
        except DraftError:
            label.update(f"? {HINT}")
            label.add_class("-bad")
            return
        label.remove_class("-bad")
        label.update(f"→ {describe(day, self.today)}" if day else "")

    # --- saving --------------------------------------------------------------------------------

    def values(self) -> dict:
        def chosen(selector: str) -> object:
            value = self.query_one(selector, Select).value
            return None if value is Select.NULL else value

        return {
            "title": self.query_one("#title", Input).value,
            "kind": chosen("#kind"),
            "priority": chosen("#priority"),
            "owner_id": chosen("#owner"),
            "iteration_id": chosen("#iteration"),
            "estimate": self.query_one("#estimate", Input).value,
            "due": self.query_one("#due", Input).value,
            "description": self.query_one("#description", TextArea).text,
            "confidential": self.query_one("#confidential", Checkbox).value,
        }

    def action_save(self) -> None:
        try:
            draft = check_draft(self.values(), self.today)
        except DraftError as error:
            self.show_error(error.field, error.message)
            return
        self.dismiss(draft)

    def show_error(self, field: str, message: str) -> None:
        """Name the field, mark it and put the cursor in it."""
        self.query_one("#form-error", Static).update(f"{field}: {message}")
        widget = next(iter(self.query(f"#{field}")), None)
        if widget is not None:
            widget.add_class("-invalid")
            widget.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
