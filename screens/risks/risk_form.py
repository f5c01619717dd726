"""The risk form (new and edit): every field of a risk, each with its own error line.

It keeps its own two-column layout (too wide for the shared ``FormModal``'s label / field rows) but
follows the same contract: it validates as you type (a date or a card number that cannot be read is
marked at once, and unmarked when fixed); it saves while open through ``submit`` (the screen's
``submitter``), which writes through the store and raises StoreError on refusal: the form stays open
with what was typed, names the refused field (or shows the refusal, e.g. a stale version, above its
buttons).  It dismisses with the saved RiskRead, or None on cancel.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from cockpit.logic.pickers import pickable
from cockpit.db.errors import StoreError, ValidationFailed
from cockpit.db.models import PersonRead
from cockpit.db.models_risks import RESPONSES, STATUSES, RiskRead
from cockpit.logic.kr_pick import KrChoice, KrPickError, pick_kr
from cockpit.screens.shared.kr_suggester import KrSuggester

SCALE = [(f"{n} – {word}", n) for n, word in
         zip(range(1, 6), ("very low", "low", "medium", "high", "very high"))]
#: Store field names -> the widget that edits them.
FIELD_WIDGETS = {
    "title": "title", "category": "category", "probability": "probability", "impact": "impact",
    "owner": "owner_id", "owner_id": "owner_id", "status": "status", "response": "response",
    "residual_probability": "residual_probability", "residual_impact": "residual_impact",
    "next_review": "next_review", "item": "item_id", "item_id": "item_id", "trigger": "trigger",
    "mitigation": "mitigation", "contingency": "contingency", "description": "description",
    "confidential": "confidential", "kr": "kr_id", "kr_id": "kr_id",
}


class RiskFormModal(ModalScreen[RiskRead | None]):
    DEFAULT_CSS = """
    RiskFormModal { align: center middle; }
    RiskFormModal > Vertical {
        width: 90%; max-width: 100; height: 95%; max-height: 46;
        border: thick $primary; background: $surface;
    }
    RiskFormModal #form-title { text-style: bold; padding: 0 1; background: $primary-muted; width: 1fr; }
    RiskFormModal VerticalScroll { padding: 0 1; }
    RiskFormModal Label { margin-top: 1; color: $text-muted; }
    RiskFormModal Input, RiskFormModal Select, RiskFormModal TextArea { background: $boost; }
    RiskFormModal .pair { height: auto; }
    RiskFormModal .pair > Vertical { height: auto; width: 1fr; margin-right: 1; }
    RiskFormModal TextArea { height: 3; }
    RiskFormModal .error { color: $error; text-style: bold; display: none; }
    RiskFormModal .error.shown { display: block; }
    RiskFormModal .-invalid { background: $error 25%; }
    RiskFormModal #error-form { padding: 0 1; }
    RiskFormModal #buttons { height: auto; align-horizontal: right; padding: 0 1; }
    RiskFormModal #buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="risk_form.save", tooltip="Save the risk"),
        Binding("escape", "cancel", "Cancel", id="risk_form.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, submit: Callable[[dict[str, Any]], RiskRead], *, risk: RiskRead | None = None,
                 people: Sequence[PersonRead] = (), categories: Sequence[str] = (),
                 default_review: date | None = None, krs: Sequence[KrChoice] = ()) -> None:
        super().__init__()
        #: The key results a risk can threaten (the KR field's completion).
        self.krs = list(krs)
        self.submit = submit
        self.risk = risk
        self.people = list(people)
        self.categories = sorted(set(categories))
        self.default_review = default_review

    # --- layout --------------------------------------------------------------------------------

    def _field(self, label: str, widget: Widget, name: str) -> ComposeResult:
        yield Label(label, id=f"label-{name}")
        yield widget
        yield Static("", id=f"error-{name}", classes="error", markup=False)

    def compose(self) -> ComposeResult:
        r = self.risk
        heading = f"Edit risk #{r.id}" if r else "New risk"
        owners = [(f"{p.name} (@{p.handle})", p.id) for p in pickable(self.people, r.owner_id if r else None)]
        with Vertical():
            yield Static(heading, id="form-title", markup=False)
            with VerticalScroll():
                yield from self._field("Title", Input(r.title if r else "", id="title", compact=True, max_length=200,
                                                      placeholder="What could go wrong"), "title")
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield from self._field("Probability (1–5)", Select(SCALE, value=r.probability if r else 3,
                                               allow_blank=False, id="probability", compact=True), "probability")
                    with Vertical():
                        yield from self._field("Impact (1–5)", Select(SCALE, value=r.impact if r else 3,
                                               allow_blank=False, id="impact", compact=True), "impact")
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield from self._field("Owner", Select(owners, value=r.owner_id if r and r.owner_id else Select.NULL,
                                               prompt="no owner", id="owner_id", compact=True), "owner_id")
                    with Vertical():
                        yield from self._field("Category", Input(r.category if r else "", id="category", max_length=40, compact=True,
                                               suggester=SuggestFromList(self.categories, case_sensitive=False)),
                                               "category")
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield from self._field("Status", Select([(s, s) for s in STATUSES], value=r.status if r else "open",
                                               allow_blank=False, id="status", compact=True), "status")
                    with Vertical():
                        yield from self._field("Response", Select([(s, s) for s in RESPONSES],
                                               value=r.response if r else "mitigate", allow_blank=False,
                                               id="response", compact=True), "response")
                yield from self._field("Trigger (the sign that it is happening)",
                                       Input(r.trigger if r else "", id="trigger", max_length=2000, compact=True), "trigger")
                yield from self._field("Mitigation plan", TextArea(r.mitigation if r else "", id="mitigation", compact=True),
                                       "mitigation")
                yield from self._field("Contingency plan (if it occurs)",
                                       TextArea(r.contingency if r else "", id="contingency", compact=True), "contingency")
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield from self._field("Residual probability", Select(
                            SCALE, value=r.residual_probability if r and r.residual_probability else Select.NULL,
                            prompt="not assessed", id="residual_probability", compact=True), "residual_probability")
                    with Vertical():
                        yield from self._field("Residual impact", Select(
                            SCALE, value=r.residual_impact if r and r.residual_impact else Select.NULL,
                            prompt="not assessed", id="residual_impact", compact=True), "residual_impact")
                review = r.next_review if r else self.default_review
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield from self._field("Next review (YYYY-MM-DD)", Input(
                            review.isoformat() if review else "", id="next_review", placeholder="YYYY-MM-DD", compact=True),
                            "next_review")
                    with Vertical():
                        yield from self._field("Linked card (#id)", Input(
                            f"#{r.item_id}" if r and r.item_id else "", id="item_id", placeholder="#id", compact=True), "item_id")
                kr = next((k.label for k in self.krs if r is not None and k.id == r.kr_id), "")
                yield from self._field("Key result at stake (code or words of its title)", Input(
                    kr, id="kr_id", placeholder="e.g. O1-KR2, or empty", compact=True, suggester=KrSuggester(self.krs)),
                    "kr_id")
                yield from self._field("Description", TextArea(r.description if r else "", id="description", compact=True),
                                       "description")
                yield from self._field("Confidential", Checkbox("hidden in presentation mode",
                                                                r.confidential if r else False, id="confidential", compact=True),
                                       "confidential")
            yield Static("", id="error-form", classes="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    # --- reading the fields --------------------------------------------------------------------

    def draft(self) -> dict[str, Any]:
        """The fields as store values; ValidationFailed names a field that cannot be read."""
        def select(name: str) -> Any:
            value = self.query_one(f"#{name}", Select).value
            return None if value is Select.NULL else value

        data: dict[str, Any] = {
            "title": self.query_one("#title", Input).value,
            "category": self.query_one("#category", Input).value,
            "probability": select("probability"),
            "impact": select("impact"),
            "owner_id": select("owner_id"),
            "status": select("status"),
            "response": select("response"),
            "trigger": self.query_one("#trigger", Input).value,
            "mitigation": self.query_one("#mitigation", TextArea).text,
            "contingency": self.query_one("#contingency", TextArea).text,
            "residual_probability": select("residual_probability"),
            "residual_impact": select("residual_impact"),
            "description": self.query_one("#description", TextArea).text,
            "confidential": self.query_one("#confidential", Checkbox).value,
        }
        review = self.query_one("#next_review", Input).value.strip()
        try:
            data["next_review"] = date.fromisoformat(review) if review else None
        except ValueError:
            raise ValidationFailed("next_review", f"{review!r} is not a date (YYYY-MM-DD)") from None
        item = self.query_one("#item_id", Input).value.strip().removeprefix("#")
        if item and not item.isdigit():
            raise ValidationFailed("item_id", f"{item!r} is not a card number")
        data["item_id"] = int(item) if item else None
        try:
            kr = pick_kr(self.query_one("#kr_id", Input).value, self.krs)
        except KrPickError as error:
            raise ValidationFailed("kr_id", str(error)) from None
        data["kr_id"] = kr.id if kr else None
        return data

    def clear_errors(self) -> None:
        for error in self.query(".error"):
            error.remove_class("shown")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")

    def show_error(self, field: str | None, message: str, *, focus: bool = True) -> None:
        """Name the refused field under it and mark it (``focus``: and go to it); a refusal that is
        not about one field (a stale version) is shown above the buttons."""
        self.clear_errors()
        name = FIELD_WIDGETS.get(field) if field else None
        if name is None:
            error = self.query_one("#error-form", Static)
            error.update(f"{field}: {message}" if field else message)
            error.add_class("shown")
            return
        error = self.query_one(f"#error-{name}", Static)
        error.update(message)
        error.add_class("shown")
        widget = self.query_one(f"#{name}")
        widget.add_class("-invalid")
        if focus:
            widget.focus()
            widget.scroll_visible()

    @on(Input.Changed)
    def _changed(self) -> None:
        """Validate as you type: the first field that cannot be read is named; fixed, it is cleared."""
        if not self.is_mounted:
            return
        try:
            self.draft()
        except ValidationFailed as error:
            self.show_error(error.field, error.reason, focus=False)
        else:
            self.clear_errors()

    # --- actions -------------------------------------------------------------------------------

    def action_save(self) -> None:
        try:
            saved = self.submit(self.draft())
        except ValidationFailed as error:
            self.show_error(error.field, error.reason)
            return
        except StoreError as error:  # e.g. another window changed the risk: keep what was typed
            self.show_error(None, error.message)
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
