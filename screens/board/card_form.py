"""New card / edit card, on the form contract (``FormModal``): it validates as you type (the error
names the field and marks it; the due date shows the day it was understood as, ``fri`` → Fri 27 Nov
2026) and saves while open through the screen's submitter, so a refused save (a stale version) keeps
the form and what was typed, says what the other window saved and offers to load it (ctrl+l).  The
block reason is a field like the others: a reason blocks the card, an empty one unblocks it.  The KR
field names the key result the card serves by code or words of its title (right arrow completes a
code; the KR understood is shown under it).  It keeps
its own layout (labels above the fields, two fields a row): the form base's one-label-a-row layout
would not fit ten fields and the description."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from cockpit.logic.pickers import pickable
from cockpit.db.errors import StaleEdit, StoreError
from cockpit.db.models import (ITEM_KINDS, PRIORITIES, RESOLUTION_LABELS, RESOLUTIONS, SEVERITIES, IterationRead,
                                ItemRead, PersonRead)
from cockpit.logic.card_draft import DraftError, check_draft, check_due, problems
from cockpit.logic.dates import HINT, describe
from cockpit.logic.kr_pick import KrChoice, KrPickError, pick_kr
from cockpit.screens.board.card_diff import differences
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback
from cockpit.screens.shared.kr_suggester import KrSuggester


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
    CardFormModal #kr-parsed { color: $success; padding: 0 1; height: 1; }
    CardFormModal #kr-parsed.-bad { color: $error; }
    CardFormModal #description { height: 5; }
    CardFormModal #confidential { margin: 1 1 0 1; }
    CardFormModal #bug-row { display: none; }
    CardFormModal.-bug #bug-row { display: block; }
    CardFormModal #in-production { margin: 1 1 0 0; }
    CardFormModal #form-error { color: $error; text-style: bold; padding: 0 1; height: auto; }
    CardFormModal #stale { color: $warning; padding: 0 1; height: auto; display: none; }
    CardFormModal.-stale #stale { display: block; }
    CardFormModal #form-buttons { height: auto; align-horizontal: right; }
    CardFormModal Button { margin-left: 1; }
    """
    CHECKS_EACH_FIELD = True
    BINDINGS = [
        Binding("ctrl+l", "reload", "Load theirs", id="form.reload", priority=True,
                tooltip="Load the card as another window saved it (replaces what you typed)"),
    ]

    def __init__(self, on_save: SaveCallback, *, title: str, today: date, people: list[PersonRead],
                 iterations: list[IterationRead], item: ItemRead | None = None,
                 default_iteration: int | None = None,
                 current: Callable[[int], ItemRead] | None = None,
                 gate: Callable[[dict, Callable[[dict | None], None]], None] | None = None,
                 krs: Sequence[KrChoice] = ()) -> None:
        super().__init__(on_save)
        #: The key results a card can serve (the KR field's completion).
        self.krs = list(krs)
        self.form_title = title
        self.today = today
        self.people = people
        self.iterations = iterations
        #: The card as read when the form opened (or reloaded): the version a save is checked against.
        self.item = item
        self.default_iteration = default_iteration
        #: Reads the card as stored now (after a refused save, to show what the other window saved).
        self.current = current
        self.theirs: ItemRead | None = None
        #: A new card in a gated column: asks the gate's checklist with the checked values before the
        #: save, and answers with the gate's detail (None: not passed, nothing saved).
        self.gate = gate
        self.gate_detail: dict = {}

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical():
            yield Static(self.form_title, id="form-title", markup=False)
            with VerticalScroll():
                yield Label("Title")
                yield Input(item.title if item else "", id="title", placeholder="what is to be done, in a line")
                with Horizontal(classes="row"):
                    with Vertical(classes="field"):
                        yield Label("Kind")
                        yield Select([(k, k) for k in ITEM_KINDS], value=item.kind if item else "task",
                                     allow_blank=False, id="kind")
                    with Vertical(classes="field"):
                        yield Label("Priority")
                        yield Select([(p, p) for p in PRIORITIES], value=item.priority if item else "medium",
                                     allow_blank=False, id="priority")
                with Horizontal(classes="row", id="bug-row"):
                    with Vertical(classes="field"):
                        yield Label("Severity")
                        yield Select([(s, s) for s in SEVERITIES], value=item.severity if item and item.severity
                                     else Select.NULL, prompt="not rated", id="severity")
                    with Vertical(classes="field"):
                        yield Label("Resolution")
                        yield Select([(RESOLUTION_LABELS[r], r) for r in RESOLUTIONS],
                                     value=item.resolution if item else "valid", allow_blank=False, id="resolution")
                    yield Checkbox("Found in production", item.in_production if item else False,
                                   id="in-production", compact=True)
                with Horizontal(classes="row"):
                    with Vertical(classes="field"):
                        yield Label("Owner")
                        owner = item.owner_id if item else None
                        yield Select([(f"{p.name} (@{p.handle})", p.id) for p in pickable(self.people, owner)],
                                     value=item.owner_id if item and item.owner_id else Select.NULL,
                                     prompt="nobody", id="owner")
                    with Vertical(classes="field"):
                        yield Label("Iteration")
                        current = item.iteration_id if item else self.default_iteration
                        offered = [i for i in self.iterations if not i.closed or i.id == current]  # closed: archived
                        yield Select([(f"{i.name} ({i.start:%d %b}–{i.end:%d %b})", i.id) for i in offered],
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
                yield Label("Key result it serves (code or words of its title; → completes a code)")
                yield Input(self._kr_label(item.kr_id if item else None), id="kr", placeholder="e.g. O1-KR2, or empty",
                            suggester=KrSuggester(self.krs))
                yield Static("", id="kr-parsed", markup=False)
                yield Label("Blocked because (empty: not blocked)")
                yield Input(item.blocked_reason if item and item.blocked else "", id="blocked-reason",
                            placeholder="e.g. waiting for the partner's API keys")
                yield Label("Description")
                yield TextArea(item.description if item else "", id="description")
                yield Checkbox("Confidential (title, description and block reason hidden while presenting, f5)",
                               item.confidential if item else False, id="confidential", compact=True)
            yield Static("", id="form-error", markup=False)
            yield Static("", id="stale", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_mount(self) -> None:
        self.set_class((self.item.kind if self.item else "task") == "bug", "-bug")
        self.query_one("#title", Input).focus()
        self._show_due(self.query_one("#due", Input).value)
        self._show_kr(self.query_one("#kr", Input).value)

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.set_class(event.value == "bug", "-bug")  # a bug's own fields show only for bugs

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

    # --- the key result: typed by code or title, shown as understood -----------------------------

    def _kr_label(self, kr_id: int | None) -> str:
        return next((kr.label for kr in self.krs if kr.id == kr_id), "")

    @on(Input.Changed, "#kr")
    def _kr_changed(self, event: Input.Changed) -> None:
        self._show_kr(event.value)

    def _show_kr(self, text: str) -> None:
        label = self.query_one("#kr-parsed", Static)
        try:
            kr = pick_kr(text, self.krs)
        except KrPickError as error:
            label.update(f"? {error}")
            label.add_class("-bad")
            return
        label.remove_class("-bad")
        label.update(f"→ {kr.label}" if kr else "")

    def _kr_id(self) -> int | None:
        try:
            kr = pick_kr(self.query_one("#kr", Input).value, self.krs)
        except KrPickError as error:
            raise FormError("kr", str(error)) from None
        return kr.id if kr else None

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
            "blocked_reason": self.query_one("#blocked-reason", Input).value,
            "severity": chosen("#severity"),
            "resolution": chosen("#resolution"),
            "in_production": self.query_one("#in-production", Checkbox).value,
        }

    def problems(self) -> list[FormError]:
        found = [FormError(error.field, error.message) for error in problems(self.typed(), self.today)]
        try:
            self._kr_id()
        except FormError as error:
            found.append(error)
        return found

    def values(self) -> dict[str, Any]:
        """The card's fields, checked and ready for the store; FormError names the first bad one."""
        try:
            fields = check_draft(self.typed(), self.today).fields()
        except DraftError as error:
            raise FormError(error.field, error.message) from None
        return fields | {"kr_id": self._kr_id()}

    def action_save(self) -> None:
        if self.gate is not None:
            values = self.check()
            if values is None:
                self._focus_bad()
                return

            def passed(detail: dict | None) -> None:
                if detail is None:
                    self.show_error("Not saved: a card enters this column through its gate "
                                    "(tick every criterion, or o to override with a reason)")
                    return
                self.gate_detail = detail
                self._save()

            self.gate(values, passed)
            return
        self._save()

    def _save(self) -> None:
        super().action_save()
        self._focus_bad()

    def _focus_bad(self) -> None:
        if self.is_attached and self.query(".-invalid"):  # refused: put the cursor in the bad field
            self.query(".-invalid").first().focus()

    # --- another window saved the card first -----------------------------------------------------

    def stale(self, refused: StaleEdit) -> None:
        """Nothing was saved; what was typed stays.  Show what the other window saved, offer ctrl+l."""
        self.show_error(f"Not saved: {refused.message}")
        if self.item is None or self.current is None:
            return
        try:
            self.theirs = self.current(self.item.id)
        except StoreError as error:  # deleted meanwhile
            self.theirs = None
            self.query_one("#stale", Static).update(error.message)
            self.add_class("-stale")
            return
        people = {p.id: p.name for p in self.people}
        iterations = {i.id: i.name for i in self.iterations}
        changed = differences(self.item, self.theirs, people, iterations)
        lines = ["Another window saved this card meanwhile:", *(f"  {line}" for line in changed or ["(its stage or order)"]),
                 "ctrl+l loads their version (replaces what you typed here) · escape leaves the card as they saved it"]
        self.query_one("#stale", Static).update("\n".join(lines))
        self.add_class("-stale")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":
            return True if self.theirs is not None else None
        return True

    def action_reload(self) -> None:
        """Put the card as stored now in every field; the next save is checked against it."""
        theirs = self.theirs
        if theirs is None:
            return
        self.item, self.theirs = theirs, None
        self.query_one("#title", Input).value = theirs.title
        self.query_one("#kind", Select).value = theirs.kind
        self.query_one("#priority", Select).value = theirs.priority
        self.query_one("#owner", Select).value = theirs.owner_id if theirs.owner_id else Select.NULL
        self.query_one("#iteration", Select).value = theirs.iteration_id if theirs.iteration_id else Select.NULL
        self.query_one("#estimate", Input).value = "" if theirs.estimate is None else f"{theirs.estimate:g}"
        self.query_one("#due", Input).value = theirs.due.isoformat() if theirs.due else ""
        self.query_one("#blocked-reason", Input).value = theirs.blocked_reason if theirs.blocked else ""
        self.query_one("#description", TextArea).text = theirs.description
        self.query_one("#confidential", Checkbox).value = theirs.confidential
        self.query_one("#severity", Select).value = theirs.severity or Select.NULL
        self.query_one("#resolution", Select).value = theirs.resolution
        self.query_one("#in-production", Checkbox).value = theirs.in_production
        self.query_one("#kr", Input).value = self._kr_label(theirs.kr_id)
        self.remove_class("-stale")
        self.show_error("")
        self.refresh_bindings()
        self.notify("Loaded the card as the other window saved it", markup=False)

