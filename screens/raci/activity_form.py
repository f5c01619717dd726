"""The form to add or edit a RACI activity: name, phase, standard, deliverable, gate and board stage."""

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Select

from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


@dataclass
class ActivityDraft:
    name: str
    phase: str
    criteria: str
    deliverable: str
    gate: bool
    stage_id: int | None


class ActivityFormModal(FormModal):
    """Dismisses with the saved values (an ``ActivityDraft``'s fields), or None if cancelled."""

    def __init__(self, title: str, draft: ActivityDraft, phases: list[str], stages: list[tuple[str, int]],
                 on_save: SaveCallback) -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.draft = draft
        self.phases = phases
        self.stages = stages

    def compose_fields(self) -> ComposeResult:
        draft = self.draft
        yield self.row("Activity", Input(draft.name, id="name", max_length=120, placeholder="e.g. Requirement review"))
        yield self.row("Phase", Input(draft.phase, id="phase", max_length=60,
                                      suggester=SuggestFromList(self.phases, case_sensitive=False)))
        yield self.row("Standard", Input(draft.criteria, id="criteria", max_length=2_000,
                                         placeholder="entry criteria"))
        yield self.row("Deliverable", Input(draft.deliverable, id="deliverable", max_length=200))
        yield self.row("Gate", Checkbox("a checkpoint that needs a sign-off", draft.gate, id="gate"))
        yield self.row("Board stage", Select(self.stages, value=draft.stage_id if draft.stage_id is not None
                                             else Select.NULL, allow_blank=True, prompt="no stage", id="stage",
                                             tooltip="A card entering it needs the Accountable's sign-off"))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Select.Changed, "#stage")
    def _stage_makes_a_gate(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.query_one("#gate", Checkbox).value = True

    def values(self) -> dict[str, Any]:
        stage = self.query_one("#stage", Select).value
        draft = ActivityDraft(
            name=clean_line(self.query_one("#name", Input).value),
            phase=clean_line(self.query_one("#phase", Input).value),
            criteria=self.query_one("#criteria", Input).value,
            deliverable=self.query_one("#deliverable", Input).value,
            gate=self.query_one("#gate", Checkbox).value or isinstance(stage, int),
            stage_id=stage if isinstance(stage, int) else None,
        )
        if not draft.name:
            raise FormError("name", "name the activity")
        if not draft.phase:
            raise FormError("phase", "name the phase it belongs to")
        return vars(draft)
