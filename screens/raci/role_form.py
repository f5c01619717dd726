"""The form to add or rename a role (a column of the RACI table): its name and short code."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback

MAX_NAME = 60
MAX_CODE = 6


class RoleFormModal(FormModal):
    """Dismisses with ``{"name", "code"}`` once saved through ``on_save``, or None if cancelled."""

    def __init__(self, title: str, name: str, code: str, on_save: SaveCallback) -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.role_name = name
        self.role_code = code

    def compose_fields(self) -> ComposeResult:
        yield self.row("Role name", Input(self.role_name, id="name", max_length=MAX_NAME,
                                          placeholder="e.g. Data analyst"))
        yield self.row("Short code", Input(self.role_code, id="code", max_length=MAX_CODE,
                                           placeholder="e.g. DA (at most 6 characters)"))

    def values(self) -> dict[str, Any]:
        name = clean_line(self.query_one("#name", Input).value)
        code = clean_line(self.query_one("#code", Input).value)
        if not name:
            raise FormError("name", "give the role a name")
        if not code:
            raise FormError("code", "give the role a short code (at most 6 characters)")
        return {"name": name, "code": code}

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
