"""a: a new action item — text, owner, due date, and optionally a card on the board."""

from dataclasses import dataclass
from datetime import date

from dateutil.parser import ParserError, parse
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from db.models import PersonRead


@dataclass
class ActionDraft:
    text: str
    owner_id: int | None
    due: date | None
    make_card: bool


def parse_due(text: str, today: date) -> date | None:
    """An ISO date, "+3" (days from today) or anything dateutil reads; ValueError if unreadable."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("+") and text[1:].isdigit():
        from datetime import timedelta

        return today + timedelta(days=int(text[1:]))
    try:
        from datetime import datetime, time

        return parse(text, yearfirst=True, default=datetime.combine(today, time.min)).date()
    except (ParserError, ValueError, OverflowError) as exc:
        raise ValueError(f"cannot read {text!r} as a date") from exc


class ActionFormModal(ModalScreen[ActionDraft | None]):
    AUTO_FOCUS = "#text"
    DEFAULT_CSS = """
    ActionFormModal { align: center middle; }
    ActionFormModal > VerticalScroll {
        width: 70; max-width: 95%; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ActionFormModal *:focus { background-tint: $primary 20%; }
    ActionFormModal Horizontal { height: auto; margin-top: 1; }
    ActionFormModal Input, ActionFormModal Select, ActionFormModal Checkbox { margin-top: 1; }
    ActionFormModal Button { margin-right: 2; }
    ActionFormModal #error { color: $error; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="action_form.save", tooltip="Save the action item"),
        Binding("escape", "cancel", "Cancel", id="action_form.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, people: list[PersonRead], today: date, owner_id: int | None = None) -> None:
        super().__init__()
        self.people = people
        self.today = today
        self.owner_id = owner_id

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("[b]New action item[/b]  (enter or ctrl+s saves, escape cancels)")
            yield Input(placeholder="What will be done", id="text", compact=True)
            yield Select([(p.name, p.id) for p in self.people], value=self.owner_id or Select.NULL,
                         prompt="owner", id="owner", compact=True)
            yield Input(placeholder="due: 2026-12-01, +7 or empty", id="due", compact=True)
            yield Checkbox("Create a card on the board", id="card", compact=True)
            yield Label("", id="error")
            with Horizontal():
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        error = self.query_one("#error", Label)
        if not text:
            error.update("Say what will be done.")
            return
        try:
            due = parse_due(self.query_one("#due", Input).value, self.today)
        except ValueError as exc:
            error.update(str(exc).replace("[", "\\["))
            return
        owner = self.query_one("#owner", Select).value
        self.dismiss(ActionDraft(text, None if owner == Select.NULL else int(owner), due,  # type: ignore[arg-type]
                                 self.query_one("#card", Checkbox).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
