"""Risk settings: the severity thresholds and the review interval (stored per project, undoable).

A form on the shared ``FormModal``: a field that is not a whole number is named at once; the store
checks the order of the thresholds when it saves (a refusal keeps the form and what was typed).
"""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from cockpit.db.models_risks import RiskSettingsRead
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback

FIELDS = (
    ("low_max", "Low up to"),
    ("medium_max", "Medium up to"),
    ("high_max", "High up to"),
    ("review_days", "Review every"),
)


class RiskSettingsModal(FormModal):
    TITLE_TEXT = "Risk settings"

    def __init__(self, current: RiskSettingsRead, on_save: SaveCallback) -> None:
        super().__init__(on_save)
        self.current = current

    def compose_fields(self) -> ComposeResult:
        for name, label in FIELDS:
            yield self.row(label, Input(str(getattr(self.current, name)), id=name, type="integer", compact=True))
        yield Static("Scores are P×I (1–25); above High is critical.  The review interval is in days.",
                     classes="form-info")

    def on_mount(self) -> None:
        self.query_one("#low_max", Input).focus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, label in FIELDS:
            text = self.query_one(f"#{name}", Input).value.strip()
            if not text.isdigit():
                raise FormError(name, "give a whole number", label=label)
            values[name] = int(text)
        return values
