"""The gate: a card entering a stage with entry criteria must meet them, or be let through with a
typed reason.  space ticks a criterion, enter moves the card once all are ticked, o overrides with a
reason, escape cancels.  What was ticked (or why it was overridden) is stored with the move."""

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from cockpit.db.text import clean_line

MAX_REASON = 500


@dataclass
class GateResult:
    ticked: list[str] = field(default_factory=list)
    override: str | None = None  # the reason, when the gate was overridden

    def detail(self, criteria: list[str]) -> dict:
        """What goes into the move's change-log ``detail``."""
        data: dict = {"gate": "overridden" if self.override else "passed", "criteria": list(self.ticked)}
        if self.override:
            data["override_reason"] = self.override
            data["unmet"] = [c for c in criteria if c not in self.ticked]
        return data


class GateChecklist(OptionList):
    """The criteria; enter asks to move (it does not select), space or a click ticks."""

    BINDINGS = [
        Binding("enter", "screen.pass_gate", "Move", id="gate.pass", show=False,
                tooltip="Move the card (every criterion ticked)"),
    ]


class GateModal(ModalScreen[GateResult | None]):
    DEFAULT_CSS = """
    GateModal { align: center middle; }
    GateModal > Vertical {
        width: 76; max-width: 96%; height: auto; max-height: 95%;
        border: thick $error; background: $surface; padding: 0 2;
    }
    GateModal #gate-title { text-style: bold; color: $error; }
    GateModal #gate-card { text-style: bold; }
    GateModal #gate-approver { color: $accent; }
    GateModal GateChecklist { height: auto; max-height: 12; margin: 1 0 0 0; }
    GateModal #gate-status { color: $text-muted; }
    GateModal #gate-override { display: none; height: auto; }
    GateModal.overriding #gate-override { display: block; }
    GateModal #gate-error { color: $error; height: auto; }
    GateModal .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("space", "toggle", "Tick", id="gate.tick", tooltip="Tick or untick the highlighted criterion"),
        Binding("enter", "pass_gate", "Move", id="gate.pass", tooltip="Move the card once every criterion is ticked"),
        Binding("o", "override", "Override", id="gate.override", tooltip="Move anyway, with a typed reason"),
        Binding("escape", "cancel", "Cancel", id="gate.cancel", tooltip="Leave the card where it is"),
    ]

    def __init__(self, card_title: str, from_stage: str, to_stage: str, criteria: list[str],
                 approver: str | None = None) -> None:
        super().__init__()
        self.card_title = card_title
        self.from_stage = from_stage
        self.to_stage = to_stage
        self.criteria = list(criteria)
        self.approver = approver
        self.ticked: set[int] = set()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"◆ Gate: entering {self.to_stage}", id="gate-title", markup=False)
            yield Static(self.card_title, id="gate-card", markup=False)
            yield Static(f"from {self.from_stage} → {self.to_stage}", classes="hint", markup=False)
            if self.approver:
                yield Static(f"Approver: {self.approver}", id="gate-approver", markup=False)
            yield GateChecklist(*(Option(self._prompt(i), id=str(i)) for i in range(len(self.criteria))),
                                id="gate-criteria")
            yield Static(self._status(), id="gate-status")  # drawn with the dialog, not one frame later
            with Vertical(id="gate-override"):
                yield Static("Why let it through without every criterion?")
                yield Input(placeholder="override reason (stored with the move)", id="gate-reason",
                            max_length=MAX_REASON)
            yield Static("", id="gate-error", markup=False)
            yield Static("space tick · enter move · o override with a reason · escape cancel", classes="hint")

    def on_mount(self) -> None:
        checklist = self.query_one(GateChecklist)
        checklist.highlighted = 0 if self.criteria else None
        checklist.focus()

    def _prompt(self, index: int) -> Text:
        ticked = index in self.ticked
        text = Text("[x] " if ticked else "[ ] ", style="bold" if ticked else "")
        text.append(self.criteria[index])
        return text

    def _status(self) -> str:
        done = len(self.ticked)
        total = len(self.criteria)
        return "all met: enter moves the card" if done == total else f"{done} of {total} ticked"

    def _show_status(self) -> None:
        self.query_one("#gate-status", Static).update(self._status())

    # --- actions -------------------------------------------------------------------------------

    def action_toggle(self, index: int | None = None) -> None:
        checklist = self.query_one(GateChecklist)
        index = checklist.highlighted if index is None else index
        if index is None:
            return
        self.ticked ^= {index}
        checklist.replace_option_prompt_at_index(index, self._prompt(index))
        self.query_one("#gate-error", Static).update("")
        self._show_status()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle(event.option_index)

    def action_pass_gate(self) -> None:
        if len(self.ticked) < len(self.criteria):
            missing = len(self.criteria) - len(self.ticked)
            self.query_one("#gate-error", Static).update(
                f"{missing} criteria not ticked: tick them (space) or override (o)")
            return
        self.dismiss(GateResult(ticked=[self.criteria[i] for i in sorted(self.ticked)]))

    def action_override(self) -> None:
        self.add_class("overriding")
        self.query_one("#gate-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = clean_line(event.value)
        if not reason:
            self.query_one("#gate-error", Static).update("override reason: say why the gate is overridden")
            return
        self.dismiss(GateResult(ticked=[self.criteria[i] for i in sorted(self.ticked)], override=reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
