"""Risk settings: the severity thresholds and the review interval (stored per project, undoable)."""

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from db.errors import StoreError, ValidationFailed
from db.models_risks import RiskSettingsRead

FIELDS = (
    ("low_max", "Low: scores up to"),
    ("medium_max", "Medium: scores up to"),
    ("high_max", "High: scores up to (above: critical)"),
    ("review_days", "Review interval (days)"),
)


class RiskSettingsModal(ModalScreen[RiskSettingsRead | None]):
    DEFAULT_CSS = """
    RiskSettingsModal { align: center middle; }
    RiskSettingsModal > Vertical {
        width: 60; height: auto; max-height: 95%; padding: 0 2;
        border: thick $primary; background: $surface;
    }
    RiskSettingsModal #settings-title { text-style: bold; }
    RiskSettingsModal Label { margin-top: 1; color: $text-muted; }
    RiskSettingsModal #settings-error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="risk_settings.save"),
        Binding("escape", "cancel", "Cancel", id="risk_settings.cancel"),
    ]

    def __init__(self, current: RiskSettingsRead, submit: Callable[[dict[str, Any]], RiskSettingsRead]) -> None:
        super().__init__()
        self.current = current
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Risk settings (enter or ctrl+s saves)", id="settings-title")
            for name, label in FIELDS:
                yield Label(label)
                yield Input(str(getattr(self.current, name)), id=name, type="integer")
            yield Static("", id="settings-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#low_max", Input).focus()

    def action_save(self) -> None:
        error = self.query_one("#settings-error", Static)
        values: dict[str, Any] = {}
        for name, label in FIELDS:
            text = self.query_one(f"#{name}", Input).value.strip()
            if not text.isdigit():
                error.update(f"{label}: give a whole number")
                self.query_one(f"#{name}", Input).focus()
                return
            values[name] = int(text)
        try:
            saved = self.submit(values)
        except ValidationFailed as failed:
            label = dict(FIELDS).get(failed.field, failed.field)
            error.update(f"{label}: {failed.reason}")
            if failed.field in dict(FIELDS):
                self.query_one(f"#{failed.field}", Input).focus()
            return
        except StoreError as failed:
            error.update(failed.message)
            return
        self.dismiss(saved)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)
