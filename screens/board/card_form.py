"""New card / edit card, on the form contract (``FormModal``): it validates as you type (the error
names the field and marks it; the due date shows the day it was understood as, ``fri`` → Fri 27 Nov
2026) and saves while open through the screen's submitter, so a refused save (a stale version) keeps
the form and what was typed.  It keeps its own layout (labels above the fields, two fields a row):
the form base's one-label-a-row layout would not fit nine fields and the description."""

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from cockpit.logic.card_draft import MAX_TITLE, DraftError, check_draft, check_due
from cockpit.logic.dates import HINT, describe
from cockpit.db.models import ITEM_KINDS, PRIORITIES, IterationRead, ItemRead, PersonRead
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


class CardFormModal(FormModal):
    """Dismisses with the saved card's fields (a ``CardDraft``'s), or None if cancelled."""

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

    def __init__(self, on_save: SaveCallback, *, title: str, today: date, people: list[PersonRead],
                 iterations: list[IterationRead], item: ItemRead | None = None,
                 default_iteration: int | None = None) -> None:
        super().__init__(on_save)
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
                yield Button("Save (ctrl+s)", variant="primary", id="form-save")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._show_due(self.query_one("#due", Input).value)

    # --- live feedback: the due date as understood (the form base checks every field as you type) --

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
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

    # --- values --------------------------------------------------------------------------------

    def typed(self) -> dict[str, Any]:
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

    def values(self) -> dict[str, Any]:
        """The card's fields, checked and ready for the store; FormError names the first bad one."""
        try:
            return check_draft(self.typed(), self.today).fields()
        except DraftError as error:
            raise FormError(error.field, error.message) from None

    def action_save(self) -> None:
        super().action_save()
        if self.is_attached and self.query(".-invalid"):  # refused: put the cursor in the bad field
            self.query(".-invalid").first().focus()
