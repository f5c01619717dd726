"""The form to add or rename a role (a column of the RACI table): its name and short code."""

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from db.errors import StoreError, ValidationFailed


class RoleFormModal(ModalScreen[int | None]):
    """Returns the saved role's id, or None if cancelled.  ``save(name, code)`` writes (may refuse)."""

    DEFAULT_CSS = """
    RoleFormModal { align: center middle; }
    RoleFormModal > Vertical {
        width: 60; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    RoleFormModal Label { margin-top: 1; color: $text-muted; }
    RoleFormModal #form-title { text-style: bold; }
    RoleFormModal #form-error { color: $error; height: auto; }
    RoleFormModal Horizontal { height: auto; margin-top: 1; }
    RoleFormModal Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="raci_role_form.cancel")]

    def __init__(self, title: str, name: str, code: str, save: Callable[[str, str], int]) -> None:
        super().__init__()
        self.form_title = title
        self.role_name = name
        self.role_code = code
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.form_title, id="form-title", markup=False)
            yield Label("Role name")
            yield Input(self.role_name, id="name", max_length=60, placeholder="e.g. Data analyst")
            yield Label("Short code (shown in narrow tables, at most 6 characters)")
            yield Input(self.role_code, id="code", max_length=6, placeholder="e.g. DA")
            yield Static("", id="form-error", markup=False)
            with Horizontal():
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        name = self.query_one("#name", Input).value
        code = self.query_one("#code", Input).value
        try:
            saved = self.save(name, code)
        except StoreError as error:
            self.query_one("#form-error", Static).update(error.message)
            if isinstance(error, ValidationFailed) and error.field in {"name", "code"}:
                self.query_one(f"#{error.field}", Input).focus()
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
