"""The form to add or edit a RACI activity: name, phase, standard, deliverable, gate and board stage."""

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from db.errors import StoreError, ValidationFailed


@dataclass
class ActivityDraft:
    name: str
    phase: str
    criteria: str
    deliverable: str
    gate: bool
    stage_id: int | None


class ActivityFormModal(ModalScreen[int | None]):
    """Returns the saved activity's id, or None if cancelled.  ``save`` writes (and may refuse)."""

    DEFAULT_CSS = """
    ActivityFormModal { align: center middle; }
    ActivityFormModal > VerticalScroll {
        width: 80%; max-width: 90; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ActivityFormModal Label { margin-top: 1; color: $text-muted; }
    ActivityFormModal #form-title { text-style: bold; margin: 0; }
    ActivityFormModal #form-error { color: $error; height: auto; }
    ActivityFormModal Horizontal { height: auto; margin-top: 1; }
    ActivityFormModal Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="raci_form.cancel")]

    def __init__(self, title: str, draft: ActivityDraft, phases: list[str], stages: list[tuple[str, int]],
                 save: Callable[[ActivityDraft], int]) -> None:
        super().__init__()
        self.form_title = title
        self.draft = draft
        self.phases = phases
        self.stages = stages
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.form_title, id="form-title", markup=False)
            yield Label("Activity")
            yield Input(self.draft.name, id="name", max_length=120, placeholder="e.g. Requirement review")
            yield Label("Phase")
            yield Input(self.draft.phase, id="phase", max_length=60,
                        suggester=SuggestFromList(self.phases, case_sensitive=False))
            yield Label("Standard (entry criteria)")
            yield Input(self.draft.criteria, id="criteria", max_length=2_000)
            yield Label("Deliverable")
            yield Input(self.draft.deliverable, id="deliverable", max_length=200)
            yield Checkbox("Gate: a checkpoint that needs a sign-off", self.draft.gate, id="gate")
            yield Label("Guards the board stage (a card entering it needs the Accountable's sign-off)")
            yield Select(self.stages, value=self.draft.stage_id if self.draft.stage_id is not None else Select.NULL,
                         allow_blank=True, prompt="no stage", id="stage")
            yield Static("", id="form-error", markup=False)
            with Horizontal():
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _collect(self) -> ActivityDraft:
        stage = self.query_one("#stage", Select).value
        return ActivityDraft(
            name=self.query_one("#name", Input).value,
            phase=self.query_one("#phase", Input).value,
            criteria=self.query_one("#criteria", Input).value,
            deliverable=self.query_one("#deliverable", Input).value,
            gate=self.query_one("#gate", Checkbox).value or isinstance(stage, int),
            stage_id=stage if isinstance(stage, int) else None,
        )

    @on(Select.Changed, "#stage")
    def _stage_makes_a_gate(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.query_one("#gate", Checkbox).value = True

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            saved = self.save(self._collect())
        except StoreError as error:
            self.query_one("#form-error", Static).update(error.message)
            if isinstance(error, ValidationFailed) and error.field in {"name", "phase", "criteria", "deliverable"}:
                self.query_one(f"#{error.field}", Input).focus()
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
