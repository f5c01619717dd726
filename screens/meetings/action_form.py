"""a: a new action item — text, owner, due date, and optionally a card on the board.  d and i: one
line of text (a decision, a new agenda item).  Both on the one form contract (screens/shared/form.py):
checked as you type, saved through the screen's submitter while open."""

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from cockpit.logic.pickers import pickable
from cockpit.db.models import PersonRead
from cockpit.logic.dates import DateError, describe, parse_due
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


class ActionFormModal(FormModal):
    """Saves {"text", "owner_id", "due", "make_card"} through ``on_save``."""

    CHECKS_EACH_FIELD = True
    AUTO_FOCUS = "#text"
    TITLE_TEXT = "New action item  (enter or ctrl+s saves, escape cancels)"
    DEFAULT_CSS = """
    ActionFormModal #due-parsed { color: $success; height: 1; }
    """

    def __init__(self, on_save: SaveCallback, people: list[PersonRead], today: date,
                 owner_id: int | None = None) -> None:
        super().__init__(on_save)
        self.people = people
        self.today = today
        self.owner_id = owner_id

    def compose_fields(self) -> ComposeResult:
        yield self.row("What", Input(placeholder="What will be done", id="text", compact=True))
        yield self.row("Owner", Select([(p.name, p.id) for p in pickable(self.people, self.owner_id)], value=self.owner_id or Select.NULL,
                                       prompt="owner", id="owner", compact=True))
        yield self.row("Due", Input(placeholder="2026-12-01, fri, next mon, +3d or empty", id="due", compact=True))
        yield self.row("", Static("", id="due-parsed", markup=False))
        yield self.row("", Checkbox("Create a card on the board", id="card", compact=True))

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        """Show the day the due date was understood as (the error line says what is wrong)."""
        try:
            day = parse_due(event.value, self.today)
        except DateError:
            day = None
        self.query_one("#due-parsed", Static).update(f"→ {describe(day, self.today)}" if day else "")

    def problems(self) -> list[FormError]:
        found = []
        if not self.query_one("#text", Input).value.strip():
            found.append(FormError("text", "say what will be done"))
        try:
            parse_due(self.query_one("#due", Input).value, self.today)
        except DateError as error:
            found.append(FormError("due", str(error)))
        return found

    def values(self) -> dict[str, Any]:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            raise FormError("text", "say what will be done")
        try:
            due = parse_due(self.query_one("#due", Input).value, self.today)
        except DateError as error:
            raise FormError("due", str(error)) from None
        owner = self.query_one("#owner", Select).value
        return {"text": text, "owner_id": owner if isinstance(owner, int) else None, "due": due,
                "make_card": self.query_one("#card", Checkbox).value}


class TextFormModal(FormModal):
    """One line of text, saved as {"text"} through ``on_save``."""

    AUTO_FOCUS = "#text"

    def __init__(self, on_save: SaveCallback, title: str, placeholder: str = "") -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.placeholder = placeholder

    def compose_fields(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="text", compact=True)

    def values(self) -> dict[str, Any]:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            raise FormError("text", "type it first (escape cancels)")
        return {"text": text}
